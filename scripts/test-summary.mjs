// Prints jest's totals as one plain closing line: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const r = JSON.parse(readFileSync(file, 'utf8'));
const failedSuites = r.numFailedTestSuites ?? 0;
process.stdout.write(
  `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${r.numPendingTests} skipped\n`,
);
process.exit(r.success ? 0 : 1);
