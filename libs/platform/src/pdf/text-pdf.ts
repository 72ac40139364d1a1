/** A piece of text placed on a page: points from the bottom left, Helvetica or its bold. */
export type PdfText = { x: number; y: number; text: string; size?: number; bold?: boolean };
/** A line drawn from (x1, y1) to (x2, y2). */
export type PdfRule = { x1: number; y1: number; x2: number; y2: number };
export type PdfPage = { texts: PdfText[]; rules?: PdfRule[] };

export const A4 = { width: 595, height: 842 } as const;

/** Characters of Windows-1252 outside Latin-1 (š, ž, €, dashes, quotes …). */
const cp1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A PDF string literal in WinAnsiEncoding; what it cannot show becomes `?`. */
const literal = (text: string): string => {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (cp1252[ch] ?? 0x3f);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `(${out})`;
};

const number = (n: number) => (Math.round(n * 100) / 100).toString();

const content = (page: PdfPage): string =>
  [
    ...(page.rules ?? []).map(
      (r) => `${number(r.x1)} ${number(r.y1)} m ${number(r.x2)} ${number(r.y2)} l S`,
    ),
    ...page.texts.map(
      (t) =>
        `BT /${t.bold ? 'F2' : 'F1'} ${number(t.size ?? 10)} Tf ${number(t.x)} ${number(t.y)} Td ${literal(t.text)} Tj ET`,
    ),
  ].join('\n');

/**
 * A PDF 1.4 document of text and rules on A4 pages, with the standard Helvetica fonts (every
 * reader has them, nothing is embedded) and a cross-reference table: a file any PDF reader
 * opens. Pure: the same pages always give the same bytes.
 */
export const renderPdf = (pages: PdfPage[], title: string): Buffer => {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds = pages.map((_, i) => 5 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
  );
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  for (const page of pages) {
    const id = objects.length + 1;
    const stream = Buffer.from(content(page), 'latin1');
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`,
    );
    add(`<< /Length ${stream.length} >>\nstream\n${stream.toString('latin1')}\nendstream`);
  }
  const info = objects.length + 1;
  add(`<< /Title ${literal(title)} /Producer (Kroonika) >>`);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const bytes = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    offsets.push(offset);
    offset += bytes.length;
    parts.push(bytes);
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
};

/** Helvetica digits are 0.556 em wide (letters vary around it): enough to right-align numbers. */
export const textWidth = (text: string, size = 10) => text.length * size * 0.56;
