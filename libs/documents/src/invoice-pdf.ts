import PDFDocument from 'pdfkit';
import { type PostalAddress } from '#events';
import { type InvoiceDocument } from './invoice-document';
import { formatDay, formatMoney, formatNumber, formatPercent, textsFor } from './texts';

/**
 * Noto Sans, shipped in an npm package and embedded (subset) into every PDF: it has every
 * letter of the Latin script — ą č ę ė į ų ū ő ű Ž Š Õ — so any customer's name prints right.
 */
const fonts = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};

const page = { width: 595.28, height: 841.89, margin: 50 };
const left = page.margin;
const contentWidth = page.width - 2 * page.margin;
const bottom = page.height - page.margin - 20;
const size = { title: 18, text: 9.5, small: 8 };
const gap = 4;

/** The table's columns, left to right: x and width; descriptions wrap. */
const columns = (() => {
  const widths = { no: 24, qty: 60, price: 66, discount: 50, vat: 38, amount: 74 };
  const description =
    contentWidth -
    widths.no -
    widths.qty -
    widths.price -
    widths.discount -
    widths.vat -
    widths.amount;
  let x = left;
  const at = (width: number) => {
    const column = { x, width };
    x += width;
    return column;
  };
  return {
    no: at(widths.no),
    description: at(description),
    qty: at(widths.qty),
    price: at(widths.price),
    discount: at(widths.discount),
    vat: at(widths.vat),
    amount: at(widths.amount),
  };
})();

const addressLines = (address: PostalAddress | undefined): string[] =>
  address
    ? [
        address.street,
        [address.postalCode, address.city].filter(Boolean).join(' '),
        address.country,
      ].filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    : [];

type Doc = InstanceType<typeof PDFDocument>;

/** Writes a block of lines at (x, y) within `width`; answers the y below it. */
const block = (
  doc: Doc,
  x: number,
  y: number,
  width: number,
  heading: string,
  lines: { text: string; bold?: boolean }[],
): number => {
  let at = y;
  doc.font('bold').fontSize(size.small).fillColor('#555555').text(heading, x, at, { width });
  at += doc.heightOfString(heading, { width }) + 2;
  doc.fillColor('#000000');
  for (const line of lines) {
    doc.font(line.bold ? 'bold' : 'regular').fontSize(size.text);
    doc.text(line.text, x, at, { width });
    at += doc.heightOfString(line.text, { width });
  }
  return at;
};

/**
 * The invoice (or credit note) as an A4 PDF in the customer's language: seller and buyer,
 * number, dates and reference; one row per line with quantity, unit price, discount, VAT rate
 * and amount; prepayment deductions; net total, VAT per rate and the total; what was paid and
 * what is left; the bank accounts to pay into. An offer prints its subject, version, the last
 * day it holds and its terms instead of what is paid and owed. Every block is measured before
 * it is placed, so nothing overlaps whatever is missing, and long invoices continue on
 * numbered pages.
 */
export const renderInvoicePdf = (document: InvoiceDocument): Promise<Buffer> => {
  const t = textsFor(document.language);
  const money = (minor: number) => formatMoney(minor, document.currency, document.language);
  const day = (value: string) => formatDay(value, document.language);
  const { offer } = document;
  const title =
    document.kind === 'credit-note'
      ? t.creditNote
      : document.kind === 'prepayment'
        ? t.prepaymentInvoice
        : document.kind === 'offer'
          ? t.offer
          : t.invoice;
  const heading = offer ? `${title}: ${offer.subject}` : `${title} ${document.number}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    bufferPages: true,
    info: { Title: heading, Author: document.seller.name },
    lang: document.language,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });

  let y = page.margin;
  doc.font('bold').fontSize(size.title).text(heading, left, y, { width: contentWidth });
  y += doc.heightOfString(heading, { width: contentWidth }) + 12;

  const half = contentWidth / 2 - 10;
  const right = left + contentWidth / 2 + 10;
  const { seller, buyer } = document;
  const sellerBottom = block(doc, left, y, half, t.seller, [
    { text: seller.name, bold: true },
    ...addressLines({ ...seller.address }).map((text) => ({ text })),
    ...(seller.registryCode ? [{ text: `${t.registryCode} ${seller.registryCode}` }] : []),
    ...(seller.vatNumber ? [{ text: `${t.vatNumber} ${seller.vatNumber}` }] : []),
    ...[seller.email, seller.phone, ...seller.lines]
      .filter((l): l is string => typeof l === 'string' && l !== '')
      .map((text) => ({ text })),
  ]);
  const meta = [
    { text: `${t.number}: ${document.number}` },
    ...(offer ? [{ text: `${t.version}: ${offer.version}` }] : []),
    { text: `${t.issuedOn}: ${day(document.issuedOn)}` },
    ...(offer ? [{ text: `${t.validUntil}: ${day(offer.validUntil)}`, bold: true }] : []),
    ...(document.dueOn && document.kind !== 'credit-note'
      ? [{ text: `${t.dueOn}: ${day(document.dueOn)}` }]
      : []),
    ...(document.paymentReference
      ? [{ text: `${t.paymentReference}: ${document.paymentReference}`, bold: true }]
      : []),
    ...(document.credits
      ? [
          {
            text: `${t.creditsInvoice}: ${document.credits.number} (${day(document.credits.issuedOn)})`,
          },
          { text: `${t.reason}: ${document.credits.reason}` },
        ]
      : []),
  ];
  const metaBottom = block(doc, right, y, half, title, meta);
  y = Math.max(sellerBottom, metaBottom) + 14;
  y =
    block(doc, left, y, half, offer ? t.offerTo : t.buyer, [
      { text: buyer.name, bold: true },
      ...addressLines(buyer.address).map((text) => ({ text })),
      ...(buyer.registryCode ? [{ text: `${t.registryCode} ${buyer.registryCode}` }] : []),
      ...(buyer.vatNumber ? [{ text: `${t.vatNumber} ${buyer.vatNumber}` }] : []),
    ]) + 16;

  const cell = (text: string, column: { x: number; width: number }, align: 'left' | 'right') =>
    doc.text(text, column.x + (align === 'left' ? 2 : 0), y, {
      width: column.width - 2,
      align,
    });
  const header = () => {
    doc.font('bold').fontSize(size.small);
    cell(t.line, columns.no, 'left');
    cell(t.description, columns.description, 'left');
    cell(t.quantity, columns.qty, 'right');
    cell(t.unitPrice, columns.price, 'right');
    cell(t.discount, columns.discount, 'right');
    cell(t.vatRate, columns.vat, 'right');
    cell(t.net, columns.amount, 'right');
    y += doc.heightOfString(t.unitPrice, { width: columns.price.width }) + 2;
    doc
      .moveTo(left, y)
      .lineTo(left + contentWidth, y)
      .lineWidth(0.6)
      .stroke();
    y += gap;
  };
  const room = (height: number, repeatHeader: boolean) => {
    if (y + height <= bottom) return;
    doc.addPage();
    y = page.margin;
    if (repeatHeader) header();
  };
  header();
  doc.font('regular').fontSize(size.text);
  document.lines.forEach((line, i) => {
    const description = line.settles
      ? t.prepaymentDeducted(line.settles.number)
      : line.productCode
        ? `${line.description}\n${t.productCode} ${line.productCode}`
        : line.description;
    const quantity = `${formatNumber(line.quantity, document.language)}${line.unit ? ` ${line.unit}` : ''}`;
    doc.font('regular').fontSize(size.text);
    const height =
      Math.max(
        doc.heightOfString(description, { width: columns.description.width - 2 }),
        doc.heightOfString(quantity, { width: columns.qty.width - 2 }),
      ) + gap;
    room(height, true);
    doc.font('regular').fontSize(size.text);
    cell(String(i + 1), columns.no, 'left');
    cell(description, columns.description, 'left');
    cell(quantity, columns.qty, 'right');
    cell(money(line.unitPrice), columns.price, 'right');
    cell(
      line.discountPercent ? formatPercent(line.discountPercent, document.language) : '',
      columns.discount,
      'right',
    );
    cell(formatPercent(line.vatRate, document.language), columns.vat, 'right');
    cell(money(line.net), columns.amount, 'right');
    y += height;
  });
  doc
    .moveTo(left, y)
    .lineTo(left + contentWidth, y)
    .lineWidth(0.6)
    .stroke();
  y += gap * 2;

  const labelColumn = { x: left + contentWidth - 300, width: 220 };
  const amountColumn = { x: left + contentWidth - 80, width: 80 };
  const total = (label: string, amount: string, bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size.text);
    const height = Math.max(
      doc.heightOfString(label, { width: labelColumn.width }),
      doc.heightOfString(amount, { width: amountColumn.width }),
    );
    room(height + 2, false);
    doc.text(label, labelColumn.x, y, { width: labelColumn.width, align: 'right' });
    doc.text(amount, amountColumn.x, y, { width: amountColumn.width, align: 'right' });
    y += height + 2;
  };
  total(t.netTotal, money(document.totals.net));
  for (const v of document.vat)
    total(`${t.vatAt(formatPercent(v.rate, document.language))} (${money(v.net)})`, money(v.vat));
  total(t.total, money(document.totals.gross), true);
  if (document.kind !== 'credit-note' && !offer) {
    if (document.paid > 0) total(t.paid, money(document.paid));
    total(t.toPay, document.toPay > 0 ? money(document.toPay) : t.nothingToPay, true);
  }

  if (offer?.terms) {
    y += 14;
    doc.font('regular').fontSize(size.text);
    room(doc.heightOfString(offer.terms, { width: contentWidth }) + 16, false);
    y = block(doc, left, y, contentWidth, t.terms, [{ text: offer.terms }]);
  }

  if (document.kind !== 'credit-note' && !offer && document.toPay > 0) {
    y += 14;
    const payment = [
      ...document.seller.bankAccounts.map((a) => ({
        text: `${t.bankAccount}: ${a.iban}${a.bic ? `, BIC ${a.bic}` : ''}`,
      })),
      ...(document.dueOn && document.paymentReference
        ? [{ text: t.payBy(day(document.dueOn), document.paymentReference) }]
        : []),
    ];
    doc.font('regular').fontSize(size.text);
    const height =
      payment.reduce((h, l) => h + doc.heightOfString(l.text, { width: contentWidth }), 0) + 14;
    room(height, false);
    if (payment.length > 0) y = block(doc, left, y, contentWidth, t.payment, payment);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const footer = `${offer ? `${title} ${document.number}` : heading} · ${t.page(i + 1, range.count)}`;
    doc.font('regular').fontSize(size.small).fillColor('#555555');
    doc.text(footer, left, page.height - page.margin, {
      width: contentWidth,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
};
