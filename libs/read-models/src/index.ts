/**
 * The read models: one file per model with its documents' shapes and helpers; `names.ts` has
 * the collection and checkpoint names, `operational.ts` the collections processes keep for
 * their own work.
 */
export * from './names';
export * from './operational';
export * from './from';
export * from './timeline';
export * from './customers';
export * from './pipelines';
export * from './invoices';
export * from './leads';
export * from './staff';
export * from './documents';
export * from './activities';
export * from './tickets';
export * from './segments';
export * from './custom-fields';
export * from './purchases';
export * from './search';
export * from './offers';
export * from './agreements';
export * from './products';
export * from './reports';
export * from './stage-flow';
export * from './lead-sources';
export * from './bank-statements';
export * from './audit';
export * from './emails';
export * from './webhooks';
export * from './workflows';
export * from './search-terms';
export * from './segment-rules';
export * from './list-orders';
