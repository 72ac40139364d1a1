import { spawnSync } from 'node:child_process';

/**
 * The text of a PDF as a reader extracts it, page by page: pdf.js (pdfjs-dist) in a child
 * process, since it ships as an ES module only. Items of a line are joined by spaces.
 */
export const pdfText = (pdf: Uint8Array): string[] => {
  const script = `
    import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => item.str).join(' '));
    }
    process.stdout.write(JSON.stringify(pages));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    input: pdf,
    cwd: __dirname,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`pdf.js could not read the PDF: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as string[];
};
