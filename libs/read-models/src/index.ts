import { type WorkflowEngineState } from '#domain';
import {
  type ActivityKind,
  type WorkflowRuleSpec,
  type BusinessDay,
  type TicketChannel,
  type TicketPriority,
  type TicketSla,
  type BankStatementImported,
  type CreditNote,
  type MatchedInvoice,
  type StatementLine,
  type PaymentRecorded,
  type PaymentTransferred,
  type RefundRecorded,
  type SettledPrepayment,
  type SendChannel,
  type ConsentChannel,
  type ContactPerson,
  type CustomerCategory,
  type Demographics,
  type LabelledAddress,
  type Psychographics,
  type RegistryFacts,
  type SegmentRules,
  type CustomerRegistered,
  type DocumentAttached,
  type DealOpened,
  type InvoiceIssued,
  type LeadCreated,
  type PipelineDefined,
  type StaffMemberRegistered,
  joinPersonal,
  type PersonalField,
} from '#events';

/**
 * Read model collections. The version suffix changes when a projection's output changes
 * shape, so a rebuild writes into a fresh collection next to the live one.
 */
export const collections = {
  timeline: 'timeline_v2',
  timelineStaff: 'timeline_staff_v2',
  customers: 'customers_v1',
  pipelines: 'pipelines_v1',
  deals: 'deals_v2',
  boardStages: 'board_stages_v2',
  invoices: 'invoices_v2',
  leads: 'leads_v1',
  staff: 'staff_v1',
  portfolio: 'portfolio_v1',
  documents: 'documents_v1',
  activities: 'activities_v1',
  timeSpent: 'time_spent_v1',
  tickets: 'tickets_v1',
  segments: 'segments_v1',
  searchEntities: 'search_entities_v1',
  searchTerms: 'search_terms_v1',
  offers: 'offers_v1',
  reportCustomers: 'report_customers_v2',
  reportDeals: 'report_deals_v2',
  reportInvoices: 'report_invoices_v2',
  categoryNow: 'category_now_v2',
  categoryMonths: 'category_months_v2',
  customerMonths: 'customer_months_v2',
  auditStreams: 'audit_streams_v1',
  auditTrail: 'audit_trail_v1',
  emails: 'emails_v1',
  webhooks: 'webhooks_v1',
  campaigns: 'campaigns_v1',
  workflowRules: 'workflow_rules_v1',
  bankStatements: 'bank_statements_v1',
} as const;

/**
 * Collections no projection owns: written by the webhook dispatcher as it works, so a
 * rebuild neither replaces nor compares them.
 */
export const operational = {
  webhookCursors: 'webhook_cursors',
  webhookDeliveries: 'webhook_deliveries',
  campaignCursors: 'campaign_cursors',
  /** The workflow runner's checkpoint: log position, rule state, reactions per rule. */
  workflowEngine: 'workflow_engine',
} as const;

/** Checkpoint names of the projections; the query API waits for all of them. */
export const projections = {
  timeline: collections.timeline,
  customers: collections.customers,
  board: 'board_v2',
  invoices: collections.invoices,
  leads: collections.leads,
  staff: collections.staff,
  portfolio: collections.portfolio,
  documents: collections.documents,
  activities: collections.activities,
  tickets: collections.tickets,
  segments: collections.segments,
  search: 'search_v1',
  offers: collections.offers,
  reports: 'reports_v2',
  audit: 'audit_v1',
  emails: collections.emails,
  webhooks: collections.webhooks,
  campaigns: collections.campaigns,
  workflowRules: collections.workflowRules,
  bankStatements: collections.bankStatements,
} as const;

export const projectionNames = Object.values(projections);

export type TimelineGroup = 'sales' | 'invoices' | 'profile' | 'activities' | 'service';

export type TimelineEntry = {
  _id: string;
  customerId: string | null;
  leadId: string | null;
  position: number;
  at: string;
  type: string;
  group: TimelineGroup;
  actorId: string;
  streamId: string;
  /** The event's data without its personal fields (see `personal`). */
  data: Record<string, unknown>;
  /** The event's personal fields; null once erased. Absent: the event has none. */
  personal?: PersonalField[] | null;
  personalState?: 'present' | 'erased';
  /** The names of the actor and of the staff the event mentions, as they were then. */
  names?: Record<string, string>;
};

/** An entry's data as the event reads: personal fields back in place, or erased. */
export const entryData = (e: TimelineEntry): Record<string, unknown> =>
  e.personalState ? joinPersonal(e.type, e.data, e.personal ?? null) : e.data;

const staffFields = ['fromStaffId', 'toStaffId', 'assigneeId', 'ownerId', 'staffId'] as const;

/** Staff ids an event payload mentions, so the timeline can name them. */
export const staffIdsIn = (data: Record<string, unknown>): string[] =>
  staffFields.map((f) => data[f]).filter((v): v is string => typeof v === 'string');

/** A read model document: its id, and the event payload it came from minus the id field. */
type From<Data, Id extends keyof Data> = { _id: string } & Omit<Data, Id>;

export type CustomerDoc = From<CustomerRegistered['data'], 'customerId'> & {
  status?: 'active' | 'archived';
  emails?: string[];
  phones?: string[];
  addresses?: LabelledAddress[];
  website?: string | null;
  demographic?: Demographics;
  psychographic?: Psychographics;
  contacts?: Record<string, ContactPerson>;
  category?: CustomerCategory;
  categoryReason?: string;
  tagSet?: Record<string, true>;
  consents?: Partial<Record<ConsentChannel, { source: string; givenAt: string }>>;
  registry?: RegistryFacts & { importedAt: string };
  lastActivityAt?: string;
  invoiceTotals?: Record<string, { invoiced: number; count: number }>;
  /** When the personal data was last erased. */
  personalDataErasedAt?: string;
  /** The projection's own bookkeeping (the last event it applied), not for answers. */
  _position?: number;
};

export type PipelineDoc = From<PipelineDefined['data'], 'pipelineId'>;

export type DealStatus = 'open' | 'won' | 'lost';

export type DealDoc = From<DealOpened['data'], 'dealId'> & {
  status: DealStatus;
  nextAction: { dueOn: BusinessDay; description: string } | null;
  /** `nextAction.dueOn` flattened, so the board can page cards by colour through an index. */
  nextActionDueOn: BusinessDay | null;
  stageEnteredAt: string;
  lastActivityAt: string;
  closedAt?: string | null;
  lostReason?: string | null;
};

/** Open deals of one owner in one stage: count and value per currency, kept by $inc. */
export type BoardStageDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  ownerId: string;
  count: number;
  totals: Record<string, number>;
};

/** What a draft does not have yet: it gets them when it is issued. */
export type IssueFacts = 'number' | 'issuedOn' | 'dueOn' | 'issuedAt' | 'paymentReference';

export type InvoiceDoc = Omit<From<InvoiceIssued['data'], 'invoiceId'>, IssueFacts> &
  Partial<Pick<InvoiceIssued['data'], IssueFacts>> & {
    /** A draft has no number and no dates yet. */
    draft?: boolean;
    statusRank: number;
    discardedAt?: string;
    /** Payments recorded, money moved in from other invoices included. */
    paid: number;
    refunded: number;
    transferredOut: number;
    /** Gross amount partial credit notes took off. */
    credited: number;
    /** What is still to pay, and what was paid above what is due (a credit). */
    outstanding: number;
    overpaid: number;
    sent?: boolean;
    voided?: boolean;
    sentAt?: string;
    lastSent?: { channel: SendChannel; recipient: string; at: string };
    lastPaidOn?: string;
    payments?: Omit<PaymentRecorded['data'], 'invoiceId' | 'customerId'>[];
    refunds?: Omit<RefundRecorded['data'], 'invoiceId' | 'customerId'>[];
    transfers?: Omit<PaymentTransferred['data'], 'invoiceId' | 'customerId'>[];
    /** Partial credit notes, in the order issued. */
    creditNotes?: (CreditNote & { creditNoteId: string; reason: string; issuedAt: string })[];
    /** For a prepayment: the invoice that deducts it. */
    settledBy?: SettledPrepayment | null;
    voidedAt?: string;
    voidReason?: string;
    /** The credit note that voided the invoice. */
    creditNote?: CreditNote;
  };

/** An invoice that was issued: it has its number, dates and payment reference. */
export type IssuedInvoiceDoc = InvoiceDoc & Pick<InvoiceIssued['data'], IssueFacts>;

export const isIssued = (doc: InvoiceDoc): doc is IssuedInvoiceDoc =>
  doc.draft !== true &&
  doc.number !== undefined &&
  doc.issuedOn !== undefined &&
  doc.dueOn !== undefined &&
  doc.issuedAt !== undefined &&
  doc.paymentReference !== undefined;

/** Owed after its due day: a draft (no due day) never is. */
export const pastDue = (doc: InvoiceDoc, today: string): boolean =>
  doc.dueOn !== undefined && doc.dueOn < today;

export type InvoiceStatus =
  'draft' | 'discarded' | 'issued' | 'sent' | 'partially_paid' | 'paid' | 'credited' | 'void';

/** Each status as a number the read model filters and indexes by. */
export const invoiceStatusRank: Readonly<Record<InvoiceStatus, number>> = {
  draft: 0,
  issued: 1,
  sent: 2,
  partially_paid: 3,
  paid: 4,
  void: 5,
  discarded: 6,
  credited: 7,
};

const byRank = Object.fromEntries(
  Object.entries(invoiceStatusRank).map(([status, rank]) => [rank, status]),
) as Record<number, InvoiceStatus>;

/**
 * An invoice's money as its document holds it: due (the total less credit notes), received
 * (paid, less refunds and what was moved to other invoices), still owed and paid in excess.
 * A draft, a discarded draft and a void invoice owe nothing.
 */
export const invoiceMoney = (doc: InvoiceDoc) => {
  const settled = doc.draft === true || doc.voidedAt !== undefined;
  return {
    due: settled ? 0 : doc.totals.gross - doc.credited,
    received: doc.paid - doc.refunded - doc.transferredOut,
    outstanding: settled ? 0 : doc.outstanding,
    overpaid: doc.overpaid,
  };
};

/** An invoice's state; overdue is separate, from the due date. */
export const invoiceStatus = (doc: InvoiceDoc): InvoiceStatus => byRank[doc.statusRank] ?? 'issued';

export type LeadDoc = From<LeadCreated['data'], 'leadId'> & {
  status: 'new' | 'qualified' | 'disqualified' | 'converted';
  updatedAt: string;
  customerId?: string;
  dealId?: string;
  disqualifiedReason?: string;
};

export type StaffDoc = From<StaffMemberRegistered['data'], 'staffId'> & {
  status: 'active' | 'deactivated';
  successorId?: string | null;
  deactivatedAt?: string;
};

export type PortfolioKind = 'lead' | 'customer' | 'deal' | 'activity' | 'ticket';

/** One lead, customer, deal, activity or ticket and who owns it (id: `<kind>-<itemId>`). */
export type PortfolioItemDoc = {
  _id: string;
  kind: PortfolioKind;
  itemId: string;
  /** null for a lead not yet converted */
  customerId: string | null;
  ownerId: string;
  open: boolean;
  title: string;
  ownedSince: string;
  dueOn?: string | null;
  status: string;
};

export type DocumentDoc = From<DocumentAttached['data'], 'documentId'> & {
  removed: boolean;
  removedAt?: string;
  removeReason?: string;
  /** Its customer's personal data was erased: the content is gone, the name erased. */
  contentErased?: boolean;
};

export type ActivityDoc = {
  _id: string;
  customerId: string;
  kind: ActivityKind;
  title: string;
  assigneeId: string;
  /** The business day it is due or starts on, for calendars. */
  day: BusinessDay;
  startsAt: string | null;
  endsAt: string | null;
  dealId: string | null;
  ticketId: string | null;
  status: 'planned' | 'completed' | 'cancelled';
  minutesSpent: number | null;
  outcome: string | null;
  doneAt: string | null;
};

/** Minutes spent, per staff member or customer and day (`<staff|customer>:<id>:<day>`). */
export type TimeSpentDoc = {
  _id: string;
  by: 'staff' | 'customer';
  ref: string;
  day: BusinessDay;
  minutes: number;
  activities: number;
};

export type TicketDoc = {
  _id: string;
  customerId: string;
  subject: string;
  channel: TicketChannel;
  priority: TicketPriority;
  classification: string | null;
  assigneeId: string;
  status: 'open' | 'resolved' | 'closed';
  openedAt: string;
  sla: TicketSla;
  firstResponseAt: string | null;
  resolvedAt: string | null;
};

export type SegmentDoc = {
  _id: string;
  name: string;
  description?: string | null;
  rules: SegmentRules;
  definedAt: string;
  redefinedAt?: string;
};

export * from './search-terms';

export type SearchField = 'name' | 'registry' | 'emails' | 'phones';

/** Something search finds: a customer or one of its contact persons. */
export type SearchEntityDoc = {
  _id: string;
  kind: 'customer' | 'contact';
  customerId: string;
  name: string;
  hidden: boolean;
  /** The position each field was last written at; older terms of a field are stale. */
  versions: Partial<Record<SearchField, number>>;
};

/** One word of one field of one entity (`<entity>|<field>|<term>`). */
export type SearchTermDoc = {
  _id: string;
  term: string;
  entity: string;
  field: SearchField;
  version: number;
};

/** The current version of an offer and what became of it. */
export type OfferDoc = {
  _id: string;
  dealId: string;
  customerId: string;
  version: number;
  status: 'open' | 'accepted' | 'rejected' | 'expired';
  currency: string;
  totals: { net: number; vat: number; gross: number };
  validUntil: BusinessDay;
  madeAt: string;
  answeredAt: string | null;
  rejectReason: string | null;
};

/** A customer's category as reports count it; a customer starts without one. */
export type ReportCategory = CustomerCategory | 'uncategorised';

/** What a group of customers did in one month, kept by $inc; money per currency, minor units. */
export type MonthFacts = {
  newCustomers?: number;
  dealsOpened?: number;
  won?: number;
  lost?: number;
  /** Days from opening to winning, summed over the deals won. */
  cycleDays?: number;
  wonValue?: Record<string, number>;
  invoiced?: Record<string, number>;
  paid?: Record<string, number>;
  /** Invoiced lines by currency and product key: net revenue and quantity. */
  products?: Record<string, Record<string, { name: string; revenue: number; quantity: number }>>;
};

export type CategoryMonthDoc = {
  _id: string;
  category: ReportCategory;
  month: string;
} & MonthFacts;
export type CustomerMonthDoc = { _id: string; customerId: string; month: string } & MonthFacts;
export type CategoryNowDoc = { _id: string; customers: number; openDeals: number };
export type ReportCustomerDoc = {
  _id: string;
  category: ReportCategory;
  openDeals: number;
  active: boolean;
};

/** A statement line as the review shows it: the bank's data, its match and any assignment. */
export type StatementLineDoc = StatementLine & { assigned?: MatchedInvoice; assignedAt?: string };

/** An imported bank statement with each line's match, for review. */
export type BankStatementDoc = Omit<BankStatementImported['data'], 'statementId' | 'lines'> & {
  _id: string;
  lines: StatementLineDoc[];
  /** Lines by what became of them; `open` ones (unmatched, ambiguous) wait for review. */
  counts: Record<
    'matched' | 'assigned' | 'unmatched' | 'ambiguous' | 'duplicate' | 'ignored',
    number
  >;
  open: number;
};

/** A stream that holds events concerning a customer: the index the audit history starts from. */
export type AuditStreamDoc = {
  _id: string;
  customerId: string;
  streamId: string;
  firstPosition: number;
};

/** One audit read: who read what, when. */
export type AuditTrailDoc = {
  _id: string;
  staffId: string;
  kind: string;
  subjectCustomerId: string | null;
  streamId: string | null;
  query: string | null;
  readAt: string;
  position: number;
};

/** A message in the outbox: where it stands, without its content (that is in the timeline). */
export type EmailDoc = {
  _id: string;
  /** None for staff mail that concerns no one customer (a daily digest). */
  customerId: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** When the next attempt is due (queued), or when the running one started (sending). */
  dueAt: string | null;
  attemptedAt: string | null;
  invoiceId: string | null;
  campaignId: string | null;
  attachments: number;
  queuedAt: string;
  sentAt: string | null;
  failedAt: string | null;
  lastError: string | null;
  hasError: boolean;
};

/** A webhook subscription; events after `fromPosition` are delivered. */
export type WebhookDoc = {
  _id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  active: boolean;
  fromPosition: number;
  subscribedAt: string;
  unsubscribedAt: string | null;
};

/** Where a subscription's delivery stands: the last event handled, and a pending retry. */
export type WebhookCursorDoc = {
  _id: string;
  position: number;
  /** Attempts made at the event after `position` so far. */
  attempts: number;
  retryAt: string | null;
  lastDeliveredAt: string | null;
};

/** One delivery attempt, kept as a log. */
export type WebhookDeliveryDoc = {
  _id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  position: number;
  attempt: number;
  outcome: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  at: string;
};

/** A workflow rule as admins defined it, and the reactions the business rules declined. */
export type WorkflowRuleDoc = {
  _id: string;
  name: string;
  rule: WorkflowRuleSpec;
  enabled: boolean;
  definedAt: string;
  changedAt: string;
  declined: number;
  /** Absent on a store that drops a null set on insert (FerretDB 1.24): read as null. */
  lastDeclined?: {
    triggerEventId: string;
    triggerType: string;
    problem: string;
    detail: string;
    at: string;
  } | null;
};

/** The id of the workflow runner's one checkpoint document. */
export const workflowEngineId = 'engine';

/** The workflow runner's checkpoint, one document: where it is in the log and its state. */
export type WorkflowEngineDoc = {
  _id: string;
  position: number;
  state: WorkflowEngineState;
  /** Reactions issued per rule (declined ones included). */
  reactions: Record<string, number>;
  savedAt: string;
};

export * from './segment-rules';
