import { type PostalAddress } from '#events';
import { A4, type PdfPage, type PdfText, renderPdf, textWidth } from '#platform';
import { type InvoiceDoc } from '#read-models';

export type Party = { name: string; lines: string[] };

/** Minor units as `1 234.50 EUR`. */
export const money = (minor: number, currency: string) => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')} ${currency}`;
};

export const addressLines = (address: PostalAddress | undefined): string[] =>
  address
    ? [
        address.street,
        [address.postalCode, address.city].filter(Boolean).join(' '),
        address.country,
      ].filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    : [];

const left = 56;
const right = A4.width - 56;
const bottom = 72;

/**
 * The invoice as a PDF a person can open and print: seller and buyer, number and dates, one
 * row per line with quantity, unit price, VAT and amount, then the totals and what is still
 * owed. Long invoices continue on further pages.
 */
export const invoicePdf = (invoice: InvoiceDoc, seller: Party, buyer: Party): Buffer => {
  const pages: PdfPage[] = [];
  let texts: PdfText[] = [];
  let rules: PdfPage['rules'] = [];
  let y = A4.height - 72;
  const put = (x: number, text: string, options: { size?: number; bold?: boolean } = {}) =>
    texts.push({ x, y, text, ...options });
  const putRight = (x: number, text: string, size = 10) =>
    texts.push({ x: x - textWidth(text, size), y, text, size });
  const newPage = () => {
    pages.push({ texts, rules });
    texts = [];
    rules = [];
    y = A4.height - 72;
  };
  const down = (points: number) => {
    y -= points;
    if (y < bottom) newPage();
  };
  const title = invoice.kind === 'standard' ? 'INVOICE' : invoice.kind.toUpperCase();
  put(left, `${title} ${invoice.number}`, { size: 18, bold: true });
  down(28);
  const top = y;
  put(left, seller.name, { bold: true });
  for (const line of seller.lines) {
    down(13);
    put(left, line);
  }
  y = top;
  put(320, 'Bill to', { bold: true });
  down(13);
  put(320, buyer.name);
  for (const line of buyer.lines) {
    down(13);
    put(320, line);
  }
  down(26);
  put(left, `Issued ${invoice.issuedOn}`);
  put(220, `Due ${invoice.dueOn}`);
  put(380, `Currency ${invoice.currency}`);
  down(26);
  const columns = { qty: 300, price: 380, vat: 415, amount: right };
  const header = () => {
    put(left, 'Description', { bold: true });
    putRight(columns.qty, 'Qty');
    putRight(columns.price, 'Unit price');
    putRight(columns.vat + 30, 'VAT');
    putRight(columns.amount, 'Amount');
    rules!.push({ x1: left, y1: y - 4, x2: right, y2: y - 4 });
    down(18);
  };
  header();
  for (const line of invoice.lines) {
    const description =
      line.description.length > 40 ? `${line.description.slice(0, 39)}…` : line.description;
    put(left, description);
    putRight(columns.qty, String(line.quantity));
    putRight(columns.price, money(line.unitPrice, ''));
    putRight(columns.vat + 30, `${line.vatRate} %`);
    putRight(columns.amount, money(line.gross, invoice.currency));
    const before = pages.length;
    down(15);
    if (pages.length > before) header();
  }
  rules.push({ x1: 330, y1: y + 8, x2: right, y2: y + 8 });
  down(6);
  const total = (label: string, amount: number, bold = false) => {
    put(330, label, { bold });
    putRight(columns.amount, money(amount, invoice.currency));
    down(15);
  };
  total('Net', invoice.totals.net);
  total('VAT', invoice.totals.vat);
  total('Total', invoice.totals.gross, true);
  if (invoice.paid > 0) {
    total('Paid', invoice.paid);
    total('To pay', Math.max(0, invoice.totals.gross - invoice.paid), true);
  }
  pages.push({ texts, rules });
  return renderPdf(pages, `${title} ${invoice.number}`);
};
