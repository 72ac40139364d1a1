// Prints jest's totals at the end of the CI log, in jest's own words ("Tests: … passed, … total"),
// then as one plain closing line ("tests: N passed, N failed, N skipped"), the log's last.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const r = JSON.parse(readFileSync(file, 'utf8'));
const failedSuites = r.numFailedTestSuites ?? 0;
const part = (n, word) => (n > 0 ? [`${n} ${word}`] : []);
const tally = (failed, skipped, passed, total) =>
  [
    ...part(failed, 'failed'),
    ...part(skipped, 'skipped'),
    `${passed} passed`,
    `${total} total`,
  ].join(', ');
process.stdout.write(
  `\nTest Suites: ${tally(failedSuites, r.numPendingTestSuites ?? 0, r.numPassedTestSuites, r.numTotalTestSuites)}\n` +
    `Tests:       ${tally(r.numFailedTests, r.numPendingTests, r.numPassedTests, r.numTotalTests)}\n` +
    `tests: ${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${r.numPendingTests} skipped\n`,
);
process.exit(r.success ? 0 : 1);
