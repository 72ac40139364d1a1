import { localDateTime } from '#domain';
import {
  type ActivityTiming,
  asKroonikaEvent,
  type CustomFieldValue,
  ERASED,
  type LeadDetail,
  type OrderStatus,
  type OwnerChange,
  plainMoney,
  type ProfileChanges,
} from '#events';
import { type TimelineEntry } from '#read-models';

export type Names = {
  stage: (stageId: string) => string | undefined;
  staff: (staffId: string) => string | undefined;
  /** The time zone meeting times are told in. */
  timeZone: string;
};

const money = plainMoney;

const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
const localTime = (instant: string, timeZone: string) =>
  localDateTime(Date.parse(instant), timeZone);

/** A due day as it is; a meeting's start and end in local time (`2026-03-02 12:00–13:00`). */
const when = (timing: ActivityTiming, timeZone: string) => {
  if ('dueOn' in timing) return timing.dueOn;
  const start = localTime(timing.startsAt, timeZone);
  const end = localTime(timing.endsAt, timeZone);
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end} (${timeZone})`;
};

/**
 * Changed fields in the profile's own order, not the payload's: a timeline entry keeps
 * personal fields apart from the rest (for erasure), so its key order is not the event's.
 */
const inOrder = (keys: string[], order: readonly string[]) =>
  [...keys].sort((a, b) => rank(a, order) - rank(b, order));
const rank = (key: string, order: readonly string[]) => {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
};
const profileOrder = ['name', 'emails', 'phones', 'addresses', 'website'] as const;
const demographicOrder = ['birthDate', 'familyStatus', 'children', 'homeCity'] as const;
const psychographicOrder = [
  'interests',
  'decisionStyle',
  'communicationPreferences',
  'notes',
] as const;
const contactOrder = ['name', 'role', 'email', 'phone'] as const;
const leadDetailLabels: Record<LeadDetail, string> = {
  personName: 'name',
  companyName: 'company',
  email: 'email',
  phone: 'phone',
};

const profileFields = (changes: ProfileChanges): string[] => [
  ...inOrder(
    Object.keys(changes).filter((k) => k !== 'demographic' && k !== 'psychographic'),
    profileOrder,
  ),
  ...inOrder(Object.keys(changes.demographic ?? {}), demographicOrder),
  ...inOrder(Object.keys(changes.psychographic ?? {}), psychographicOrder),
];

const orderWords: Record<OrderStatus, string> = {
  confirmed: 'confirmed',
  in_production: 'in production',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
};

const fieldValue = (value: CustomFieldValue | null) => {
  if (value === null) return 'cleared';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return money(value.amount, value.currency);
  return String(value);
};

/** `Label: value` per field, with the labels the fields had then; erased values: labels only. */
const fieldValues = (data: {
  values?: Record<string, CustomFieldValue | null>;
  labels: Record<string, string>;
}) => {
  const { values } = data;
  return Object.entries(data.labels)
    .map(([key, label]) =>
      values && Object.hasOwn(values, key) ? `${label}: ${fieldValue(values[key] ?? null)}` : label,
    )
    .join('; ');
};

/** A short human sentence for a timeline entry. */
export const summarize = (entry: TimelineEntry, names: Names): string => {
  const event = asKroonikaEvent(entry.type, entry.data);
  if (!event) return entry.type;
  const stage = (id: string) => names.stage(id) ?? id;
  const who = (id: string) => names.staff(id) ?? id;
  const moved = (what: string, data: OwnerChange) =>
    `${what} reassigned from ${who(data.fromStaffId)} to ${who(data.toStaffId)}${data.handOver ? ' (hand-over)' : ''}${data.reason ? `: ${data.reason}` : ''}`;
  switch (event.type) {
    case 'LeadCreated':
      return `Lead created: ${event.data.personName}${event.data.companyName ? ` (${event.data.companyName})` : ''}, source ${event.data.source}`;
    case 'LeadDetailsChanged':
      return `Lead details changed: ${event.data.changed
        .map((detail) => {
          const value = event.data[detail];
          const label = leadDetailLabels[detail];
          return value === undefined ? `${label} removed` : `${label} ${value}`;
        })
        .join(', ')}`;
    case 'LeadQualified':
      return `Lead qualified${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'LeadDisqualified':
      return `Lead disqualified: ${event.data.reason}`;
    case 'LeadConverted':
      return 'Lead converted into a customer and a deal';
    case 'CustomerRegistered':
      return `Customer registered: ${event.data.name}`;
    case 'PipelineDefined':
      return `Pipeline defined: ${event.data.name}`;
    case 'PipelineArchived':
      return `Pipeline archived: ${event.data.name}${event.data.reason ? ` (${event.data.reason})` : ''}`;
    case 'PipelineRestored':
      return `Pipeline restored: ${event.data.name}`;
    case 'PipelineRenamed':
      return `Pipeline ${event.data.previousName} renamed to ${event.data.name}`;
    case 'StageAdded':
      return `Stage added: ${event.data.stage.name}`;
    case 'StageRenamed':
      return `Stage ${event.data.previousName} renamed to ${event.data.name}`;
    case 'StageSettingsChanged':
      return `Stage settings changed: probability ${String(event.data.probability ?? 'none')}, rotting days ${String(event.data.rottingDays ?? 'none')}`;
    case 'StagesReordered':
      return `Stages reordered: ${event.data.stages.map((s) => s.name).join(' → ')}`;
    case 'StageRemoved':
      return `Stage removed: ${event.data.name}`;
    case 'DealRenamed':
      return `Deal renamed from ${event.data.previousTitle} to ${event.data.title}`;
    case 'DealValueChanged':
      return `Deal value changed from ${money(event.data.previousValue.amount, event.data.previousValue.currency)} to ${money(event.data.value.amount, event.data.value.currency)}${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'OfferMade':
      return `Offer made: ${event.data.lines.length} line(s), ${money(event.data.totals.net, event.data.currency)} + VAT, valid until ${event.data.validUntil}`;
    case 'OfferRevised':
      return `Offer revised (version ${event.data.version}): ${money(event.data.totals.net, event.data.currency)} + VAT, valid until ${event.data.validUntil}`;
    case 'OfferAccepted':
      return `Offer accepted (version ${event.data.version}): ${money(event.data.totals.gross, event.data.currency)}`;
    case 'OfferRejected':
      return `Offer rejected (version ${event.data.version}): ${event.data.reason}`;
    case 'OfferExpired':
      return `Offer expired unanswered (valid until ${event.data.validUntil})`;
    case 'DealMovedToPipeline':
      return `Deal moved to another pipeline, into ${stage(event.data.toStageId)}`;
    case 'DealOpened':
      return `Deal opened: ${event.data.title}, ${money(event.data.value.amount, event.data.value.currency)}, in ${stage(event.data.stageId)}`;
    case 'DealStageMoved':
      return `Deal moved from ${stage(event.data.fromStageId)} to ${stage(event.data.toStageId)}`;
    case 'DealNextActionScheduled':
      return `Next action on ${event.data.dueOn}: ${event.data.description}`;
    case 'DealWon':
      return `Deal won, ${money(event.data.value.amount, event.data.value.currency)}`;
    case 'DealLost':
      return `Deal lost: ${event.data.reason}`;
    case 'DealReopened':
      return `Deal reopened in ${stage(event.data.stageId)}`;
    case 'CreditNoteNumberAssigned':
      return `Credit note number ${event.data.number} assigned`;
    case 'InvoiceDrafted':
      return `Invoice drafted: ${money(event.data.totals.gross, event.data.currency)}`;
    case 'InvoiceDraftUpdated':
      return `Invoice draft changed: ${money(event.data.totals.gross, event.data.currency)}`;
    case 'InvoiceDraftDiscarded':
      return `Invoice draft discarded${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'InvoiceSent':
      return `Invoice ${event.data.number} sent by ${event.data.channel} to ${event.data.recipient}`;
    case 'PaymentRecorded':
      return `${event.data.transferredFrom ? `${money(event.data.amount, event.data.currency)} moved here from invoice ${event.data.transferredFrom.number}` : `Payment of ${money(event.data.amount, event.data.currency)} received`}${event.data.reference ? ` (${event.data.reference})` : ''}; ${event.data.outstanding > 0 ? `${money(event.data.outstanding, event.data.currency)} still owed` : 'paid in full'}${event.data.overpaid > 0 ? `, ${money(event.data.overpaid, event.data.currency)} overpaid` : ''}`;
    case 'RefundRecorded':
      return `Refund of ${money(event.data.amount, event.data.currency)} paid back: ${event.data.reason}`;
    case 'PaymentTransferred':
      return `${money(event.data.amount, event.data.currency)} moved to invoice ${event.data.toNumber}`;
    case 'CreditNoteIssued':
      return `Credit note ${event.data.creditNote.number} for invoice ${event.data.number}: ${money(-event.data.creditNote.totals.gross, event.data.currency)} off, ${event.data.reason}`;
    case 'PrepaymentSettled':
      return `Prepayment invoice ${event.data.number} settled by invoice ${event.data.settledBy.number}`;
    case 'PrepaymentSettlementReleased':
      return `Prepayment invoice ${event.data.number} open again: invoice ${event.data.releasedFrom.number} was voided`;
    case 'AdminRosterSeeded':
      return `Administrators: ${event.data.admins.length}`;
    case 'AdminGranted':
      return 'Admin role granted';
    case 'AdminRevoked':
      return 'Admin role taken';
    case 'BankStatementImported':
      return `Bank statement ${event.data.bankStatementId} of ${event.data.account} imported: ${event.data.lines.length} line(s)`;
    case 'BankStatementEntryAssigned':
      return `Bank transaction ${event.data.entryId} assigned to invoice ${event.data.invoice.number}`;
    case 'InvoiceVoided':
      return `Invoice ${event.data.number} voided by credit note ${event.data.creditNote.number}: ${event.data.reason}`;
    case 'InvoiceNumberAssigned':
      return `Invoice number ${event.data.number} assigned`;
    case 'CustomerProfileUpdated':
      // An erased change of lists and profiles leaves no field behind, its names included.
      return `Profile updated: ${profileFields(event.data.changes).join(', ') || ERASED}`;
    case 'ContactPersonAdded':
      return `Contact person added: ${event.data.name}${event.data.role ? `, ${event.data.role}` : ''}`;
    case 'ContactPersonUpdated':
      return `Contact person updated: ${inOrder(Object.keys(event.data.changes), contactOrder)
        .map((field) => {
          const value = event.data.changes[field as keyof typeof event.data.changes];
          return value === null ? `${field} removed` : `${field} ${String(value)}`;
        })
        .join(', ')}`;
    case 'ContactPersonRemoved':
      return 'Contact person removed';
    case 'CustomerCategorized':
      return `Category ${event.data.previousCategory ? `changed from ${event.data.previousCategory} ` : 'set '}to ${event.data.category}: ${event.data.reason}`;
    case 'CustomerTagged':
      return `Tagged ${event.data.tags.join(', ')}`;
    case 'CustomerUntagged':
      return `Untagged ${event.data.tags.join(', ')}`;
    case 'MarketingConsentRecorded':
      return `Marketing consent for ${event.data.channel} given (${event.data.source})`;
    case 'MarketingConsentWithdrawn':
      return `Marketing consent for ${event.data.channel} withdrawn (${event.data.source})`;
    case 'RegistryDataImported':
      return `Registry data imported from ${event.data.facts.registry}: ${event.data.facts.legalName} (${event.data.facts.registryCode})`;
    case 'CustomerArchived':
      return `Customer archived${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'CustomerRestored':
      return 'Customer restored';
    case 'LeadJoined':
      return "A lead was converted into this customer: its history is the customer's";
    case 'EmailQueued':
      return `E-mail queued: ${event.data.subject}${event.data.attachments.length > 0 ? ` (${event.data.attachments.map((a) => a.filename).join(', ')})` : ''}`;
    case 'EmailSendAttempted':
      return `E-mail delivery attempt ${event.data.attempt}`;
    case 'EmailSent':
      return `E-mail sent (attempt ${event.data.attempt})`;
    case 'EmailFailed':
      return `E-mail attempt ${event.data.attempt} failed: ${event.data.error}${event.data.permanent ? ' — given up' : ''}`;
    case 'CampaignStarted':
      return `Campaign started: ${event.data.name}`;
    case 'CampaignCompleted':
      return `Campaign completed: ${event.data.recipients} recipients`;
    case 'WebhookSubscribed':
      return `Webhook subscribed: ${event.data.url}`;
    case 'WebhookUnsubscribed':
      return 'Webhook unsubscribed';
    case 'LeadRouted':
      return `Lead routed to ${who(event.data.ownerId)}${event.data.teamId ? ' (team turn)' : ''} by a routing rule`;
    case 'TeamDefined':
      return `Team defined: ${event.data.name}`;
    case 'TeamMembersChanged':
      return 'Team members changed';
    case 'TeamTurnTaken':
      return `Team turn: a lead to ${who(event.data.staffId)}`;
    case 'LeadRoutingRuleDefined':
      return `Lead routing rule defined: ${event.data.name}`;
    case 'LeadRoutingRuleRemoved':
      return 'Lead routing rule removed';
    case 'WebFormDefined':
      return `Web form defined: ${event.data.name}`;
    case 'WebFormDisabled':
      return 'Web form disabled';
    case 'DealExpectedCloseChanged':
      return `Expected to close on ${event.data.to}${event.data.from ? ` (was ${event.data.from})` : ''}${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'OrderPlaced':
      return `Order placed${event.data.confirmedOn ? `, confirmed on ${event.data.confirmedOn}` : ''}, delivery promised for ${event.data.promisedOn}${event.data.reference ? ` (customer's order ${event.data.reference})` : ''}`;
    case 'OrderStatusChanged':
      return `Order ${orderWords[event.data.to]} on ${event.data.on}${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'OrderPromiseChanged':
      return `Order delivery date moved from ${event.data.from} to ${event.data.to}: ${event.data.reason}`;
    case 'AgreementRecorded':
      return `Agreement recorded: ${event.data.title}, agreed on ${event.data.agreedOn} by ${who(event.data.staffId)}${event.data.validUntil ? `, valid until ${event.data.validUntil}` : ''}`;
    case 'AgreementRenewed':
      return `Agreement renewed${event.data.validUntil ? ` until ${event.data.validUntil}` : ' without an end day'}`;
    case 'AgreementTerminated':
      return `Agreement terminated from ${event.data.endsOn}: ${event.data.reason}`;
    case 'TicketShared':
      return `Ticket status page shared with the customer until ${localTime(event.data.expiresAt, names.timeZone)} (${names.timeZone})`;
    case 'TicketShareRevoked':
      return 'Ticket status page link revoked';
    case 'TicketStatusViewed':
      return 'Ticket status page opened through the shared link';
    case 'InboundEmailReceived':
      return `E-mail received${event.data.status === 'review' ? ', held for review' : ''}`;
    case 'InboundEmailAssigned':
      return `Received e-mail assigned to the customer by ${who(entry.actorId)}`;
    case 'InboundEmailDismissed':
      return `Received e-mail dismissed${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'WorkflowRuleDefined':
      return `Workflow rule defined: ${event.data.name}`;
    case 'WorkflowRuleDisabled':
      return 'Workflow rule disabled';
    case 'WorkflowRuleEnabled':
      return 'Workflow rule enabled';
    case 'WorkflowReactionDeclined':
      return `Workflow reaction declined: ${event.data.detail}`;
    case 'CustomerPersonalDataErased':
    case 'LeadPersonalDataErased':
      return `Personal data erased: ${event.data.reason}`;
    case 'LeadReassigned':
      return moved('Lead', event.data);
    case 'CustomerReassigned':
      return moved('Customer', event.data);
    case 'DealReassigned':
      return moved('Deal', event.data);
    case 'ActivityReassigned':
      return moved('Activity', event.data);
    case 'TicketReassigned':
      return moved('Ticket', event.data);
    case 'StaffMemberRegistered':
      return `Staff member registered: ${event.data.name}`;
    case 'StaffRolesChanged':
      return `Roles changed to ${event.data.roles.join(', ')}`;
    case 'StaffMemberRenamed':
      return `Staff member renamed from ${event.data.previousName} to ${event.data.name}`;
    case 'StaffMemberDeactivated':
      return 'Staff member deactivated';
    case 'CalendarFeedIssued':
      return 'Calendar feed issued';
    case 'CalendarFeedRevoked':
      return 'Calendar feed revoked';
    case 'ActivityScheduled':
      return `${capital(event.data.kind)} scheduled for ${when(event.data.timing, names.timeZone)}: ${event.data.title}, assigned to ${who(event.data.assigneeId)}`;
    case 'ActivityRescheduled':
      return `Activity rescheduled from ${when(event.data.from, names.timeZone)} to ${when(event.data.to, names.timeZone)}${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'ActivityDetailsChanged': {
      const { title, previousTitle, notes, participants } = event.data;
      const described = {
        title: `title ${title} (was ${previousTitle})`,
        notes: notes === undefined ? 'notes removed' : `notes: ${notes}`,
        participants: `${participants.length} participant${participants.length === 1 ? '' : 's'}`,
      };
      return `Activity details changed: ${event.data.changed.map((d) => described[d]).join(', ')}`;
    }
    case 'InteractionLogged': {
      const { call } = event.data;
      if (call)
        return `${call.direction === 'inbound' ? 'Call from' : 'Call to'} ${call.number} (${event.data.minutesSpent} min) by ${who(event.data.staffId)}: ${event.data.summary}`;
      const { email } = event.data;
      if (email)
        return `E-mail from ${email.from}${email.inReplyTo ? ' (a reply)' : ''}: ${email.subject || '(no subject)'}${email.documentIds.length > 0 ? `, ${email.documentIds.length} attachment${email.documentIds.length === 1 ? '' : 's'}` : ''}`;
      return `${capital(event.data.kind)} logged (${event.data.minutesSpent} min): ${event.data.summary}`;
    }
    case 'DealNextActionCleared':
      return `Next action cleared: ${event.data.reason}`;
    case 'ActivityCompleted':
      return `Activity completed in ${event.data.minutesSpent} min: ${event.data.outcome}`;
    case 'ActivityCancelled':
      return `Activity cancelled${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'TicketOpened':
      return `Ticket opened (${event.data.priority}, ${event.data.channel}): ${event.data.subject}, assigned to ${who(event.data.assigneeId)}`;
    case 'TicketDetailsChanged': {
      const { subject, previousSubject, description } = event.data;
      const described = {
        subject: `subject ${subject} (was ${previousSubject})`,
        description:
          description === undefined ? 'description removed' : `description: ${description}`,
      };
      return `Ticket details changed: ${event.data.changed.map((d) => described[d]).join(', ')}`;
    }
    case 'TicketReclassified':
      return `Ticket reclassified from ${event.data.previousPriority} to ${event.data.priority}${event.data.classification ? ` (${event.data.classification})` : ''}: ${event.data.reason}`;
    case 'TicketResponded':
      return `${event.data.first ? 'First response' : 'Response'} by ${who(event.data.staffId)} via ${event.data.channel}`;
    case 'TicketReopened':
      return `Ticket reopened: ${event.data.reason}`;
    case 'TicketResolved':
      return `Ticket resolved: ${event.data.resolution}`;
    case 'TicketClosed':
      return 'Ticket closed';
    case 'DocumentAttached':
      return `Document attached to the ${event.data.link.kind}: ${event.data.name} (${event.data.mediaType}, ${event.data.size} bytes)`;
    case 'DocumentRemoved':
      return `Document removed: ${event.data.name}${event.data.reason ? ` (${event.data.reason})` : ''}`;
    case 'AuditRead':
      return `Record read by ${who(event.data.staffId)} (${event.data.kind})`;
    case 'SegmentDefined':
      return `Segment defined: ${event.data.name}`;
    case 'CustomFieldDefined':
      return `Custom field defined: ${event.data.label} (${event.data.entity})`;
    case 'CustomFieldRenamed':
      return `Custom field ${event.data.previousLabel} renamed to ${event.data.label}`;
    case 'CustomFieldOptionsAdded':
      return `Custom field options added: ${event.data.options.join(', ')}`;
    case 'CustomFieldRetired':
      return `Custom field retired: ${event.data.fieldKey}`;
    case 'ProductAdded':
      return `Product added to the catalogue: ${event.data.productCode} ${event.data.name}`;
    case 'ProductDetailsChanged':
      return `Product ${event.data.productCode} changed: ${Object.keys(event.data)
        .filter((k) => k !== 'productCode' && k !== 'changedAt')
        .join(', ')}`;
    case 'ProductPriced':
      return event.data.unitPrice === null
        ? `Product ${event.data.productCode} no longer sold in ${event.data.currency}`
        : `Product ${event.data.productCode} priced at ${money(event.data.unitPrice, event.data.currency)}`;
    case 'ProductRetired':
      return `Product retired: ${event.data.productCode}${event.data.reason ? ` (${event.data.reason})` : ''}`;
    case 'ProductRestored':
      return `Product restored: ${event.data.productCode}`;
    case 'CustomFieldValuesSet':
      return `${event.data.contactId ? 'Contact fields' : 'Fields'} set: ${fieldValues(event.data)}`;
    case 'DealCustomFieldValuesSet':
      return `Deal fields set: ${fieldValues(event.data)}`;
    case 'SegmentRedefined':
      return `Segment redefined: ${event.data.name}`;
    case 'SegmentRetired':
      return `Segment retired: ${event.data.name}${event.data.reason ? ` (${event.data.reason})` : ''}`;
    case 'InvoiceIssued':
      return `${event.data.kind === 'prepayment' ? 'Prepayment invoice' : 'Invoice'} ${event.data.number} issued, ${money(event.data.totals.gross, event.data.currency)} due ${event.data.dueOn}${event.data.settles?.length ? `, prepayment ${event.data.settles.map((p) => p.number).join(', ')} deducted` : ''}`;
  }
};
