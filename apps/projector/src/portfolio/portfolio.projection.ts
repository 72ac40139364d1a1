import { activityDay, localDay } from '#domain';
import { type StoredEvent } from '#event-store';
import { ERASED } from '#events';
import { collections, type PortfolioKind, projections } from '#read-models';
import { type Update, type WriteOp } from '#read-store';
import { type Projection, type ProjectionSettings, typed, upsert } from '../projection';

const item = (stored: StoredEvent, kind: PortfolioKind, id: string, update: Update): WriteOp[] =>
  upsert(stored, collections.portfolio, `${kind}-${id}`, update);

const created = (
  stored: StoredEvent,
  kind: PortfolioKind,
  fields: {
    itemId: string;
    customerId: string | null;
    ownerId: string;
    title: string;
    at: string;
  },
  extra: Record<string, unknown> = {},
) => {
  const { at, ...rest } = fields;
  return item(stored, kind, fields.itemId, {
    $set: { kind, ...rest, ownedSince: at, open: true, status: 'open', ...extra },
  });
};

const closed = (stored: StoredEvent, kind: PortfolioKind, id: string, status: string) =>
  item(stored, kind, id, { $set: { open: false, status } });

const moved = (stored: StoredEvent, kind: PortfolioKind, id: string, to: string, at: string) =>
  item(stored, kind, id, { $set: { ownerId: to, ownedSince: at } });

/**
 * Who owns which lead, customer, deal, activity and ticket, and whether it is still open: the
 * portfolio a hand-over moves and `GET /staff/{id}/portfolio` shows. An activity's day is the
 * business's (`timeZone`).
 */
export const portfolioProjection = ({ timeZone }: ProjectionSettings): Projection => ({
  name: projections.portfolio,
  settings: { timeZone },
  indexes: [[collections.portfolio, ['ownerId', 'open', 'kind']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'LeadCreated': {
          const { leadId, ownerId, personName, companyName, createdAt } = event.data;
          return created(stored, 'lead', {
            itemId: leadId,
            customerId: null,
            ownerId,
            title: companyName ? `${personName} (${companyName})` : personName,
            at: createdAt,
          });
        }
        case 'LeadDetailsChanged': {
          const { leadId, personName, companyName } = event.data;
          return item(stored, 'lead', leadId, {
            $set: { title: companyName ? `${personName} (${companyName})` : personName },
          });
        }
        case 'LeadQualified':
          return item(stored, 'lead', event.data.leadId, { $set: { status: 'qualified' } });
        case 'LeadDisqualified':
          return closed(stored, 'lead', event.data.leadId, 'disqualified');
        case 'LeadPersonalDataErased':
          return item(stored, 'lead', event.data.leadId, { $set: { title: ERASED } });
        case 'LeadConverted':
          return item(stored, 'lead', event.data.leadId, {
            $set: { open: false, status: 'converted', customerId: event.data.customerId },
          });
        case 'LeadReassigned':
          return moved(
            stored,
            'lead',
            event.data.leadId,
            event.data.toStaffId,
            event.data.reassignedAt,
          );
        case 'CustomerRegistered': {
          const { customerId, ownerId, name, registeredAt } = event.data;
          return created(stored, 'customer', {
            itemId: customerId,
            customerId,
            ownerId,
            title: name,
            at: registeredAt,
          });
        }
        case 'CustomerReassigned':
          return moved(
            stored,
            'customer',
            event.data.customerId,
            event.data.toStaffId,
            event.data.reassignedAt,
          );
        case 'CustomerProfileUpdated':
          return event.data.changes.name === undefined
            ? []
            : item(stored, 'customer', event.data.customerId, {
                $set: { title: event.data.changes.name },
              });
        case 'CustomerArchived':
          return closed(stored, 'customer', event.data.customerId, 'archived');
        case 'CustomerPersonalDataErased': {
          // Titles made of personal data: names, deal and activity titles, ticket subjects.
          const { customerId, leadIds } = event.data;
          const title = (where: Record<string, string | boolean>): WriteOp => ({
            kind: 'setWhere',
            collection: collections.portfolio,
            where,
            set: { title: ERASED },
          });
          return [
            title({ kind: 'customer', customerId }),
            title({ kind: 'deal', customerId }),
            title({ kind: 'activity', customerId }),
            title({ kind: 'ticket', customerId }),
            ...leadIds.map((leadId) => title({ kind: 'lead', itemId: leadId })),
          ];
        }
        case 'CustomerRestored':
          return item(stored, 'customer', event.data.customerId, {
            $set: { open: true, status: 'open' },
          });
        case 'DealOpened': {
          const { dealId, customerId, ownerId, title, openedAt } = event.data;
          return created(stored, 'deal', {
            itemId: dealId,
            customerId,
            ownerId,
            title,
            at: openedAt,
          });
        }
        case 'DealRenamed':
          return item(stored, 'deal', event.data.dealId, { $set: { title: event.data.title } });
        case 'DealWon':
          return closed(stored, 'deal', event.data.dealId, 'won');
        case 'DealLost':
          return closed(stored, 'deal', event.data.dealId, 'lost');
        case 'DealReopened':
          return item(stored, 'deal', event.data.dealId, { $set: { open: true, status: 'open' } });
        case 'DealReassigned':
          return moved(
            stored,
            'deal',
            event.data.dealId,
            event.data.toStaffId,
            event.data.reassignedAt,
          );
        case 'ActivityScheduled': {
          const { activityId, customerId, assigneeId, title, timing, kind, scheduledAt } =
            event.data;
          return created(
            stored,
            'activity',
            { itemId: activityId, customerId, ownerId: assigneeId, title, at: scheduledAt },
            {
              activityKind: kind,
              dueOn: activityDay(timing, timeZone),
              status: 'planned',
            },
          );
        }
        case 'ActivityRescheduled': {
          const { to } = event.data;
          return item(stored, 'activity', event.data.activityId, {
            $set: { dueOn: activityDay(to, timeZone) },
          });
        }
        case 'ActivityDetailsChanged':
          return item(stored, 'activity', event.data.activityId, {
            $set: { title: event.data.title },
          });
        case 'InteractionLogged': {
          const { activityId, customerId, staffId, summary, kind, occurredAt } = event.data;
          return item(stored, 'activity', activityId, {
            $set: {
              kind: 'activity',
              itemId: activityId,
              customerId,
              ownerId: staffId,
              title: summary,
              ownedSince: occurredAt,
              open: false,
              status: 'completed',
              activityKind: kind,
              dueOn: localDay(Date.parse(occurredAt), timeZone),
              logged: true,
            },
          });
        }
        case 'ActivityCompleted':
          return closed(stored, 'activity', event.data.activityId, 'completed');
        case 'ActivityCancelled':
          return closed(stored, 'activity', event.data.activityId, 'cancelled');
        case 'ActivityReassigned':
          return moved(
            stored,
            'activity',
            event.data.activityId,
            event.data.toStaffId,
            event.data.reassignedAt,
          );
        case 'TicketOpened': {
          const { ticketId, customerId, assigneeId, subject, priority, openedAt } = event.data;
          return created(
            stored,
            'ticket',
            { itemId: ticketId, customerId, ownerId: assigneeId, title: subject, at: openedAt },
            { priority },
          );
        }
        case 'TicketResolved':
          return closed(stored, 'ticket', event.data.ticketId, 'resolved');
        case 'TicketReopened':
          return item(stored, 'ticket', event.data.ticketId, {
            $set: { open: true, status: 'open' },
          });
        case 'TicketDetailsChanged':
          return item(stored, 'ticket', event.data.ticketId, {
            $set: { title: event.data.subject },
          });
        case 'TicketReclassified':
          return item(stored, 'ticket', event.data.ticketId, {
            $set: { priority: event.data.priority },
          });
        case 'TicketClosed':
          return closed(stored, 'ticket', event.data.ticketId, 'closed');
        case 'TicketReassigned':
          return moved(
            stored,
            'ticket',
            event.data.ticketId,
            event.data.toStaffId,
            event.data.reassignedAt,
          );
        default:
          return [];
      }
    }),
});
