import { type CustomerLanguage } from '#events';
import { type SellerConfig } from '#platform';
import { collections, type CustomerDoc, type InvoiceDoc, isIssued } from '#read-models';
import { type ReadStore } from '#read-store';
import { creditNoteDocument, type InvoiceDocument, invoiceDocument } from './invoice-document';

/** The language a customer's documents are written in: their own, or the default. */
export const languageOf = (
  customer: Pick<CustomerDoc, 'preferredLanguage'> | undefined,
  fallback: CustomerLanguage,
): CustomerLanguage => customer?.preferredLanguage ?? fallback;

export type DocumentSettings = { seller: SellerConfig; defaultLanguage: CustomerLanguage };

/**
 * An issued invoice (or one of its credit notes, by number) from the read models, as a
 * document in its customer's language; undefined when there is no such issued document.
 */
export const loadInvoiceDocument = async (
  store: Pick<ReadStore, 'get'>,
  invoiceId: string,
  settings: DocumentSettings,
  creditNoteNumber?: string,
): Promise<InvoiceDocument | undefined> => {
  const invoice = await store.get<InvoiceDoc>(collections.invoices, invoiceId);
  if (!invoice || !isIssued(invoice)) return undefined;
  const customer = await store.get<CustomerDoc>(collections.customers, invoice.customerId);
  const context = {
    seller: settings.seller,
    customer,
    language: languageOf(customer, settings.defaultLanguage),
  };
  return creditNoteNumber === undefined
    ? invoiceDocument(invoice, context)
    : creditNoteDocument(invoice, creditNoteNumber, context);
};
