/**
 * The JSON answers of the query API, as the TypeScript compiler infers them from the
 * controllers: `npm run openapi:answers` turns these types into the JSON Schemas of the
 * OpenAPI document (answer-schemas.ts), and a test fails when they drift apart.
 */
import { type ActivitiesController } from '../activities/activities.controller';
import { type AgreementsController } from '../agreements/agreements.controller';
import { type AuditController } from '../audit/audit.controller';
import { type BankStatementsController } from '../bank-statements/bank-statements.controller';
import { type CampaignsController } from '../campaigns/campaigns.controller';
import { type CustomersController } from '../customers/customers.controller';
import { type CustomFieldsController } from '../custom-fields/custom-fields';
import { type DealsController } from '../pipelines/deals.controller';
import { type DocumentsController } from '../documents/documents.controller';
import { type EmailsController } from '../emails/emails.controller';
import { type LeadIntakeController } from '../lead-intake/lead-intake.controller';
import { type InboundEmailsController } from '../inbound-emails/inbound-emails.controller';
import { type InvoicesController } from '../invoices/invoices.controller';
import { type LeadsController } from '../leads/leads.controller';
import { type PipelinesController } from '../pipelines/pipelines.controller';
import { type ReportsController } from '../reports/reports.controller';
import { type SearchController } from '../search/search.controller';
import { type SegmentsController } from '../segments/segments.controller';
import { type StaffController } from '../staff/staff.controller';
import { type TicketsController } from '../tickets/tickets.controller';
import { type WebhooksController } from '../webhooks/webhooks.controller';
import { type WorkflowRulesController } from '../workflows/workflow-rules.controller';

type Answer<C, M extends keyof C> = C[M] extends (...args: never[]) => infer R ? Awaited<R> : never;

export type ActivityPage = Answer<ActivitiesController, 'list'>;
export type AgreementPage = Answer<AgreementsController, 'list'>;
export type AgreementView = Answer<AgreementsController, 'one'>;
export type TimeSpentReport = Answer<ActivitiesController, 'timeSpent'>;
export type AuditEventPage = Answer<AuditController, 'history'>;
export type AuditCustomerState = Answer<AuditController, 'state'>;
export type AuditStreamVerification = Answer<AuditController, 'verify'>;
export type AuditTrailPage = Answer<AuditController, 'trail'>;
export type BankStatementPage = Answer<BankStatementsController, 'list'>;
export type BankStatementView = Answer<BankStatementsController, 'one'>;
export type CampaignPage = Answer<CampaignsController, 'list'>;
export type CampaignReport = Answer<CampaignsController, 'report'>;
export type CustomerView = Answer<CustomersController, 'view'>;
export type CustomerPage = Answer<CustomersController, 'list'>;
export type CustomFieldPage = Answer<CustomFieldsController, 'list'>;
export type DealPage = Answer<DealsController, 'list'>;
export type TimelinePage = Answer<CustomersController, 'timeline'>;
export type DocumentPage = Answer<DocumentsController, 'list'>;
export type DocumentMetadata = Answer<DocumentsController, 'metadata'>;
export type EmailPage = Answer<EmailsController, 'list'>;
export type TeamList = Answer<LeadIntakeController, 'teams'>;
export type RoutingRuleList = Answer<LeadIntakeController, 'rules'>;
export type WebFormList = Answer<LeadIntakeController, 'webForms'>;
export type InboundEmailPage = Answer<InboundEmailsController, 'list'>;
export type InboundEmailView = Answer<InboundEmailsController, 'one'>;
export type InvoiceView = Answer<InvoicesController, 'one'>;
export type InvoicePage = Answer<InvoicesController, 'list'>;
export type LeadPage = Answer<LeadsController, 'list'>;
export type PipelineList = Answer<PipelinesController, 'list'>;
export type PipelineBoard = Answer<PipelinesController, 'board'>;
export type StageCardPage = Answer<PipelinesController, 'stageCards'>;
export type CategoryReport = Answer<ReportsController, 'categories'>;
export type ForecastReport = Answer<ReportsController, 'forecast'>;
export type GroupReport = Answer<ReportsController, 'groups'>;
export type SearchResults = Answer<SearchController, 'search'>;
export type SegmentPage = Answer<SegmentsController, 'list'>;
export type SegmentReport = Answer<SegmentsController, 'report'>;
export type SegmentMemberPage = Answer<SegmentsController, 'members'>;
export type StaffPage = Answer<StaffController, 'list'>;
export type Portfolio = Answer<StaffController, 'portfolio'>;
export type TicketPage = Answer<TicketsController, 'list'>;
export type WebhookPage = Answer<WebhooksController, 'list'>;
export type WebhookDeliveryPage = Answer<WebhooksController, 'deliveries'>;
export type WorkflowRulePage = Answer<WorkflowRulesController, 'list'>;
export type WorkflowRule = Answer<WorkflowRulesController, 'get'>;
