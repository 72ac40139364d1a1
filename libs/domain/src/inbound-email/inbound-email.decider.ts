import {
  type InboundContent,
  type InboundEmailEvent,
  type InboundEmailReceived,
  type RepliedEmail,
} from '#events';
import { type Decider, notFound, unreachable, violated } from '../decider';

export type InboundEmailState =
  | { status: 'none' }
  | {
      status: 'logged' | 'review' | 'assigned' | 'dismissed';
      inboundEmailId: string;
      customerIds: string[];
    };

/**
 * A message that arrived at the CRM's address, with the customers found by its addresses
 * (loaded before deciding). The same message arriving again (a resend, a second copy of the
 * endpoint) records nothing.
 */
export type ReceiveInboundEmail = {
  type: 'ReceiveInboundEmail';
  inboundEmailId: string;
  messageId: string;
  customerIds: string[];
  content: InboundContent;
  inReplyTo?: RepliedEmail;
  now: string;
};
export type AssignInboundEmail = {
  type: 'AssignInboundEmail';
  inboundEmailId: string;
  customerId: string;
  /** The interaction the message was logged as on the customer. */
  activityId: string;
  now: string;
};
export type DismissInboundEmail = {
  type: 'DismissInboundEmail';
  inboundEmailId: string;
  reason?: string;
  now: string;
};
export type InboundEmailCommand = ReceiveInboundEmail | AssignInboundEmail | DismissInboundEmail;

const held = (state: InboundEmailState, inboundEmailId: string, action: string) => {
  if (state.status === 'none') throw notFound('inbound-email', inboundEmailId);
  if (state.status !== 'review')
    throw violated(
      'inbound-email-not-in-review',
      `A message that is ${state.status} cannot be ${action}; only one held for review`,
    );
};

const decide = (command: InboundEmailCommand, state: InboundEmailState): InboundEmailEvent[] => {
  switch (command.type) {
    case 'ReceiveInboundEmail': {
      if (state.status !== 'none') return [];
      const logged = command.customerIds.length > 0;
      return [
        {
          type: 'InboundEmailReceived',
          data: {
            inboundEmailId: command.inboundEmailId,
            messageId: command.messageId,
            status: logged ? 'logged' : 'review',
            customerIds: [...command.customerIds],
            // Logged: the content is on the customers' timelines, sealed with their keys.
            ...(logged ? {} : { content: command.content }),
            ...(command.inReplyTo ? { inReplyTo: command.inReplyTo } : {}),
            receivedAt: command.now,
          },
        },
      ];
    }
    case 'AssignInboundEmail':
      held(state, command.inboundEmailId, 'assigned');
      return [
        {
          type: 'InboundEmailAssigned',
          data: {
            inboundEmailId: command.inboundEmailId,
            customerId: command.customerId,
            activityId: command.activityId,
            assignedAt: command.now,
          },
        },
      ];
    case 'DismissInboundEmail':
      held(state, command.inboundEmailId, 'dismissed');
      return [
        {
          type: 'InboundEmailDismissed',
          data: {
            inboundEmailId: command.inboundEmailId,
            ...(command.reason ? { reason: command.reason } : {}),
            dismissedAt: command.now,
          },
        },
      ];
    default:
      return unreachable(command);
  }
};

const evolve = (state: InboundEmailState, event: InboundEmailEvent): InboundEmailState => {
  switch (event.type) {
    case 'InboundEmailReceived':
      return {
        status: event.data.status,
        inboundEmailId: event.data.inboundEmailId,
        customerIds: event.data.customerIds,
      };
    case 'InboundEmailAssigned':
      return state.status === 'none'
        ? state
        : { ...state, status: 'assigned', customerIds: [event.data.customerId] };
    case 'InboundEmailDismissed':
      return state.status === 'none' ? state : { ...state, status: 'dismissed' };
  }
};

export const inboundEmailDecider: Decider<
  InboundEmailCommand,
  InboundEmailEvent,
  InboundEmailState
> = { decide, evolve, initialState: () => ({ status: 'none' }) };

/**
 * Who at a customer an incoming message involves: the customer itself (its profile's
 * addresses) and the contact persons with one of the message's addresses, compared without
 * regard to case.
 */
export const emailParties = (
  customer: {
    profile: { emails: readonly string[] };
    contacts: Record<string, { contactId: string; email?: string }>;
  },
  addresses: readonly string[],
): { customer: boolean; contactIds: string[] } => {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  return {
    customer: customer.profile.emails.some((e) => wanted.has(e.toLowerCase())),
    contactIds: Object.values(customer.contacts)
      .filter((c) => c.email !== undefined && wanted.has(c.email.toLowerCase()))
      .map((c) => c.contactId),
  };
};

/**
 * The staff member an incoming message is logged for: the one who sent or forwarded it, else
 * the first one it was addressed or copied to, else the customer's owner.
 */
export const inboundStaff = (
  message: { from: string; to: readonly string[]; cc: readonly string[] },
  staffByAddress: ReadonlyMap<string, string>,
  ownerId: string,
): string => {
  for (const address of [message.from, ...message.to, ...message.cc]) {
    const staffId = staffByAddress.get(address.toLowerCase());
    if (staffId) return staffId;
  }
  return ownerId;
};

/**
 * The content of a message held for review, which assigning logs on the customer: recorded
 * when it arrived, or refused when the message never arrived or its content is no longer held
 * (a message logged on arrival keeps none of its own).
 */
export const heldContent = (
  received: InboundEmailReceived['data'] | undefined,
  inboundEmailId: string,
): { messageId: string; content: InboundContent } => {
  if (!received) throw notFound('inbound-email', inboundEmailId);
  if (!received.content)
    throw violated('inbound-email-content-gone', 'The message content is no longer held');
  return { messageId: received.messageId, content: received.content };
};
