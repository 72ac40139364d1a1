export * from './texts';
export * from './invoice-document';
export * from './invoice-pdf';
export * from './e-invoice';
export * from './documents';
