import { type KroonikaEventType } from './schema';

/** What an erased text field reads as; erased optional fields are absent. */
export const ERASED = '[erased]';

/**
 * How an event's string field is kept: personal data, sealed with its customer's (or lead's)
 * key — `required` ones read as {@link ERASED} once erased, so the event keeps its shape,
 * `optional` ones disappear — or not personal. A path covers what is below it (`address`,
 * `lines[].description`).
 */
export type FieldClass = 'required' | 'optional' | 'not-personal';

/**
 * Every string field of every event type, classified in this one table (a test fails when an
 * event gains one that is not): names of persons and companies, contact data, addresses,
 * demographic and psychographic data, and every free text about a customer — titles,
 * subjects, descriptions, notes, outcomes, reasons, messages, offer terms, payment texts,
 * e-mails and document names — are personal. Ids, instants and days (fields ending in `Id`,
 * `Ids`, `At`, `On`) are not, and need no entry. Product and service names on invoice and offer
 * lines are not personal: they are what was sold, kept in the accounts. Events that concern no
 * customer (staff, pipelines, segments, webhooks, campaigns, workflow rules, bank statements,
 * the product catalogue) have no key to seal with: bank statements are accounting records kept
 * by law (ADR 0019).
 */
export const eventFields: Readonly<
  Record<KroonikaEventType, Readonly<Record<string, FieldClass>>>
> = {
  LeadCreated: {
    personName: 'required',
    companyName: 'optional',
    email: 'optional',
    phone: 'optional',
    source: 'not-personal',
    message: 'optional',
  },
  LeadDetailsChanged: {
    personName: 'required',
    companyName: 'optional',
    email: 'optional',
    phone: 'optional',
  },
  LeadRouted: {},
  TeamDefined: { name: 'not-personal', 'memberIds[]': 'not-personal' },
  TeamMembersChanged: { 'memberIds[]': 'not-personal', 'previousMemberIds[]': 'not-personal' },
  TeamTurnTaken: {},
  LeadRoutingRuleDefined: {
    name: 'not-personal',
    'sources[]': 'not-personal',
    'assignTo.staffId': 'not-personal',
    'assignTo.teamId': 'not-personal',
  },
  LeadRoutingRuleRemoved: {},
  WebFormDefined: { name: 'not-personal', source: 'not-personal' },
  WebFormDisabled: {},
  LeadQualified: { note: 'optional' },
  LeadDisqualified: { reason: 'required' },
  LeadConverted: {},
  LeadReassigned: { reason: 'optional' },
  LeadPersonalDataErased: { reason: 'not-personal' },
  CustomerRegistered: {
    name: 'required',
    email: 'optional',
    phone: 'optional',
    address: 'optional',
    registryCode: 'not-personal',
    source: 'not-personal',
  },
  CustomerReassigned: { reason: 'optional' },
  CustomerProfileUpdated: {
    'changes.name': 'optional',
    'changes.emails': 'optional',
    'changes.phones': 'optional',
    'changes.addresses': 'optional',
    'changes.demographic': 'optional',
    'changes.psychographic': 'optional',
    'changes.website': 'optional',
  },
  ContactPersonAdded: {
    name: 'required',
    email: 'optional',
    phone: 'optional',
    role: 'not-personal',
  },
  ContactPersonUpdated: {
    'changes.name': 'optional',
    'changes.email': 'optional',
    'changes.phone': 'optional',
    'changes.role': 'not-personal',
  },
  ContactPersonRemoved: { reason: 'optional' },
  CustomerCategorized: { reason: 'required' },
  CustomerTagged: { 'tags[]': 'not-personal' },
  CustomerUntagged: { 'tags[]': 'not-personal' },
  MarketingConsentRecorded: { source: 'not-personal' },
  MarketingConsentWithdrawn: { source: 'not-personal' },
  RegistryDataImported: {
    'facts.legalName': 'required',
    'facts.address': 'optional',
    'facts.activityCodes[].code': 'not-personal',
    'facts.activityCodes[].name': 'not-personal',
    'facts.legalForm': 'not-personal',
    'facts.registry': 'not-personal',
    'facts.registryCode': 'not-personal',
    'facts.status': 'not-personal',
    'facts.vatNumber': 'not-personal',
  },
  CustomerArchived: { reason: 'optional' },
  CustomerRestored: { reason: 'optional' },
  LeadJoined: {},
  CustomerPersonalDataErased: { reason: 'not-personal' },
  // A value may say anything about a person; the field's label is the admin's wording.
  CustomFieldValuesSet: { values: 'optional', labels: 'not-personal' },
  PipelineDefined: { name: 'not-personal', 'stages[].name': 'not-personal' },
  PipelineRenamed: { name: 'not-personal', previousName: 'not-personal' },
  PipelineArchived: { name: 'not-personal', reason: 'not-personal' },
  PipelineRestored: { name: 'not-personal' },
  StageAdded: { 'stage.name': 'not-personal', 'stages[].name': 'not-personal' },
  StageRenamed: {
    name: 'not-personal',
    previousName: 'not-personal',
    'stages[].name': 'not-personal',
  },
  StageSettingsChanged: { 'stages[].name': 'not-personal' },
  StagesReordered: { 'stages[].name': 'not-personal' },
  StageRemoved: { name: 'not-personal', reason: 'not-personal', 'stages[].name': 'not-personal' },
  DealOpened: { title: 'required', 'value.currency': 'not-personal' },
  DealStageMoved: {},
  DealNextActionScheduled: { description: 'required' },
  DealWon: { note: 'optional', 'value.currency': 'not-personal' },
  DealLost: { reason: 'required' },
  DealReopened: { reason: 'optional' },
  DealReassigned: { reason: 'optional' },
  DealMovedToPipeline: {},
  DealNextActionCleared: { reason: 'required' },
  DealRenamed: { title: 'required', previousTitle: 'required' },
  DealValueChanged: {
    reason: 'optional',
    'previousValue.currency': 'not-personal',
    'value.currency': 'not-personal',
  },
  OrderPlaced: { reference: 'not-personal' },
  DealExpectedCloseChanged: { from: 'not-personal', to: 'not-personal', reason: 'optional' },
  DealCustomFieldValuesSet: { values: 'optional', labels: 'not-personal' },
  OrderStatusChanged: { on: 'not-personal', note: 'optional' },
  OrderPromiseChanged: { from: 'not-personal', to: 'not-personal', reason: 'required' },
  OfferMade: {
    terms: 'optional',
    currency: 'not-personal',
    'lines[].description': 'not-personal',
    'lines[].settles.number': 'not-personal',
    'lines[].productCode': 'not-personal',
    'lines[].unit': 'not-personal',
    validUntil: 'not-personal',
  },
  OfferRevised: {
    terms: 'optional',
    currency: 'not-personal',
    'lines[].description': 'not-personal',
    'lines[].settles.number': 'not-personal',
    'lines[].productCode': 'not-personal',
    'lines[].unit': 'not-personal',
    validUntil: 'not-personal',
  },
  OfferAccepted: { currency: 'not-personal' },
  OfferRejected: { reason: 'required' },
  OfferExpired: { validUntil: 'not-personal' },
  InvoiceDrafted: {
    currency: 'not-personal',
    'lines[].description': 'not-personal',
    'lines[].settles.number': 'not-personal',
    'lines[].productCode': 'not-personal',
    'lines[].unit': 'not-personal',
  },
  InvoiceDraftUpdated: {
    currency: 'not-personal',
    'lines[].description': 'not-personal',
    'lines[].settles.number': 'not-personal',
    'lines[].productCode': 'not-personal',
    'lines[].unit': 'not-personal',
  },
  InvoiceDraftDiscarded: { reason: 'optional' },
  InvoiceIssued: {
    currency: 'not-personal',
    'lines[].description': 'not-personal',
    'lines[].settles.number': 'not-personal',
    'lines[].productCode': 'not-personal',
    'lines[].unit': 'not-personal',
    number: 'not-personal',
    paymentReference: 'not-personal',
    'settles[].number': 'not-personal',
  },
  InvoiceSent: { recipient: 'required', number: 'not-personal' },
  PaymentRecorded: {
    reference: 'optional',
    currency: 'not-personal',
    'transferredFrom.number': 'not-personal',
  },
  RefundRecorded: { reason: 'required', currency: 'not-personal' },
  PaymentTransferred: { currency: 'not-personal', toNumber: 'not-personal' },
  CreditNoteIssued: {
    reason: 'required',
    'creditNote.lines[].description': 'not-personal',
    'creditNote.lines[].settles.number': 'not-personal',
    'creditNote.lines[].productCode': 'not-personal',
    'creditNote.lines[].unit': 'not-personal',
    'creditNote.number': 'not-personal',
    currency: 'not-personal',
    number: 'not-personal',
  },
  PrepaymentSettled: { number: 'not-personal', 'settledBy.number': 'not-personal' },
  PrepaymentSettlementReleased: { number: 'not-personal', 'releasedFrom.number': 'not-personal' },
  InvoiceVoided: {
    reason: 'required',
    'creditNote.lines[].description': 'not-personal',
    'creditNote.lines[].settles.number': 'not-personal',
    'creditNote.lines[].productCode': 'not-personal',
    'creditNote.lines[].unit': 'not-personal',
    'creditNote.number': 'not-personal',
    number: 'not-personal',
  },
  InvoiceNumberAssigned: { number: 'not-personal' },
  CreditNoteNumberAssigned: { number: 'not-personal' },
  BankStatementImported: {
    account: 'not-personal',
    currency: 'not-personal',
    from: 'not-personal',
    'lines[].counterparty': 'not-personal',
    'lines[].counterpartyAccount': 'not-personal',
    'lines[].currency': 'not-personal',
    'lines[].match.candidates[].number': 'not-personal',
    'lines[].match.invoice.number': 'not-personal',
    'lines[].reference': 'not-personal',
    'lines[].remittance': 'not-personal',
    to: 'not-personal',
    version: 'not-personal',
  },
  BankStatementEntryAssigned: { 'invoice.number': 'not-personal' },
  StaffMemberRegistered: { email: 'not-personal', name: 'not-personal' },
  StaffRolesChanged: {},
  StaffMemberRenamed: { name: 'not-personal', previousName: 'not-personal' },
  StaffMemberDeactivated: { reason: 'not-personal' },
  CalendarFeedIssued: {},
  CalendarFeedRevoked: {},
  AdminRosterSeeded: { 'admins[]': 'not-personal' },
  AdminGranted: {},
  AdminRevoked: {},
  ActivityScheduled: { notes: 'optional', title: 'required', 'participants[].id': 'not-personal' },
  ActivityRescheduled: { reason: 'optional' },
  ActivityDetailsChanged: {
    title: 'required',
    previousTitle: 'required',
    notes: 'optional',
    'participants[].id': 'not-personal',
  },
  InteractionLogged: {
    summary: 'required',
    'participants[].id': 'not-personal',
    'call.number': 'required',
    'email.messageId': 'not-personal',
    'email.from': 'required',
    'email.to': 'optional',
    'email.cc': 'optional',
    'email.subject': 'required',
    'email.text': 'required',
    'email.notKept': 'optional',
  },
  ActivityCompleted: { outcome: 'required' },
  ActivityCancelled: { reason: 'optional' },
  ActivityReassigned: { reason: 'optional' },
  TicketOpened: {
    description: 'optional',
    subject: 'required',
    classification: 'not-personal',
    'sla.firstResponseDue': 'not-personal',
    'sla.resolutionDue': 'not-personal',
  },
  TicketReassigned: { reason: 'optional' },
  TicketReclassified: {
    reason: 'required',
    classification: 'not-personal',
    previousClassification: 'not-personal',
    'sla.firstResponseDue': 'not-personal',
    'sla.resolutionDue': 'not-personal',
  },
  TicketDetailsChanged: {
    subject: 'required',
    previousSubject: 'required',
    description: 'optional',
  },
  TicketResponded: { message: 'required' },
  TicketResolved: { resolution: 'required' },
  TicketReopened: { reason: 'required' },
  TicketClosed: { note: 'optional' },
  TicketShared: {},
  TicketShareRevoked: {},
  TicketStatusViewed: {},
  SegmentDefined: { description: 'not-personal', name: 'not-personal', rules: 'not-personal' },
  CustomFieldDefined: {
    fieldKey: 'not-personal',
    label: 'not-personal',
    'options[]': 'not-personal',
    currency: 'not-personal',
  },
  CustomFieldRenamed: {
    fieldKey: 'not-personal',
    label: 'not-personal',
    previousLabel: 'not-personal',
  },
  CustomFieldOptionsAdded: { fieldKey: 'not-personal', 'options[]': 'not-personal' },
  CustomFieldRetired: { fieldKey: 'not-personal', reason: 'not-personal' },
  SegmentRetired: { name: 'not-personal', reason: 'not-personal' },
  SegmentRedefined: {
    description: 'not-personal',
    name: 'not-personal',
    rules: 'not-personal',
    previousRules: 'not-personal',
  },
  DocumentAttached: {
    name: 'required',
    'link.id': 'not-personal',
    mediaType: 'not-personal',
    sha256: 'not-personal',
  },
  DocumentRemoved: { name: 'required', reason: 'optional' },
  ProductAdded: {
    productCode: 'not-personal',
    name: 'not-personal',
    unit: 'not-personal',
    'prices[].currency': 'not-personal',
    description: 'not-personal',
  },
  ProductDetailsChanged: {
    productCode: 'not-personal',
    name: 'not-personal',
    unit: 'not-personal',
    description: 'not-personal',
  },
  ProductPriced: { productCode: 'not-personal', currency: 'not-personal' },
  ProductRetired: { productCode: 'not-personal', reason: 'not-personal' },
  ProductRestored: { productCode: 'not-personal' },
  AgreementRecorded: { title: 'required', terms: 'required', validUntil: 'not-personal' },
  AgreementRenewed: { previousValidUntil: 'not-personal', validUntil: 'not-personal' },
  AgreementTerminated: { reason: 'required' },
  AuditRead: { query: 'not-personal' },
  EmailQueued: {
    to: 'optional',
    subject: 'required',
    text: 'required',
    unsubscribeUrl: 'optional',
    'attachments[].filename': 'not-personal',
  },
  EmailSendAttempted: {},
  InboundEmailReceived: { messageId: 'not-personal', content: 'optional' },
  InboundEmailAssigned: {},
  // Why a message was dismissed (spam, not for the CRM) is about the message, not a person.
  InboundEmailDismissed: { reason: 'not-personal' },
  EmailSent: { response: 'required' },
  EmailFailed: { error: 'required' },
  WebhookSubscribed: {
    description: 'not-personal',
    'eventTypes[]': 'not-personal',
    url: 'not-personal',
  },
  WebhookUnsubscribed: { reason: 'not-personal' },
  CampaignStarted: { name: 'not-personal', subject: 'not-personal', text: 'not-personal' },
  CampaignCompleted: {},
  WorkflowRuleDefined: { name: 'not-personal', 'rule.title': 'not-personal' },
  WorkflowRuleDisabled: { reason: 'not-personal' },
  WorkflowRuleEnabled: {},
  WorkflowReactionDeclined: {
    detail: 'not-personal',
    problem: 'not-personal',
    triggerType: 'not-personal',
  },
};

/** The personal fields of each event type, by (dotted) path: what sealing hides. */
export const personalFields: Partial<
  Record<KroonikaEventType, Readonly<Record<string, 'required' | 'optional'>>>
> = Object.fromEntries(
  Object.entries(eventFields)
    .map(([type, fields]) => [
      type,
      Object.fromEntries(Object.entries(fields).filter(([, c]) => c !== 'not-personal')),
    ])
    .filter(([, fields]) => Object.keys(fields as object).length > 0),
) as Partial<Record<KroonikaEventType, Readonly<Record<string, 'required' | 'optional'>>>>;

type Json = Record<string, unknown>;

export const customerKeySubject = (customerId: string) => `customer:${customerId}`;
export const leadKeySubject = (leadId: string) => `lead:${leadId}`;
/** A held incoming message's own key: destroyed once it is assigned or dismissed. */
export const inboundEmailKeySubject = (inboundEmailId: string) => `inbound-email:${inboundEmailId}`;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const getPath = (data: unknown, path: string): unknown => {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (!isObject(at)) return undefined;
    at = at[key];
  }
  return at;
};

/**
 * A copy of `data` with `path` set to `value` (an existing key keeps its place), or removed
 * when `value` is undefined.
 */
export const setPath = (data: Json, path: string, value: unknown): Json => {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    if (value !== undefined) return { ...data, [head]: value };
    const { [head]: _old, ...others } = data;
    return others;
  }
  const child = data[head];
  if (!isObject(child)) return data;
  return { ...data, [head]: setPath(child, rest.join('.'), value) };
};

/** The personal paths this event holds a value in (`null` clears a value: nothing to hide). */
export const personalPathsIn = (type: string, data: unknown): string[] => {
  const spec = personalFields[type as KroonikaEventType];
  if (!spec) return [];
  return Object.keys(spec).filter((p) => {
    const value = getPath(data, p);
    return value !== undefined && value !== null;
  });
};

/**
 * Whose key seals an event's personal data: a lead's own until it becomes a customer, the
 * customer's otherwise. Undefined for events with no personal data.
 */
export const keySubjectOf = (type: string, data: unknown): string | undefined => {
  if (!personalFields[type as KroonikaEventType]) return undefined;
  const leadId = getPath(data, 'leadId');
  if (type.startsWith('Lead') && typeof leadId === 'string') return leadKeySubject(leadId);
  const inboundEmailId = getPath(data, 'inboundEmailId');
  if (type.startsWith('InboundEmail') && typeof inboundEmailId === 'string')
    return inboundEmailKeySubject(inboundEmailId);
  const customerId = getPath(data, 'customerId');
  return typeof customerId === 'string' ? customerKeySubject(customerId) : undefined;
};

/** The event as it reads once its personal fields at `paths` are erased. */
export const erasedData = (type: string, data: Json, paths: string[]): Json => {
  const spec = personalFields[type as KroonikaEventType] ?? {};
  return paths.reduce(
    (out, p) => setPath(out, p, spec[p] === 'required' ? ERASED : undefined),
    data,
  );
};

/** One personal field split off an event (a list, not a map: paths hold dots). */
export type PersonalField = { path: string; value: unknown };

/** Splits an event's personal fields from the rest. */
export const splitPersonal = (
  type: string,
  data: Json,
): { rest: Json; personal: PersonalField[] | undefined } => {
  const paths = personalPathsIn(type, data);
  if (paths.length === 0) return { rest: data, personal: undefined };
  return {
    rest: paths.reduce((out, p) => setPath(out, p, undefined), data),
    personal: paths.map((path) => ({ path, value: getPath(data, path) })),
  };
};

/** Puts split-off personal fields back; `null` (erased) puts {@link ERASED} in required ones. */
export const joinPersonal = (type: string, rest: Json, personal: PersonalField[] | null): Json => {
  if (personal) return personal.reduce((out, f) => setPath(out, f.path, f.value), rest);
  const spec = personalFields[type as KroonikaEventType] ?? {};
  return Object.entries(spec)
    .filter(([, kind]) => kind === 'required')
    .reduce((out, [p]) => setPath(out, p, ERASED), rest);
};
