export * from './envelope';
export * from './schema';
export * from './upcasting';
export * from './lead/lead.events';
export * from './customer/customer.events';
export * from './pipeline/pipeline.events';
export * from './deal/deal.events';
export * from './invoice/invoice.events';
