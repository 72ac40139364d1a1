import { type Invoice, InvoiceService } from '@e-invoice-eu/core';
import { currencyExponent, type InvoiceLine, type PostalAddress } from '#events';
import { type InvoiceDocument } from './invoice-document';

/** The profile of the documents: Peppol BIS Billing 3.0, the EN 16931 CIUS used in the Baltics. */
export const peppolBis3 = {
  customizationID: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  profileID: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
};

/** A party an e-invoice cannot name: EN 16931 needs an electronic address for each. */
export class EInvoiceIncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EInvoiceIncompleteError';
  }
}

/** Peppol electronic address schemes (EAS) by country: VAT numbers, then company codes. */
const vatScheme: Record<string, string> = { EE: '9931', LT: '9937', LV: '9939', HU: '9910' };
const companyScheme: Record<string, string> = { EE: '0191', LT: '0200', LV: '0218' };

type Party = {
  vatNumber?: string;
  registryCode?: string;
  email?: string;
  country: string;
};

const endpointOf = (party: Party, who: string): { id: string; scheme: string } => {
  const byVat = vatScheme[party.vatNumber?.slice(0, 2).toUpperCase() ?? ''];
  if (party.vatNumber && byVat) return { id: party.vatNumber, scheme: byVat };
  const byCode = companyScheme[party.country];
  if (party.registryCode && byCode) return { id: party.registryCode, scheme: byCode };
  if (party.email) return { id: party.email, scheme: 'EM' };
  throw new EInvoiceIncompleteError(
    `The ${who} needs a VAT number, a registry code or an e-mail address for an e-invoice`,
  );
};

const digitsOf = currencyExponent;

/** Minor units as the decimal text UBL carries: `-1234.50`. */
const amount = (minor: number, currency: string): string => {
  const digits = digitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  const whole = Math.floor(abs / unit);
  return digits === 0
    ? `${sign}${whole}`
    : `${sign}${whole}.${String(abs % unit).padStart(digits, '0')}`;
};

const decimal = (value: number, places: number) =>
  value
    .toFixed(places)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');

const postal = (address: PostalAddress | undefined, country: string) => ({
  ...(address?.street ? { 'cbc:StreetName': address.street } : {}),
  ...(address?.city ? { 'cbc:CityName': address.city } : {}),
  ...(address?.postalCode ? { 'cbc:PostalZone': address.postalCode } : {}),
  'cac:Country': { 'cbc:IdentificationCode': country },
});

const taxCategory = (rate: number) => ({
  // Standard rate, or zero rated goods; exemptions need a reason this service does not record.
  'cbc:ID': rate > 0 ? 'S' : 'Z',
  'cbc:Percent': decimal(rate, 2),
  'cac:TaxScheme': { 'cbc:ID': 'VAT' },
});

/**
 * UN/ECE Recommendation 20 codes for the units people write on lines (in English and
 * Estonian); any other unit is a unit count, C62.
 */
const unitCodes: Readonly<Record<string, string>> = {
  h: 'HUR',
  hr: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  tund: 'HUR',
  min: 'MIN',
  day: 'DAY',
  days: 'DAY',
  päev: 'DAY',
  week: 'WEE',
  nädal: 'WEE',
  month: 'MON',
  months: 'MON',
  kuu: 'MON',
  year: 'ANN',
  aasta: 'ANN',
  pcs: 'H87',
  pc: 'H87',
  piece: 'H87',
  tk: 'H87',
  kg: 'KGM',
  g: 'GRM',
  m: 'MTR',
  km: 'KMT',
  m2: 'MTK',
  'm²': 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  kwh: 'KWH',
};

/** The unit code of a line's unit (BT-130). */
export const unitCode = (unit: string | undefined): string =>
  (unit && unitCodes[unit.trim().toLowerCase().replace(/\.$/, '')]) ?? 'C62';

/**
 * One line as UBL wants it: the net price per unit is never negative, so a deduction (a
 * negative price) carries a negative quantity instead; a discount is the price's allowance.
 */
const lineOf = (line: InvoiceLine, index: number, currency: string, sign: 1 | -1) => {
  const net = sign * line.net;
  const quantity = Math.abs(line.quantity) * (net < 0 ? -1 : 1);
  const unit = 10 ** digitsOf(currency);
  const netPrice = Math.abs(net) / unit / Math.abs(line.quantity);
  const grossPrice = Math.abs(line.unitPrice) / unit;
  const discounted = line.discountPercent > 0;
  return {
    'cbc:ID': String(index + 1),
    'cbc:InvoicedQuantity': decimal(quantity, 3),
    'cbc:InvoicedQuantity@unitCode': unitCode(line.unit),
    'cbc:LineExtensionAmount': amount(net, currency),
    'cbc:LineExtensionAmount@currencyID': currency,
    'cac:Item': {
      'cbc:Name': line.description,
      // BT-155, the seller's item identifier: the catalogue code the line names.
      ...(line.productCode
        ? { 'cac:SellersItemIdentification': { 'cbc:ID': line.productCode } }
        : {}),
      'cac:ClassifiedTaxCategory': taxCategory(line.vatRate),
    },
    'cac:Price': {
      'cbc:PriceAmount': decimal(netPrice, 6),
      'cbc:PriceAmount@currencyID': currency,
      ...(discounted
        ? {
            'cac:AllowanceCharge': {
              'cbc:ChargeIndicator': 'false',
              'cbc:Amount': decimal(Math.max(0, grossPrice - netPrice), 6),
              'cbc:Amount@currencyID': currency,
              'cbc:BaseAmount': decimal(grossPrice, 6),
              'cbc:BaseAmount@currencyID': currency,
            },
          }
        : {}),
    },
  };
};

/**
 * The document in the EN 16931 data model, UBL 2.1 syntax, Peppol BIS Billing 3.0 profile:
 * seller and buyer with their electronic addresses, the lines, the VAT breakdown per rate,
 * the totals with what was prepaid, and payment means with the IBAN and the reference. A
 * credit note is a UBL CreditNote (type 381) that refers to the invoice it credits.
 */
export const eInvoiceData = (document: InvoiceDocument): Invoice => {
  const { currency, seller, buyer } = document;
  const credit = document.kind === 'credit-note';
  const sign: 1 | -1 = credit ? -1 : 1;
  const buyerCountry = buyer.address?.country ?? seller.address.country;
  const sellerEndpoint = endpointOf(
    { ...seller, country: seller.address.country },
    'seller (SELLER_VAT_NUMBER, SELLER_REGISTRY_CODE or SELLER_EMAIL)',
  );
  const buyerEndpoint = endpointOf({ ...buyer, country: buyerCountry }, 'customer');
  const money = (minor: number) => amount(sign * minor, currency);
  const prepaid = document.paid;
  const invoice = {
    'ubl:Invoice': {
      'cbc:CustomizationID': peppolBis3.customizationID,
      'cbc:ProfileID': peppolBis3.profileID,
      'cbc:ID': document.number,
      'cbc:IssueDate': document.issuedOn,
      ...(document.dueOn && !credit ? { 'cbc:DueDate': document.dueOn } : {}),
      'cbc:InvoiceTypeCode': credit ? '381' : document.kind === 'prepayment' ? '386' : '380',
      ...(document.credits ? { 'cbc:Note': [document.credits.reason] } : {}),
      'cbc:DocumentCurrencyCode': currency,
      'cbc:BuyerReference':
        document.paymentReference ?? document.credits?.number ?? document.number,
      ...(document.credits
        ? {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': document.credits.number,
                  'cbc:IssueDate': document.credits.issuedOn,
                },
              },
            ],
          }
        : {}),
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': sellerEndpoint.id,
          'cbc:EndpointID@schemeID': sellerEndpoint.scheme,
          'cac:PostalAddress': postal(seller.address, seller.address.country),
          ...(seller.vatNumber
            ? {
                'cac:PartyTaxScheme': [
                  { 'cbc:CompanyID': seller.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
                ],
              }
            : {}),
          'cac:PartyLegalEntity': {
            'cbc:RegistrationName': seller.name,
            ...(seller.registryCode ? { 'cbc:CompanyID': seller.registryCode } : {}),
          },
          ...(seller.email || seller.phone
            ? {
                'cac:Contact': {
                  ...(seller.phone ? { 'cbc:Telephone': seller.phone } : {}),
                  ...(seller.email ? { 'cbc:ElectronicMail': seller.email } : {}),
                },
              }
            : {}),
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          'cbc:EndpointID': buyerEndpoint.id,
          'cbc:EndpointID@schemeID': buyerEndpoint.scheme,
          'cac:PostalAddress': postal(buyer.address, buyerCountry),
          ...(buyer.vatNumber
            ? {
                'cac:PartyTaxScheme': [
                  { 'cbc:CompanyID': buyer.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
                ],
              }
            : {}),
          'cac:PartyLegalEntity': {
            'cbc:RegistrationName': buyer.name,
            ...(buyer.registryCode ? { 'cbc:CompanyID': buyer.registryCode } : {}),
          },
        },
      },
      ...(!credit && seller.bankAccounts.length > 0
        ? {
            'cac:PaymentMeans': seller.bankAccounts.map((account) => ({
              // 58: SEPA credit transfer, for euro accounts; 30: credit transfer otherwise.
              'cbc:PaymentMeansCode': account.currency === 'EUR' ? '58' : '30',
              ...(document.paymentReference ? { 'cbc:PaymentID': document.paymentReference } : {}),
              'cac:PayeeFinancialAccount': {
                'cbc:ID': account.iban,
                ...(account.bic
                  ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': account.bic } }
                  : {}),
              },
            })),
          }
        : {}),
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': money(document.totals.vat),
          'cbc:TaxAmount@currencyID': currency,
          'cac:TaxSubtotal': document.vat.map((v) => ({
            'cbc:TaxableAmount': money(v.net),
            'cbc:TaxableAmount@currencyID': currency,
            'cbc:TaxAmount': money(v.vat),
            'cbc:TaxAmount@currencyID': currency,
            'cac:TaxCategory': taxCategory(v.rate),
          })),
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': money(document.totals.net),
        'cbc:LineExtensionAmount@currencyID': currency,
        'cbc:TaxExclusiveAmount': money(document.totals.net),
        'cbc:TaxExclusiveAmount@currencyID': currency,
        'cbc:TaxInclusiveAmount': money(document.totals.gross),
        'cbc:TaxInclusiveAmount@currencyID': currency,
        ...(prepaid > 0
          ? {
              'cbc:PrepaidAmount': amount(prepaid, currency),
              'cbc:PrepaidAmount@currencyID': currency,
            }
          : {}),
        'cbc:PayableAmount': amount(sign * document.totals.gross - prepaid, currency),
        'cbc:PayableAmount@currencyID': currency,
      },
      'cac:InvoiceLine': document.lines.map((line, i) => lineOf(line, i, currency, sign)),
    },
  };
  return invoice as unknown as Invoice;
};

/**
 * The characters XML 1.0 cannot carry: the controls but tab, line feed and carriage return,
 * unpaired surrogates, U+FFFE and U+FFFF. A text may hold them (it is stored as it was sent);
 * the library would write them as they are, and the file would not be well-formed.
 */
// eslint-disable-next-line no-control-regex -- finding the control characters is its purpose
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Every text of the data with the characters XML cannot carry replaced by U+FFFD. */
const writableTexts = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(NOT_XML, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(writableTexts) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, writableTexts(child)]),
  ) as T;
};

const service = new InvoiceService({
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/**
 * The UBL XML of the document, generated and validated against the EN 16931 data model by
 * @e-invoice-eu/core; a document it refuses throws.
 */
export const renderEInvoice = async (document: InvoiceDocument): Promise<string> => {
  const xml = await service.generate(writableTexts(eInvoiceData(document)), {
    format: 'UBL',
    lang: document.language,
    noWarnings: true,
  });
  return typeof xml === 'string' ? xml : Buffer.from(xml).toString('utf8');
};
