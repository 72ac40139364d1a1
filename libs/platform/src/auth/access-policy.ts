import { type StaffRole } from '#events';

/** Who may call an endpoint: roles, or `public` for health checks. */
export type Access = readonly StaffRole[] | 'public';

const sellers: Access = ['sales', 'manager'];
const organisers: Access = ['manager', 'admin'];
const readers: Access = ['sales', 'manager', 'analyst', 'admin'];
const auditors: Access = ['auditor', 'admin'];
const admins: Access = ['admin'];
const everyone: Access = ['sales', 'manager', 'admin', 'analyst', 'auditor'];

/**
 * The one table of who may call what, for both APIs, keyed by method and route template.
 * Sales and managers issue customer, lead, deal, activity, ticket and invoice commands;
 * managers and admins define pipelines and segments and manage staff; sales, managers, analysts and admins
 * read the read models; auditors read the audit endpoints (with admins) and the staff list;
 * analysts and auditors write nothing. A route missing here is refused (403) to everyone.
 */
export const accessPolicy: Readonly<Record<string, Access>> = {
  'GET /health': 'public',

  // projector (internal port): status and metrics for probes and Prometheus; rebuilds for admins
  'GET /status': 'public',
  'GET /metrics': 'public',
  'POST /rebuild': ['admin'],

  // command API
  'POST /leads': sellers,
  'POST /leads/:id/qualify': sellers,
  'POST /leads/:id/disqualify': sellers,
  'POST /leads/:id/convert': sellers,
  'POST /leads/:id/owner': sellers,
  'POST /leads/:id/erase': admins,
  'POST /customers': sellers,
  'POST /customers/:id/owner': sellers,
  'POST /customers/:id/profile': sellers,
  'POST /customers/:id/contacts': sellers,
  'POST /customers/:id/contacts/:contactId': sellers,
  'POST /customers/:id/contacts/:contactId/remove': sellers,
  'POST /customers/:id/category': sellers,
  'POST /customers/:id/tags': sellers,
  'POST /customers/:id/consents': sellers,
  'POST /customers/:id/consents/withdraw': sellers,
  'POST /customers/:id/registry-data': sellers,
  'POST /customers/:id/registry-data/fetch': sellers,
  'POST /customers/:id/registry-data/refresh': sellers,
  'GET /registry/companies': sellers,
  'POST /customers/:id/archive': sellers,
  'POST /customers/:id/restore': sellers,
  'POST /customers/:id/erase': admins,
  'POST /emails': sellers,
  'POST /invoices/:id/email': sellers,
  'POST /webhooks': admins,
  'POST /campaigns': organisers,
  // the unsubscribe link of a campaign message: the signed token is the credential
  'GET /unsubscribe/:token': 'public',
  'POST /unsubscribe/:token': 'public',
  'POST /webhooks/:id/unsubscribe': admins,
  'POST /workflow-rules': admins,
  'POST /workflow-rules/:id/disable': admins,
  'POST /workflow-rules/:id/enable': admins,
  'POST /pipelines': organisers,
  'POST /pipelines/:id/stages': organisers,
  'POST /pipelines/:id/stages/:stageId/rename': organisers,
  'POST /pipelines/:id/stages/:stageId/settings': organisers,
  'POST /pipelines/:id/stages/:stageId/remove': organisers,
  'POST /pipelines/:id/reorder-stages': organisers,
  'POST /deals': sellers,
  'POST /deals/:id/stage': sellers,
  'POST /deals/:id/next-action': sellers,
  'POST /deals/:id/win': sellers,
  'POST /deals/:id/lose': sellers,
  'POST /deals/:id/reopen': sellers,
  'POST /deals/:id/owner': sellers,
  'POST /deals/:id/pipeline': sellers,
  'POST /deals/:id/value': sellers,
  'POST /deals/:id/offers': sellers,
  'POST /deals/:id/offers/:offerId/revise': sellers,
  'POST /deals/:id/offers/:offerId/accept': sellers,
  'POST /deals/:id/offers/:offerId/reject': sellers,
  'POST /deals/:id/offers/:offerId/expire': sellers,
  'POST /invoices': sellers,
  'POST /invoices/drafts': sellers,
  'POST /invoices/:id/draft': sellers,
  'POST /invoices/:id/discard': sellers,
  'POST /invoices/:id/issue': sellers,
  'POST /invoices/:id/send': sellers,
  'POST /invoices/:id/payments': sellers,
  'POST /invoices/:id/void': sellers,
  'POST /activities': sellers,
  'POST /activities/log': sellers,
  'POST /activities/:id/reschedule': sellers,
  'POST /activities/:id/complete': sellers,
  'POST /activities/:id/cancel': sellers,
  'POST /activities/:id/delegate': sellers,
  'POST /tickets': sellers,
  'POST /tickets/:id/assign': sellers,
  'POST /tickets/:id/reclassify': sellers,
  'POST /tickets/:id/respond': sellers,
  'POST /tickets/:id/reopen': sellers,
  'POST /tickets/:id/resolve': sellers,
  'POST /tickets/:id/close': sellers,
  'POST /documents': sellers,
  'POST /documents/:id/remove': sellers,
  'POST /segments': organisers,
  'POST /segments/:id/redefine': organisers,
  'POST /staff': organisers,
  'POST /staff/:id/roles': organisers,
  'POST /staff/:id/rename': organisers,
  'POST /staff/:id/deactivate': organisers,

  // query API
  'GET /customers/:id': readers,
  'GET /customers/:id/timeline': readers,
  'GET /pipelines': readers,
  'GET /pipelines/:id/board': readers,
  'GET /reports/categories': readers,
  'GET /segments/:id/report': readers,
  'GET /pipelines/:id/board/stages/:stageId/cards': readers,
  'GET /invoices': readers,
  'GET /leads': readers,
  'GET /documents': readers,
  'GET /documents/:id': readers,
  'GET /documents/:id/content': readers,
  'GET /activities': readers,
  'GET /reports/time-spent': readers,
  'GET /tickets': readers,
  'GET /emails': readers,
  'GET /campaigns': readers,
  'GET /campaigns/:id': readers,
  'GET /segments': readers,
  'GET /search': readers,
  'GET /segments/:id/members': readers,
  'GET /staff': everyone,
  'GET /staff/:id/portfolio': readers,
  'GET /audit/customers/:id/events': auditors,
  'GET /audit/customers/:id/state': auditors,
  'GET /audit/streams/:stream/verify': auditors,
  'GET /audit/trail': admins,
  'GET /webhooks': admins,
  'GET /webhooks/:id/deliveries': admins,
  'GET /workflow-rules': admins,
  'GET /workflow-rules/:id': admins,
};

export const routeKey = (method: string, url: string): string => `${method} ${url}`;
