// Bundles the web console (apps/console) into dist/console with esbuild: one script, one
// style sheet and the page; the query API serves them at /console.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'apps/console');
const out = join(root, 'dist/console');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(source, 'src/main.tsx')],
  bundle: true,
  format: 'esm',
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // csv-stringify's Node build uses Buffer; its browser build carries what it needs.
  alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  outfile: join(out, 'console.js'),
  logLevel: 'warning',
});
copyFileSync(join(source, 'index.html'), join(out, 'index.html'));
copyFileSync(join(source, 'src/style.css'), join(out, 'console.css'));
