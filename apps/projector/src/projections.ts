import { activitiesProjection } from './activities/activities.projection';
import { customer360Projection } from './customer-360/customer-360.projection';
import { invoicesProjection } from './invoices/invoices.projection';
import { leadsProjection } from './leads/leads.projection';
import { leadIntakeProjection } from './lead-intake/lead-intake.projection';
import { pipelineBoardProjection } from './pipeline-board/pipeline-board.projection';
import { documentsProjection } from './documents/documents.projection';
import { offersProjection } from './offers/offers.projection';
import { agreementsProjection } from './agreements/agreements.projection';
import { portfolioProjection } from './portfolio/portfolio.projection';
import { type Projection, type ProjectionSettings } from './projection';
import { auditProjection } from './audit/audit.projection';
import { emailsProjection } from './emails/emails.projection';
import { inboundEmailsProjection } from './inbound-emails/inbound-emails.projection';
import { webhooksProjection } from './webhooks/webhooks.projection';
import { campaignsProjection } from './campaigns/campaigns.projection';
import { reportsProjection } from './reports/reports.projection';
import { searchProjection } from './search/search.projection';
import { segmentsProjection } from './segments/segments.projection';
import { customFieldsProjection } from './custom-fields/custom-fields.projection';
import { purchasesProjection } from './purchases/purchases.projection';
import { staffProjection } from './staff/staff.projection';
import { ticketsProjection } from './tickets/tickets.projection';
import { timelineProjection } from './timeline/timeline.projection';
import { workflowRulesProjection } from './workflows/workflow-rules.projection';
import { bankStatementsProjection } from './bank-statements/bank-statements.projection';
import { stageFlowProjection } from './stage-flow/stage-flow.projection';
import { leadSourcesProjection } from './lead-sources/lead-sources.projection';
import { productsProjection } from './products/products.projection';

/** Every projection, for an installation's settings. */
export const projectionsFor = (settings: ProjectionSettings): Projection[] => [
  timelineProjection,
  customer360Projection,
  pipelineBoardProjection,
  invoicesProjection,
  leadsProjection,
  leadIntakeProjection,
  staffProjection,
  portfolioProjection(settings),
  documentsProjection,
  activitiesProjection(settings),
  ticketsProjection,
  segmentsProjection,
  customFieldsProjection,
  purchasesProjection,
  searchProjection,
  offersProjection,
  agreementsProjection,
  reportsProjection(settings),
  auditProjection,
  emailsProjection,
  inboundEmailsProjection,
  webhooksProjection,
  campaignsProjection,
  workflowRulesProjection,
  bankStatementsProjection,
  stageFlowProjection(settings),
  leadSourcesProjection(settings),
  productsProjection,
];
