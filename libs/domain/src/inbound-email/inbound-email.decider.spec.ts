import { type InboundContent, type InboundEmailEvent } from '#events';
import { expectRejected, specFor } from '../testing';
import {
  emailParties,
  heldContent,
  inboundEmailDecider,
  inboundStaff,
  type ReceiveInboundEmail,
} from './inbound-email.decider';

const now = '2026-03-02T08:00:00.000Z';
const content: InboundContent = {
  from: 'mari@maasikas.ee',
  to: ['crm@kroonika.test'],
  cc: [],
  subject: 'Pakkumine',
  text: 'Tere!',
  sentAt: now,
  attachments: [],
};
const receive = (customerIds: string[]): ReceiveInboundEmail => ({
  type: 'ReceiveInboundEmail',
  inboundEmailId: 'm1',
  messageId: '<a@b>',
  customerIds,
  content,
  now,
});
const heldForReview: InboundEmailEvent = {
  type: 'InboundEmailReceived',
  data: {
    inboundEmailId: 'm1',
    messageId: '<a@b>',
    status: 'review',
    customerIds: [],
    content,
    receivedAt: now,
  },
};
const spec = specFor(inboundEmailDecider);

describe('Incoming e-mail', () => {
  it('given customers found by its addresses, when received, then logged, keeping no content', () => {
    spec([])
      .when(receive(['c1', 'c2']))
      .then([
        {
          type: 'InboundEmailReceived',
          data: {
            inboundEmailId: 'm1',
            messageId: '<a@b>',
            status: 'logged',
            customerIds: ['c1', 'c2'],
            receivedAt: now,
          },
        },
      ]);
  });
  it('given nobody found, when received, then held for review with its content', () => {
    spec([]).when(receive([])).then([heldForReview]);
  });
  it('given the message received before, when it arrives again, then nothing is recorded', () => {
    spec([heldForReview])
      .when(receive(['c1']))
      .thenNothingHappened();
  });
  it('given a held message, when assigned to a customer, then assigned', () => {
    spec([heldForReview])
      .when({
        type: 'AssignInboundEmail',
        inboundEmailId: 'm1',
        customerId: 'c1',
        activityId: 'a1',
        now,
      })
      .then([
        {
          type: 'InboundEmailAssigned',
          data: { inboundEmailId: 'm1', customerId: 'c1', activityId: 'a1', assignedAt: now },
        },
      ]);
  });
  it('given a held message, when dismissed, then dismissed with the reason', () => {
    spec([heldForReview])
      .when({ type: 'DismissInboundEmail', inboundEmailId: 'm1', reason: 'spam', now })
      .then([
        {
          type: 'InboundEmailDismissed',
          data: { inboundEmailId: 'm1', reason: 'spam', dismissedAt: now },
        },
      ]);
  });
  it('given a logged, assigned or dismissed message, then it is neither assigned nor dismissed', () => {
    const logged: InboundEmailEvent = {
      type: 'InboundEmailReceived',
      data: { ...heldForReview.data, status: 'logged', customerIds: ['c1'] } as never,
    };
    const dismiss = { type: 'DismissInboundEmail' as const, inboundEmailId: 'm1', now };
    spec([logged]).when(dismiss).thenRejectedWith('inbound-email-not-in-review');
    const dismissed: InboundEmailEvent = {
      type: 'InboundEmailDismissed',
      data: { inboundEmailId: 'm1', dismissedAt: now },
    };
    spec([heldForReview, dismissed])
      .when({
        type: 'AssignInboundEmail',
        inboundEmailId: 'm1',
        customerId: 'c1',
        activityId: 'a1',
        now,
      })
      .thenRejectedWith('inbound-email-not-in-review');
    spec([]).when(dismiss).thenRejectedWith('inbound-email-not-found');
  });
});

describe('The content of a message held for review', () => {
  it('given a message held with its content, then that content and its Message-ID', () => {
    expect(heldContent(heldForReview.data, 'm1')).toEqual({ messageId: '<a@b>', content });
  });

  it('given a message whose content is not held, or none, then refused', () => {
    const { content: _gone, ...withoutContent } = heldForReview.data;
    expectRejected(() => heldContent(withoutContent, 'm1'), 'inbound-email-content-gone');
    expectRejected(() => heldContent(undefined, 'm1'), 'inbound-email-not-found');
  });
});

describe('Who an incoming message involves', () => {
  const customer = {
    profile: { emails: ['Info@Maasikas.ee'] },
    contacts: {
      k1: { contactId: 'k1', email: 'mari@maasikas.ee' },
      k2: { contactId: 'k2' },
    },
  };
  it('given its addresses, then the customer and contacts with one of them, in any case', () => {
    expect(emailParties(customer, ['info@maasikas.ee'])).toEqual({
      customer: true,
      contactIds: [],
    });
    expect(emailParties(customer, ['MARI@maasikas.ee', 'x@y.ee'])).toEqual({
      customer: false,
      contactIds: ['k1'],
    });
    expect(emailParties(customer, ['x@y.ee'])).toEqual({ customer: false, contactIds: [] });
  });
  it('given staff among the addresses, then the sender first, then the first addressed, else the owner', () => {
    const staff = new Map([
      ['jaan@firma.ee', 's1'],
      ['eva@firma.ee', 's2'],
    ]);
    const message = { from: 'Jaan@firma.ee', to: ['crm@firma.ee'], cc: ['eva@firma.ee'] };
    expect(inboundStaff(message, staff, 'owner')).toBe('s1');
    expect(inboundStaff({ ...message, from: 'mari@maasikas.ee' }, staff, 'owner')).toBe('s2');
    expect(inboundStaff({ from: 'mari@maasikas.ee', to: [], cc: [] }, staff, 'owner')).toBe(
      'owner',
    );
  });
});
