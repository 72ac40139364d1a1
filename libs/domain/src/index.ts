export * from './decider';
export * from './lead/lead.decider';
export * from './customer/customer.decider';
export * from './pipeline/pipeline.decider';
export * from './deal/deal.decider';
export * from './invoice/invoice-math';
export * from './invoice/invoice-series.decider';
export * from './invoice/invoice.decider';
