import { renderPdf } from './text-pdf';

const pdfOf = (texts: { x: number; y: number; text: string }[][]) =>
  renderPdf(
    texts.map((t) => ({ texts: t, rules: [{ x1: 0, y1: 1, x2: 2, y2: 3 }] })),
    'Arve (1)',
  ).toString('latin1');

describe('text PDF', () => {
  it('writes a PDF 1.4 file whose cross-reference table points at every object', () => {
    const text = pdfOf([[{ x: 10, y: 20, text: 'Hello' }], [{ x: 10, y: 20, text: 'Page 2' }]]);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(xref, xref + 5)).toBe('xref\n');
    const entries = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    expect(entries).toHaveLength(9);
    entries.forEach((offset, i) => {
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    expect(text).toContain('/Count 2');
    expect(text).toContain('/Size 10 /Root 1 0 R /Info 9 0 R');
  });

  it('gives each content stream its exact length', () => {
    const text = pdfOf([[{ x: 1, y: 2, text: 'õ' }]]);
    const [, length, body] = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text)!;
    expect(Buffer.byteLength(body!, 'latin1')).toBe(Number(length));
  });

  it('escapes parentheses and backslashes and writes Estonian letters in WinAnsi', () => {
    const text = pdfOf([[{ x: 1, y: 2, text: 'Šokolaad (õ\\ä) – €5 日' }]]);
    expect(text).toContain('(\\212okolaad \\(\\365\\\\\\344\\) \\226 \\2005 ?) Tj');
    expect(text).toContain('/Title (Arve \\(1\\))');
  });

  it('is the same bytes for the same pages', () => {
    const pages = [[{ x: 1, y: 2, text: 'same' }]];
    expect(pdfOf(pages)).toBe(pdfOf(pages));
  });
});
