import { currencyExponent, type CustomerLanguage } from '#events';

/**
 * Every text an invoice, an offer, an invoice's e-mail, the unsubscribe page and a ticket's
 * status page print, in one language.
 */
export type Texts = {
  invoice: string;
  prepaymentInvoice: string;
  creditNote: string;
  offer: string;
  /** Who an offer is made to. */
  offerTo: string;
  validUntil: string;
  version: string;
  terms: string;
  seller: string;
  buyer: string;
  registryCode: string;
  vatNumber: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  paymentReference: string;
  creditsInvoice: string;
  reason: string;
  line: string;
  description: string;
  /** Before a line's product code, under its description. */
  productCode: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vatRate: string;
  net: string;
  prepaymentDeducted: (number: string) => string;
  netTotal: string;
  vatAt: (rate: string) => string;
  total: string;
  paid: string;
  toPay: string;
  nothingToPay: string;
  payment: string;
  bankAccount: string;
  payBy: (day: string, reference: string) => string;
  page: (page: number, pages: number) => string;
  emailSubject: (number: string) => string;
  emailBody: (number: string, total: string, dueOn: string, reference: string) => string;
  unsubscribeTitle: string;
  unsubscribeQuestion: string;
  unsubscribeButton: string;
  unsubscribed: string;
  unsubscribedDetail: string;
  unsubscribeFailed: string;
  ticketStatusTitle: string;
  ticketStatus: string;
  ticketStatuses: Record<'open' | 'resolved' | 'closed', string>;
  ticketReceived: string;
  ticketResolutionTarget: string;
  ticketReplies: string;
  ticketNoReplies: string;
  ticketResolution: string;
  ticketLinkInvalid: string;
};

const en: Texts = {
  invoice: 'Invoice',
  prepaymentInvoice: 'Prepayment invoice',
  creditNote: 'Credit note',
  offer: 'Offer',
  offerTo: 'Prepared for',
  validUntil: 'Valid until',
  version: 'Version',
  terms: 'Terms',
  seller: 'Seller',
  buyer: 'Bill to',
  registryCode: 'Registry code',
  vatNumber: 'VAT number',
  number: 'Number',
  issuedOn: 'Date',
  dueOn: 'Due date',
  paymentReference: 'Reference number',
  creditsInvoice: 'Credits invoice',
  reason: 'Reason',
  line: 'No.',
  description: 'Description',
  productCode: 'Code',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  discount: 'Discount',
  vatRate: 'VAT',
  net: 'Amount',
  prepaymentDeducted: (number) => `Prepayment invoice ${number} deducted`,
  netTotal: 'Total excl. VAT',
  vatAt: (rate) => `VAT ${rate}`,
  total: 'Total',
  paid: 'Paid',
  toPay: 'To pay',
  nothingToPay: 'Nothing to pay',
  payment: 'Payment',
  bankAccount: 'Bank account',
  payBy: (day, reference) => `Please pay by ${day} quoting reference number ${reference}.`,
  page: (page, pages) => `Page ${page} of ${pages}`,
  emailSubject: (number) => `Invoice ${number}`,
  emailBody: (number, total, dueOn, reference) =>
    `Invoice ${number}, total ${total}, due ${dueOn}, reference number ${reference}.\nThe invoice is attached as a PDF.`,
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeQuestion: 'Stop receiving these e-mails?',
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: 'Unsubscribed',
  unsubscribedDetail: 'You will not receive these e-mails any more.',
  unsubscribeFailed: 'This link is not valid.',
  ticketStatusTitle: 'Your request',
  ticketStatus: 'Status',
  ticketStatuses: { open: 'Open: we are working on it', resolved: 'Resolved', closed: 'Closed' },
  ticketReceived: 'Received',
  ticketResolutionTarget: 'We aim to resolve it by',
  ticketReplies: 'Our replies',
  ticketNoReplies: 'No reply yet.',
  ticketResolution: 'Resolution',
  ticketLinkInvalid: 'This link is no longer valid.',
};

const et: Texts = {
  invoice: 'Arve',
  prepaymentInvoice: 'Ettemaksuarve',
  creditNote: 'Kreeditarve',
  offer: 'Hinnapakkumine',
  offerTo: 'Kliendile',
  validUntil: 'Kehtib kuni',
  version: 'Versioon',
  terms: 'Tingimused',
  seller: 'Müüja',
  buyer: 'Maksja',
  registryCode: 'Registrikood',
  vatNumber: 'KMKR nr',
  number: 'Number',
  issuedOn: 'Kuupäev',
  dueOn: 'Maksetähtaeg',
  paymentReference: 'Viitenumber',
  creditsInvoice: 'Krediteerib arvet',
  reason: 'Põhjus',
  line: 'Nr',
  description: 'Kirjeldus',
  productCode: 'Kood',
  quantity: 'Kogus',
  unitPrice: 'Ühiku hind',
  discount: 'Allahindlus',
  vatRate: 'KM',
  net: 'Summa',
  prepaymentDeducted: (number) => `Ettemaksuarve ${number} tasaarvestus`,
  netTotal: 'Summa käibemaksuta',
  vatAt: (rate) => `Käibemaks ${rate}`,
  total: 'Kokku',
  paid: 'Tasutud',
  toPay: 'Tasuda',
  nothingToPay: 'Tasuda ei ole vaja',
  payment: 'Tasumine',
  bankAccount: 'Arveldusarve',
  payBy: (day, reference) => `Palume tasuda hiljemalt ${day}, viitenumber ${reference}.`,
  page: (page, pages) => `Lehekülg ${page} / ${pages}`,
  emailSubject: (number) => `Arve ${number}`,
  emailBody: (number, total, dueOn, reference) =>
    `Arve ${number}, summa ${total}, maksetähtaeg ${dueOn}, viitenumber ${reference}.\nArve on lisatud PDF-failina.`,
  unsubscribeTitle: 'Loobu kirjadest',
  unsubscribeQuestion: 'Kas soovite nende e-kirjade saamisest loobuda?',
  unsubscribeButton: 'Loobu',
  unsubscribed: 'Loobutud',
  unsubscribedDetail: 'Te ei saa neid e-kirju enam.',
  unsubscribeFailed: 'See link ei kehti.',
  ticketStatusTitle: 'Teie pöördumine',
  ticketStatus: 'Seis',
  ticketStatuses: { open: 'Avatud: tegeleme sellega', resolved: 'Lahendatud', closed: 'Suletud' },
  ticketReceived: 'Vastu võetud',
  ticketResolutionTarget: 'Lahendame hiljemalt',
  ticketReplies: 'Meie vastused',
  ticketNoReplies: 'Vastust veel ei ole.',
  ticketResolution: 'Lahendus',
  ticketLinkInvalid: 'See link ei kehti enam.',
};

const lt: Texts = {
  invoice: 'Sąskaita faktūra',
  prepaymentInvoice: 'Išankstinio apmokėjimo sąskaita',
  creditNote: 'Kreditinė sąskaita',
  offer: 'Komercinis pasiūlymas',
  offerTo: 'Klientui',
  validUntil: 'Galioja iki',
  version: 'Versija',
  terms: 'Sąlygos',
  seller: 'Pardavėjas',
  buyer: 'Pirkėjas',
  registryCode: 'Įmonės kodas',
  vatNumber: 'PVM kodas',
  number: 'Numeris',
  issuedOn: 'Data',
  dueOn: 'Apmokėti iki',
  paymentReference: 'Įmokos kodas',
  creditsInvoice: 'Koreguoja sąskaitą',
  reason: 'Priežastis',
  line: 'Nr.',
  description: 'Aprašymas',
  productCode: 'Kodas',
  quantity: 'Kiekis',
  unitPrice: 'Vieneto kaina',
  discount: 'Nuolaida',
  vatRate: 'PVM',
  net: 'Suma',
  prepaymentDeducted: (number) => `Įskaitytas išankstinis apmokėjimas ${number}`,
  netTotal: 'Suma be PVM',
  vatAt: (rate) => `PVM ${rate}`,
  total: 'Iš viso',
  paid: 'Sumokėta',
  toPay: 'Mokėtina',
  nothingToPay: 'Mokėti nereikia',
  payment: 'Apmokėjimas',
  bankAccount: 'Banko sąskaita',
  payBy: (day, reference) => `Prašome sumokėti iki ${day}, nurodant įmokos kodą ${reference}.`,
  page: (page, pages) => `Puslapis ${page} iš ${pages}`,
  emailSubject: (number) => `Sąskaita faktūra ${number}`,
  emailBody: (number, total, dueOn, reference) =>
    `Sąskaita faktūra ${number}, suma ${total}, apmokėti iki ${dueOn}, įmokos kodas ${reference}.\nSąskaita pridėta PDF formatu.`,
  unsubscribeTitle: 'Atsisakyti',
  unsubscribeQuestion: 'Ar norite nebegauti šių laiškų?',
  unsubscribeButton: 'Atsisakyti',
  unsubscribed: 'Atsisakyta',
  unsubscribedDetail: 'Daugiau šių laiškų negausite.',
  unsubscribeFailed: 'Ši nuoroda negalioja.',
  ticketStatusTitle: 'Jūsų užklausa',
  ticketStatus: 'Būsena',
  ticketStatuses: { open: 'Atvira: sprendžiame', resolved: 'Išspręsta', closed: 'Uždaryta' },
  ticketReceived: 'Gauta',
  ticketResolutionTarget: 'Išspręsime iki',
  ticketReplies: 'Mūsų atsakymai',
  ticketNoReplies: 'Atsakymo dar nėra.',
  ticketResolution: 'Sprendimas',
  ticketLinkInvalid: 'Ši nuoroda nebegalioja.',
};

const hu: Texts = {
  invoice: 'Számla',
  prepaymentInvoice: 'Előlegszámla',
  creditNote: 'Helyesbítő számla',
  offer: 'Árajánlat',
  offerTo: 'Címzett',
  validUntil: 'Érvényes eddig',
  version: 'Verzió',
  terms: 'Feltételek',
  seller: 'Eladó',
  buyer: 'Vevő',
  registryCode: 'Cégjegyzékszám',
  vatNumber: 'Adószám',
  number: 'Sorszám',
  issuedOn: 'Kelte',
  dueOn: 'Fizetési határidő',
  paymentReference: 'Közlemény',
  creditsInvoice: 'Helyesbített számla',
  reason: 'Indok',
  line: 'Sor',
  description: 'Megnevezés',
  productCode: 'Cikkszám',
  quantity: 'Menny.',
  unitPrice: 'Egységár',
  discount: 'Kedvezmény',
  vatRate: 'ÁFA',
  net: 'Nettó',
  prepaymentDeducted: (number) => `Előleg levonása (${number})`,
  netTotal: 'Nettó összesen',
  vatAt: (rate) => `ÁFA ${rate}`,
  total: 'Bruttó összesen',
  paid: 'Fizetve',
  toPay: 'Fizetendő',
  nothingToPay: 'Nincs fizetendő összeg',
  payment: 'Fizetés',
  bankAccount: 'Bankszámla',
  payBy: (day, reference) => `Kérjük, fizessen ${day}-ig, közlemény: ${reference}.`,
  page: (page, pages) => `${page}. oldal / ${pages}`,
  emailSubject: (number) => `Számla ${number}`,
  emailBody: (number, total, dueOn, reference) =>
    `Számla ${number}, összeg ${total}, fizetési határidő ${dueOn}, közlemény ${reference}.\nA számlát PDF-ben csatoltuk.`,
  unsubscribeTitle: 'Leiratkozás',
  unsubscribeQuestion: 'Nem szeretne több ilyen levelet kapni?',
  unsubscribeButton: 'Leiratkozom',
  unsubscribed: 'Leiratkozott',
  unsubscribedDetail: 'Ezeket a leveleket többé nem kapja meg.',
  unsubscribeFailed: 'Ez a hivatkozás érvénytelen.',
  ticketStatusTitle: 'Az Ön kérése',
  ticketStatus: 'Állapot',
  ticketStatuses: { open: 'Nyitott: dolgozunk rajta', resolved: 'Megoldva', closed: 'Lezárva' },
  ticketReceived: 'Beérkezett',
  ticketResolutionTarget: 'Megoldási határidő',
  ticketReplies: 'Válaszaink',
  ticketNoReplies: 'Még nincs válasz.',
  ticketResolution: 'Megoldás',
  ticketLinkInvalid: 'Ez a link már nem érvényes.',
};

const all: Record<CustomerLanguage, Texts> = { en, et, lt, hu };

export const textsFor = (language: CustomerLanguage): Texts => all[language];

/** The locale numbers and dates are written in, per language. */
export const localeOf: Record<CustomerLanguage, string> = {
  en: 'en-GB',
  et: 'et-EE',
  lt: 'lt-LT',
  hu: 'hu-HU',
};

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Minor units as the language writes money: `1 234,56 €`, `€1,234.56`. */
export const formatMoney = (minor: number, currency: string, language: CustomerLanguage) => {
  const key = `${language}:${currency}`;
  const digits = currencyExponent(currency);
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf[language], {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minor / 10 ** digits);
};

/** A number (quantity, percent) with up to three decimals, as the language writes it. */
export const formatNumber = (value: number, language: CustomerLanguage) => {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(localeOf[language], { maximumFractionDigits: 3 });
    numberFormats.set(language, format);
  }
  return format.format(value);
};

/** A business day `YYYY-MM-DD` as the language writes dates. */
export const formatDay = (day: string, language: CustomerLanguage) => {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf[language], { dateStyle: 'long', timeZone: 'UTC' });
    dayFormats.set(language, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
};

export const formatPercent = (rate: number, language: CustomerLanguage) =>
  `${formatNumber(rate, language)} %`;

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a date and time in `timeZone`, as the language writes them. */
export const formatInstant = (instant: string, language: CustomerLanguage, timeZone: string) => {
  const key = `${language}|${timeZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    instantFormats.set(key, format);
  }
  return format.format(new Date(instant));
};
