/**
 * Read model collections. The version suffix changes when a projection's output changes
 * shape, so a rebuild writes into a fresh collection next to the live one.
 */
export const collections = {
  timeline: 'timeline_v4',
  timelineStaff: 'timeline_staff_v4',
  customers: 'customers_v2',
  /**
   * What the customer 360 waits on to mark a contact: planned calls, meetings, events and
   * e-mails until they are completed, and messages staff sent until they are delivered.
   */
  customerContacts: 'customer_contacts_v2',
  pipelines: 'pipelines_v1',
  deals: 'deals_v5',
  boardStages: 'board_stages_v5',
  invoices: 'invoices_v5',
  /** Which invoices each customer has, for the invoices projection to find at an erasure. */
  invoiceCustomers: 'invoice_customers_v5',
  /** What all invoices and each customer's come to, and what is owed per due day. */
  invoiceTotals: 'invoice_totals_v5',
  leads: 'leads_v1',
  teams: 'teams_v1',
  routingRules: 'lead_routing_rules_v1',
  webForms: 'web_forms_v1',
  staff: 'staff_v1',
  calendarFeeds: 'calendar_feeds_v1',
  portfolio: 'portfolio_v2',
  documents: 'documents_v1',
  activities: 'activities_v5',
  /** Each member's calendar: one entry per activity they are assigned or take part in. */
  calendarEntries: 'calendar_entries_v5',
  timeSpent: 'time_spent_v5',
  tickets: 'tickets_v4',
  segments: 'segments_v2',
  customFields: 'custom_fields_v1',
  purchases: 'purchases_v1',
  searchEntities: 'search_entities_v2',
  searchTerms: 'search_terms_v2',
  offers: 'offers_v2',
  agreements: 'agreements_v2',
  reportCustomers: 'report_customers_v5',
  reportDeals: 'report_deals_v5',
  reportInvoices: 'report_invoices_v5',
  reportActivities: 'report_activities_v5',
  reportEmails: 'report_emails_v5',
  categoryNow: 'category_now_v5',
  categoryMonths: 'category_months_v5',
  customerMonths: 'customer_months_v5',
  auditStreams: 'audit_streams_v1',
  auditTrail: 'audit_trail_v1',
  emails: 'emails_v2',
  inboundEmails: 'inbound_emails_v1',
  inboundAttachments: 'inbound_attachments_v1',
  webhooks: 'webhooks_v1',
  campaigns: 'campaigns_v2',
  workflowRules: 'workflow_rules_v1',
  bankStatements: 'bank_statements_v1',
  stageFlowMonths: 'stage_flow_months_v1',
  stageFlowPipelines: 'stage_flow_pipelines_v1',
  stageFlowDeals: 'stage_flow_deals_v1',
  leadSourceMonths: 'lead_source_months_v1',
  leadCohortLeads: 'lead_cohort_leads_v1',
  leadCohortDeals: 'lead_cohort_deals_v1',
  products: 'products_v1',
  /** The currency of each sale that named a product, for its credit notes and void. */
  productSales: 'product_sales_v1',
} as const;

/** Checkpoint names of the projections; the query API waits for all of them. */
export const projections = {
  timeline: collections.timeline,
  customers: collections.customers,
  board: 'board_v5',
  invoices: collections.invoices,
  leads: collections.leads,
  leadIntake: 'lead_intake_v1',
  staff: collections.staff,
  portfolio: collections.portfolio,
  documents: collections.documents,
  activities: collections.activities,
  tickets: collections.tickets,
  segments: collections.segments,
  customFields: collections.customFields,
  purchases: collections.purchases,
  search: 'search_v2',
  offers: collections.offers,
  agreements: collections.agreements,
  reports: 'reports_v5',
  audit: 'audit_v1',
  emails: collections.emails,
  inboundEmails: collections.inboundEmails,
  webhooks: collections.webhooks,
  campaigns: collections.campaigns,
  workflowRules: collections.workflowRules,
  bankStatements: collections.bankStatements,
  stageFlow: 'stage_flow_v1',
  leadSources: 'lead_sources_v1',
  products: collections.products,
} as const;

export const projectionNames = Object.values(projections);
