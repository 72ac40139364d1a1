import { type StoredEvent } from '#event-store';
import {
  type ActivityKind,
  contactKinds as kinds,
  isCustomerEvent,
  type KroonikaEvent,
  MAILER,
} from '#events';
import { collections } from '#read-models';
import { type Update, type WriteOp } from '#read-store';
import { type Lookup, type Projection, typed, upsert } from '../projection';
import { customerUpdate, erasure } from './profile-updates';

const contactKinds: ReadonlySet<ActivityKind> = new Set(kinds);

const activityKey = (activityId: string) => `activity:${activityId}`;
const emailKey = (emailId: string) => `email:${emailId}`;

/** A contact that happened when a planned activity or a message waiting for delivery closes. */
type AwaitedContact = { customerId: string; closedAt?: string };

/**
 * When someone was last in touch with the customer (`lastContactAt`): a call, meeting, event or
 * e-mail logged, or planned and completed; a message a staff member sent, once delivered (not
 * a campaign's, nor a reminder to staff); a response to one of their tickets. Anything else
 * that happens on the customer (an invoice, a tag, a stage) moves only `lastActivityAt`.
 */
const contactOf = (
  event: KroonikaEvent,
  stored: StoredEvent,
  state: Lookup,
): { at: string; customerId: string; key?: string } | undefined => {
  const awaited = (key: string) => {
    const doc = state(collections.customerContacts, key) as AwaitedContact | undefined;
    return doc && !doc.closedAt ? doc : undefined;
  };
  switch (event.type) {
    case 'InteractionLogged':
      return contactKinds.has(event.data.kind)
        ? { at: event.data.occurredAt, customerId: event.data.customerId }
        : undefined;
    case 'ActivityCompleted': {
      const key = activityKey(event.data.activityId);
      const doc = awaited(key);
      return doc && { at: event.data.completedAt, customerId: doc.customerId, key };
    }
    case 'EmailSent': {
      const key = emailKey(event.data.emailId);
      const doc = awaited(key);
      return doc && { at: event.data.sentAt, customerId: doc.customerId, key };
    }
    case 'TicketResponded':
      return stored.metadata.customerId
        ? { at: event.data.respondedAt, customerId: stored.metadata.customerId }
        : undefined;
    default:
      return undefined;
  }
};

/** What is awaited (a contact to come) or closed by the event, in the projection's own state. */
const awaitedOf = (
  event: KroonikaEvent,
  stored: StoredEvent,
  state: Lookup,
): { key: string; update: Update } | undefined => {
  switch (event.type) {
    case 'ActivityScheduled':
      return contactKinds.has(event.data.kind)
        ? {
            key: activityKey(event.data.activityId),
            update: { $set: { customerId: event.data.customerId } },
          }
        : undefined;
    case 'ActivityCancelled': {
      // Only what was awaited: a cancelled task leaves nothing behind.
      const key = activityKey(event.data.activityId);
      return state(collections.customerContacts, key)
        ? { key, update: { $set: { closedAt: event.data.cancelledAt } } }
        : undefined;
    }
    case 'EmailQueued':
      // Staff's messages to the customer; the service's own (reminders, campaigns) are not contacts.
      return event.data.customerId && !event.data.campaignId && stored.metadata.actorId !== MAILER
        ? {
            key: emailKey(event.data.emailId),
            update: { $set: { customerId: event.data.customerId } },
          }
        : undefined;
    default:
      return undefined;
  }
};

/** The customer's own document: its profile and its last activity (invoice totals are kept apart). */
const profile = (event: KroonikaEvent, stored: StoredEvent, state: Lookup): WriteOp[] => {
  const customerId = stored.metadata.customerId;
  if (!customerId || event.type === 'LeadConverted') return [];
  const at = stored.metadata.occurredAt;
  if (event.type === 'CustomerPersonalDataErased')
    return upsert(stored, collections.customers, customerId, {
      ...erasure(state(collections.customers, customerId), event.data.erasedAt),
      $max: { lastActivityAt: at },
    });
  if (isCustomerEvent(event))
    return upsert(stored, collections.customers, customerId, {
      ...customerUpdate(event),
      $max: { lastActivityAt: at },
    });
  return upsert(stored, collections.customers, customerId, { $max: { lastActivityAt: at } });
};

/**
 * The customer's profile and contact dates; deals and invoices are joined at read time. An
 * erasure reads the customer's document to find every personal field it holds; a completed
 * activity or a delivered message reads what was awaited of it, to tell a contact (above).
 */
export const customer360Projection: Projection = {
  name: collections.customers,
  indexes: [
    [collections.customers, ['ownerId']],
    [collections.customers, ['status', 'name']],
    // Segments by category page through their members in id order (segment-rules.ts).
    [collections.customers, ['category', '_id']],
    // Kept segment members are brought up to date from the customers written since (kept-members.ts).
    [collections.customers, ['_position']],
  ],
  state: {
    collections: [collections.customers, collections.customerContacts],
    reads: (stored) => {
      if (stored.type === 'CustomerPersonalDataErased' && stored.metadata.customerId)
        return [[collections.customers, stored.metadata.customerId]];
      if (stored.type === 'ActivityCompleted' || stored.type === 'ActivityCancelled')
        return [
          [
            collections.customerContacts,
            activityKey((stored.data as { activityId: string }).activityId),
          ],
        ];
      if (stored.type === 'EmailSent')
        return [
          [collections.customerContacts, emailKey((stored.data as { emailId: string }).emailId)],
        ];
      return [];
    },
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      const awaited = awaitedOf(event, stored, state);
      const contact = contactOf(event, stored, state);
      const ops = [
        ...profile(event, stored, state),
        ...(awaited
          ? upsert(stored, collections.customerContacts, awaited.key, awaited.update)
          : []),
      ];
      if (!contact) return ops;
      if (contact.key)
        ops.push(
          ...upsert(stored, collections.customerContacts, contact.key, {
            $set: { closedAt: contact.at },
          }),
        );
      // One write per document and event: a store guards each by the event's position.
      const own = ops.find(
        (op) =>
          op.kind === 'upsert' &&
          op.collection === collections.customers &&
          op.id === contact.customerId,
      );
      if (own?.kind === 'upsert')
        own.update = { ...own.update, $max: { ...own.update.$max, lastContactAt: contact.at } };
      else
        ops.push(
          ...upsert(stored, collections.customers, contact.customerId, {
            $max: { lastContactAt: contact.at },
          }),
        );
      return ops;
    }),
};
