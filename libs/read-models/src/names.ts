/**
 * Read model collections. The version suffix changes when a projection's output changes
 * shape, so a rebuild writes into a fresh collection next to the live one.
 */
export const collections = {
  timeline: 'timeline_v3',
  timelineStaff: 'timeline_staff_v3',
  customers: 'customers_v1',
  pipelines: 'pipelines_v1',
  deals: 'deals_v2',
  boardStages: 'board_stages_v2',
  invoices: 'invoices_v2',
  leads: 'leads_v1',
  staff: 'staff_v1',
  portfolio: 'portfolio_v1',
  documents: 'documents_v1',
  activities: 'activities_v2',
  timeSpent: 'time_spent_v2',
  tickets: 'tickets_v1',
  segments: 'segments_v1',
  searchEntities: 'search_entities_v2',
  searchTerms: 'search_terms_v2',
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
  search: 'search_v2',
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
