// The operator's command line: hash-chain checks, customer exports, rebuild comparisons,
// backups of the embedded stores.
//   npm run -s kroonika -- verify [--stream <name>]
//   npm run -s kroonika -- export --customer <id> [--format jsonl|csv] [--out <file>]
//   npm run -s kroonika -- compare [--projection <name>]...
//   npm run -s kroonika -- backup --out <dir> | restore --from <dir>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale();
const require = createRequire(import.meta.url);
const { main } = require(join(root, 'dist/scripts/kroonika.js'));
process.exitCode = await main(process.argv.slice(2));
