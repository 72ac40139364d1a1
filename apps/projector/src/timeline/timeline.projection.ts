import { workflowActorId } from '#domain';
import { type KroonikaEventType, MAILER, splitPersonal } from '#events';
import { type StoredEvent } from '#event-store';
import { collections, staffIdsIn, timelineEntryId, type TimelineGroup } from '#read-models';
import { type WriteOp } from '#read-store';
import { type Lookup, type Projection, typed, upsert } from '../projection';

export const timelineGroups: Record<KroonikaEventType, TimelineGroup> = {
  LeadCreated: 'sales',
  LeadDetailsChanged: 'sales',
  LeadQualified: 'sales',
  LeadDisqualified: 'sales',
  LeadConverted: 'sales',
  LeadJoined: 'sales',
  LeadReassigned: 'sales',
  LeadPersonalDataErased: 'sales',
  LeadRouted: 'sales',
  TeamDefined: 'profile',
  TeamMembersChanged: 'profile',
  TeamTurnTaken: 'sales',
  LeadRoutingRuleDefined: 'profile',
  LeadRoutingRuleRemoved: 'profile',
  WebFormDefined: 'profile',
  WebFormDisabled: 'profile',
  EmailQueued: 'activities',
  EmailSendAttempted: 'activities',
  EmailSent: 'activities',
  EmailFailed: 'activities',
  InboundEmailReceived: 'activities',
  InboundEmailAssigned: 'activities',
  InboundEmailDismissed: 'activities',
  WebhookSubscribed: 'profile',
  WebhookUnsubscribed: 'profile',
  CampaignStarted: 'activities',
  CampaignCompleted: 'activities',
  WorkflowRuleDefined: 'sales',
  WorkflowRuleDisabled: 'sales',
  WorkflowRuleEnabled: 'sales',
  WorkflowReactionDeclined: 'sales',
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
  PipelineRenamed: 'sales',
  PipelineArchived: 'sales',
  PipelineRestored: 'sales',
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
  DealRenamed: 'sales',
  OfferMade: 'sales',
  OfferRevised: 'sales',
  OfferAccepted: 'sales',
  OfferRejected: 'sales',
  OfferExpired: 'sales',
  OrderPlaced: 'sales',
  DealExpectedCloseChanged: 'sales',
  OrderStatusChanged: 'sales',
  OrderPromiseChanged: 'sales',
  AgreementRecorded: 'sales',
  AgreementRenewed: 'sales',
  AgreementTerminated: 'sales',
  InvoiceNumberAssigned: 'invoices',
  InvoiceIssued: 'invoices',
  InvoiceDrafted: 'invoices',
  InvoiceDraftUpdated: 'invoices',
  InvoiceDraftDiscarded: 'invoices',
  CreditNoteNumberAssigned: 'invoices',
  InvoiceSent: 'invoices',
  PaymentRecorded: 'invoices',
  RefundRecorded: 'invoices',
  PaymentTransferred: 'invoices',
  CreditNoteIssued: 'invoices',
  PrepaymentSettled: 'invoices',
  PrepaymentSettlementReleased: 'invoices',
  InvoiceVoided: 'invoices',
  BankStatementImported: 'invoices',
  BankStatementEntryAssigned: 'invoices',
  StaffMemberRegistered: 'profile',
  CalendarFeedIssued: 'profile',
  CalendarFeedRevoked: 'profile',
  StaffRolesChanged: 'profile',
  StaffMemberRenamed: 'profile',
  StaffMemberDeactivated: 'profile',
  AdminRosterSeeded: 'profile',
  AdminGranted: 'profile',
  AdminRevoked: 'profile',
  ActivityScheduled: 'activities',
  ActivityRescheduled: 'activities',
  ActivityDetailsChanged: 'activities',
  InteractionLogged: 'activities',
  ActivityCompleted: 'activities',
  ActivityCancelled: 'activities',
  ActivityReassigned: 'activities',
  TicketOpened: 'service',
  TicketReassigned: 'service',
  TicketReclassified: 'service',
  TicketDetailsChanged: 'service',
  TicketResponded: 'service',
  TicketReopened: 'service',
  TicketResolved: 'service',
  TicketClosed: 'service',
  TicketShared: 'service',
  TicketShareRevoked: 'service',
  TicketStatusViewed: 'service',
  SegmentDefined: 'profile',
  SegmentRedefined: 'profile',
  SegmentRetired: 'profile',
  ProductAdded: 'sales',
  ProductDetailsChanged: 'sales',
  ProductPriced: 'sales',
  ProductRetired: 'sales',
  ProductRestored: 'sales',
  CustomFieldDefined: 'profile',
  CustomFieldRenamed: 'profile',
  CustomFieldOptionsAdded: 'profile',
  CustomFieldRetired: 'profile',
  CustomFieldValuesSet: 'profile',
  DealCustomFieldValuesSet: 'sales',
  DocumentAttached: 'profile',
  DocumentRemoved: 'profile',
  AuditRead: 'profile',
  CustomerPersonalDataErased: 'profile',
};

/** Drops the personal fields of every entry of a customer or lead (they read as erased). */
const forget = (whose: { customerId: string } | { leadId: string }): WriteOp => ({
  kind: 'setWhere',
  collection: collections.timeline,
  where: { ...whose, personalState: 'present' },
  set: { personal: null, personalState: 'erased' },
});

/**
 * An entry keeps an event's personal fields apart from the rest of its data, so an erasure
 * can drop them from every entry of the customer at once: `personal` is then null.
 */
const entryData = (stored: StoredEvent) => {
  const { rest, personal } = splitPersonal(stored.type, stored.data as Record<string, unknown>);
  if (stored.erased) return { data: rest, personal: null, personalState: 'erased' };
  return personal ? { data: rest, personal, personalState: 'present' } : { data: rest };
};

const leadOf = (data: unknown): string | null => {
  const id = (data as { leadId?: unknown }).leadId;
  return typeof id === 'string' ? id : null;
};

const campaignOf = (data: unknown): string | undefined => {
  const id = (data as { campaignId?: unknown }).campaignId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * The names of the actor and the staff an event mentions, as they were when it happened. The
 * e-mail sender is named as such, and for a campaign's message with the campaign and who
 * started it.
 */
const namesThen = (stored: StoredEvent, state: Lookup): Record<string, string> => {
  const names: Record<string, string> = {};
  for (const id of [
    stored.metadata.actorId,
    ...staffIdsIn(stored.data as Record<string, unknown>),
  ]) {
    const name = state(collections.timelineStaff, id)?.name;
    if (typeof name === 'string') names[id] = name;
  }
  if (stored.metadata.actorId === MAILER) {
    const campaign = campaignOf(stored.data);
    const named = campaign
      ? state(collections.timelineStaff, `campaign:${campaign}`)?.name
      : undefined;
    names[MAILER] = typeof named === 'string' ? `E-mail sender, ${named}` : 'E-mail sender';
  }
  return names;
};

/**
 * Every event concerning a customer, keyed by event id (insert-once, so replays are harmless).
 * A lead's events join its customer's timeline when the lead converts.
 */
export const timelineProjection: Projection = {
  name: collections.timeline,
  indexes: [
    [collections.timeline, ['customerId', 'position']],
    [collections.timeline, ['customerId', 'group', 'position']],
    [collections.timeline, ['customerId', 'actorId', 'position']],
    [collections.timeline, ['leadId']],
  ],
  state: {
    collections: [collections.timelineStaff],
    reads: (stored) =>
      [
        stored.metadata.actorId,
        ...staffIdsIn(stored.data as Record<string, unknown>),
        ...(campaignOf(stored.data) ? [`campaign:${campaignOf(stored.data)!}`] : []),
      ].map((id) => [collections.timelineStaff, id]),
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      if (event.type === 'StaffMemberRegistered' || event.type === 'StaffMemberRenamed')
        return upsert(stored, collections.timelineStaff, event.data.staffId, {
          $set: { name: event.data.name },
        });
      // A campaign's messages are sent by the e-mail sender for whoever started it.
      if (event.type === 'CampaignStarted') {
        const by = state(collections.timelineStaff, stored.metadata.actorId)?.name;
        return upsert(stored, collections.timelineStaff, `campaign:${event.data.campaignId}`, {
          $set: {
            name: `campaign "${event.data.name}"${typeof by === 'string' ? ` started by ${by}` : ''}`,
          },
        });
      }
      // A rule's reactions are recorded as its doing: the timeline names it.
      if (event.type === 'WorkflowRuleDefined')
        return upsert(stored, collections.timelineStaff, workflowActorId(event.data.ruleId), {
          $set: { name: `Workflow rule: ${event.data.name}` },
        });
      const customerId = stored.metadata.customerId ?? null;
      const leadId = leadOf(event.data);
      if (
        event.type === 'PipelineDefined' ||
        event.type === 'InvoiceNumberAssigned' ||
        event.type === 'CreditNoteNumberAssigned' ||
        event.type === 'EmailSendAttempted'
      )
        return [];
      if (!customerId && !leadId) return [];
      const entry = {
        kind: 'upsert' as const,
        collection: collections.timeline,
        id: timelineEntryId(stored.position),
        position: stored.position,
        update: {
          $setOnInsert: {
            eventId: stored.eventId,
            customerId,
            leadId,
            position: stored.position,
            at: stored.metadata.occurredAt,
            type: event.type,
            group: timelineGroups[event.type],
            actorId: stored.metadata.actorId,
            streamId: stored.streamId,
            ...entryData(stored),
            names: namesThen(stored, state),
          },
        },
      };
      if (event.type === 'CustomerPersonalDataErased')
        return [forget({ customerId: event.data.customerId }), entry];
      if (event.type === 'LeadPersonalDataErased')
        return [forget({ leadId: event.data.leadId }), entry];
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
