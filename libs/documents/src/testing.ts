import { spawnSync } from 'node:child_process';

/** A run of text as a PDF reader places it: page, box (points, origin bottom left) and text. */
export type PlacedText = {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
};

/**
 * The text of a PDF as a reader extracts it, with where each run sits: pdf.js (pdfjs-dist) in
 * a child process, since it ships as an ES module only.
 */
export const pdfTextRuns = (pdf: Uint8Array): PlacedText[] => {
  const script = `
    import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)) }).promise;
    const runs = [];
    for (let page = 1; page <= doc.numPages; page++) {
      const content = await (await doc.getPage(page)).getTextContent();
      for (const item of content.items)
        if (item.str !== undefined)
          runs.push({ page, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, text: item.str });
    }
    process.stdout.write(JSON.stringify(runs));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    input: pdf,
    cwd: __dirname,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`pdf.js could not read the PDF: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as PlacedText[];
};

/** The text of each page, runs joined by spaces. */
export const pdfText = (pdf: Uint8Array): string[] => {
  const pages: string[][] = [];
  for (const run of pdfTextRuns(pdf)) (pages[run.page - 1] ??= []).push(run.text);
  return pages.map((p) => p.join(' '));
};

/** Pairs of non-blank runs on one page whose boxes overlap by more than `tolerance` points. */
export const overlaps = (runs: PlacedText[], tolerance = 0.5): [PlacedText, PlacedText][] => {
  const boxes = runs.filter((r) => r.text.trim() !== '' && r.width > 0);
  const out: [PlacedText, PlacedText][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.page !== b.page) continue;
      const wide = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const high = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (wide > tolerance && high > tolerance) out.push([a, b]);
    }
  return out;
};
