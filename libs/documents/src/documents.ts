import { localDay } from '#domain';
import { type CustomerLanguage } from '#events';
import { type Config, type SellerConfig } from '#platform';
import {
  collections,
  type CustomerDoc,
  type DealDoc,
  type InvoiceDoc,
  isIssued,
  type OfferDoc,
} from '#read-models';
import { type ReadStore } from '#read-store';
import {
  creditNoteDocument,
  type InvoiceDocument,
  invoiceDocument,
  offerDocument,
} from './invoice-document';

/** The language a customer's documents are written in: their own, or the default. */
export const languageOf = (
  customer: Pick<CustomerDoc, 'preferredLanguage'> | undefined,
  fallback: CustomerLanguage,
): CustomerLanguage => customer?.preferredLanguage ?? fallback;

/** Who sends the documents, their default language, and the zone they are dated in. */
export type DocumentSettings = {
  seller: SellerConfig;
  defaultLanguage: CustomerLanguage;
  timeZone: string;
};

/** The document settings of an installation's configuration. */
export const documentSettings = (
  config: Pick<Config, 'seller' | 'defaultLanguage' | 'timezone'>,
): DocumentSettings => ({
  seller: config.seller,
  defaultLanguage: config.defaultLanguage,
  timeZone: config.timezone,
});

/** Who a customer's document is from and for, and its language. */
const contextOf = async (
  store: Pick<ReadStore, 'get'>,
  customerId: string,
  settings: DocumentSettings,
) => {
  const customer = await store.get<CustomerDoc>(collections.customers, customerId);
  return {
    seller: settings.seller,
    customer,
    language: languageOf(customer, settings.defaultLanguage),
  };
};

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
  const context = await contextOf(store, invoice.customerId, settings);
  return creditNoteNumber === undefined
    ? invoiceDocument(invoice, context)
    : creditNoteDocument(invoice, creditNoteNumber, context);
};

/**
 * The current version of an offer from the read models, as a document in its customer's
 * language, named after its deal and dated on the day it was made where the business is;
 * undefined when there is no such offer.
 */
export const loadOfferDocument = async (
  store: Pick<ReadStore, 'get'>,
  offerId: string,
  settings: DocumentSettings,
): Promise<InvoiceDocument | undefined> => {
  const offer = await store.get<OfferDoc>(collections.offers, offerId);
  if (!offer) return undefined;
  const deal = await store.get<DealDoc>(collections.deals, offer.dealId);
  const context = await contextOf(store, offer.customerId, settings);
  return offerDocument(
    offer,
    deal?.title ?? offer.dealId,
    localDay(Date.parse(offer.madeAt), settings.timeZone),
    context,
  );
};
