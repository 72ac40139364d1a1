import { ERASED } from '#events';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** The service queue: one document per ticket with its deadlines and when they were met. */
export const ticketsProjection: Projection = {
  name: projections.tickets,
  indexes: [
    [collections.tickets, ['status', 'openedAt']],
    [collections.tickets, ['assigneeId', 'status']],
    [collections.tickets, ['customerId', 'openedAt']],
    [collections.tickets, ['customerId', 'status', 'openedAt']],
    [collections.tickets, ['openedAt']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const ticket = (id: string, update: Parameters<typeof upsert>[3]) =>
        upsert(stored, collections.tickets, id, update);
      switch (event.type) {
        case 'TicketOpened': {
          const d = event.data;
          return ticket(d.ticketId, {
            $set: {
              customerId: d.customerId,
              subject: d.subject,
              description: d.description ?? null,
              channel: d.channel,
              priority: d.priority,
              classification: d.classification ?? null,
              assigneeId: d.assigneeId,
              status: 'open',
              openedAt: d.openedAt,
              sla: d.sla,
              firstResponseAt: null,
              resolvedAt: null,
              closedAt: null,
              sharedUntil: null,
              customerViewedAt: null,
            },
          });
        }
        case 'TicketDetailsChanged':
          return ticket(event.data.ticketId, {
            $set: { subject: event.data.subject, description: event.data.description ?? null },
          });
        case 'TicketShared':
          return ticket(event.data.ticketId, { $set: { sharedUntil: event.data.expiresAt } });
        case 'TicketShareRevoked':
          return ticket(event.data.ticketId, { $set: { sharedUntil: null } });
        case 'TicketStatusViewed':
          return ticket(event.data.ticketId, { $set: { customerViewedAt: event.data.viewedAt } });
        case 'TicketReclassified':
          return ticket(event.data.ticketId, {
            $set: {
              priority: event.data.priority,
              classification: event.data.classification,
              sla: event.data.sla,
            },
          });
        case 'TicketReassigned':
          return ticket(event.data.ticketId, { $set: { assigneeId: event.data.toStaffId } });
        // `answeredAt`: when the customer first had an answer — the first response, or the
        // resolution or closing that came before any. It stays through a reopening.
        case 'TicketResponded':
          return event.data.first
            ? ticket(event.data.ticketId, {
                $set: { firstResponseAt: event.data.respondedAt },
                $min: { answeredAt: event.data.respondedAt },
              })
            : [];
        case 'TicketResolved':
          return ticket(event.data.ticketId, {
            $set: { status: 'resolved', resolvedAt: event.data.resolvedAt },
            $min: { answeredAt: event.data.resolvedAt },
          });
        case 'TicketReopened':
          return ticket(event.data.ticketId, { $set: { status: 'open', resolvedAt: null } });
        case 'TicketClosed':
          return ticket(event.data.ticketId, {
            $set: { status: 'closed', closedAt: event.data.closedAt },
            $min: { answeredAt: event.data.closedAt },
          });
        case 'CustomerPersonalDataErased':
          // A subject and a description are free text about the customer.
          return [
            {
              kind: 'setWhere',
              collection: collections.tickets,
              where: { customerId: event.data.customerId },
              set: { subject: ERASED, description: null },
            },
          ];
        default:
          return [];
      }
    }),
};
