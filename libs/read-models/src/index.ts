import {
  type BusinessDay,
  type InvoiceLine,
  type InvoiceTotals,
  type Money,
  type PipelineStage,
  type PostalAddress,
} from '#events';

/**
 * Read model collections. The version suffix changes when a projection's output changes
 * shape, so a rebuild writes into a fresh collection next to the live one.
 */
export const collections = {
  timeline: 'timeline_v1',
  customers: 'customers_v1',
  pipelines: 'pipelines_v1',
  deals: 'deals_v1',
  invoices: 'invoices_v1',
  leads: 'leads_v1',
} as const;

/** Checkpoint names of the projections the query API reads through. */
export const projectionNames = [
  collections.timeline,
  collections.customers,
  'board_v1',
  collections.invoices,
  collections.leads,
] as const;

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
  data: Record<string, unknown>;
};

export type CustomerDoc = {
  _id: string;
  kind: 'company' | 'person';
  name: string;
  registryCode?: string;
  email?: string;
  phone?: string;
  address?: PostalAddress;
  ownerId: string;
  sourceLeadId?: string;
  registeredAt: string;
  lastActivityAt?: string;
  invoiceTotals?: Record<string, { invoiced: number; count: number }>;
};

export type PipelineDoc = { _id: string; name: string; stages: PipelineStage[]; definedAt: string };

export type DealStatus = 'open' | 'won' | 'lost';

export type DealDoc = {
  _id: string;
  customerId: string;
  pipelineId: string;
  stageId: string;
  title: string;
  value: Money;
  ownerId: string;
  status: DealStatus;
  nextAction: { dueOn: BusinessDay; description: string } | null;
  openedAt: string;
  stageEnteredAt: string;
  lastActivityAt: string;
  closedAt?: string | null;
  lostReason?: string | null;
  sourceLeadId?: string;
};

export type InvoiceDoc = {
  _id: string;
  number: string;
  kind: 'standard' | 'prepayment';
  customerId: string;
  dealId?: string;
  currency: string;
  issuedOn: BusinessDay;
  dueOn: BusinessDay;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  paid: number;
  status: 'issued';
  issuedAt: string;
};

export type LeadDoc = {
  _id: string;
  status: 'new' | 'qualified' | 'disqualified' | 'converted';
  personName: string;
  companyName?: string;
  email?: string;
  phone?: string;
  source: string;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
  customerId?: string;
  dealId?: string;
  disqualifiedReason?: string;
};
