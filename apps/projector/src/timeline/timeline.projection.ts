import { type KroonikaEventType } from '#events';
import { collections, type TimelineGroup } from '#read-models';
import { type Projection, typed } from '../projection';

export const timelineGroups: Record<KroonikaEventType, TimelineGroup> = {
  LeadCreated: 'sales',
  LeadQualified: 'sales',
  LeadDisqualified: 'sales',
  LeadConverted: 'sales',
  LeadReassigned: 'sales',
  CustomerRegistered: 'profile',
  CustomerReassigned: 'profile',
  CustomerProfileUpdated: 'profile',
  ContactPersonAdded: 'profile',
  ContactPersonUpdated: 'profile',
  ContactPersonRemoved: 'profile',
  CustomerCategorized: 'profile',
  CustomerTagged: 'profile',
  CustomerUntagged: 'profile',
  MarketingConsentRecorded: 'profile',
  MarketingConsentWithdrawn: 'profile',
  RegistryDataImported: 'profile',
  CustomerArchived: 'profile',
  CustomerRestored: 'profile',
  PipelineDefined: 'sales',
  StageAdded: 'sales',
  StageRenamed: 'sales',
  StageSettingsChanged: 'sales',
  StagesReordered: 'sales',
  StageRemoved: 'sales',
  DealOpened: 'sales',
  DealStageMoved: 'sales',
  DealNextActionScheduled: 'sales',
  DealNextActionCleared: 'sales',
  DealWon: 'sales',
  DealLost: 'sales',
  DealReopened: 'sales',
  DealReassigned: 'sales',
  DealMovedToPipeline: 'sales',
  DealValueChanged: 'sales',
  OfferMade: 'sales',
  OfferRevised: 'sales',
  OfferAccepted: 'sales',
  OfferRejected: 'sales',
  OfferExpired: 'sales',
  InvoiceNumberAssigned: 'invoices',
  InvoiceIssued: 'invoices',
  InvoiceDrafted: 'invoices',
  InvoiceDraftUpdated: 'invoices',
  InvoiceDraftDiscarded: 'invoices',
  CreditNoteNumberAssigned: 'invoices',
  InvoiceSent: 'invoices',
  PaymentRecorded: 'invoices',
  InvoiceVoided: 'invoices',
  StaffMemberRegistered: 'profile',
  StaffRolesChanged: 'profile',
  StaffMemberDeactivated: 'profile',
  ActivityScheduled: 'activities',
  ActivityRescheduled: 'activities',
  InteractionLogged: 'activities',
  ActivityCompleted: 'activities',
  ActivityCancelled: 'activities',
  ActivityReassigned: 'activities',
  TicketOpened: 'service',
  TicketReassigned: 'service',
  TicketReclassified: 'service',
  TicketResponded: 'service',
  TicketReopened: 'service',
  TicketResolved: 'service',
  TicketClosed: 'service',
  SegmentDefined: 'profile',
  SegmentRedefined: 'profile',
  DocumentAttached: 'profile',
  DocumentRemoved: 'profile',
};

const leadOf = (data: unknown): string | null => {
  const id = (data as { leadId?: unknown }).leadId;
  return typeof id === 'string' ? id : null;
};

/**
 * Every event concerning a customer, keyed by event id (insert-once, so replays are harmless).
 * A lead's events join its customer's timeline when the lead converts.
 */
export const timelineProjection: Projection = {
  name: collections.timeline,
  indexes: [
    [collections.timeline, ['customerId', 'position']],
    [collections.timeline, ['leadId']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const customerId = stored.metadata.customerId ?? null;
      const leadId = leadOf(event.data);
      if (
        event.type === 'PipelineDefined' ||
        event.type === 'InvoiceNumberAssigned' ||
        event.type === 'CreditNoteNumberAssigned'
      )
        return [];
      if (!customerId && !leadId) return [];
      const entry = {
        kind: 'upsert' as const,
        collection: collections.timeline,
        id: stored.eventId,
        position: stored.position,
        update: {
          $setOnInsert: {
            customerId,
            leadId,
            position: stored.position,
            at: stored.metadata.occurredAt,
            type: event.type,
            group: timelineGroups[event.type],
            actorId: stored.metadata.actorId,
            streamId: stored.streamId,
            data: event.data as Record<string, unknown>,
          },
        },
      };
      if (event.type === 'LeadConverted')
        return [
          {
            kind: 'setWhere',
            collection: collections.timeline,
            where: { leadId: event.data.leadId },
            set: { customerId: event.data.customerId },
          },
          entry,
        ];
      return [entry];
    }),
};
