/**
 * Jest reads `testTimeout` from the global configuration only, so a project's own value would be
 * ignored: each tier sets its default here instead (a test or file may still set a longer one).
 */
const e2e = (expect.getState().testPath ?? '').endsWith('.e2e-spec.ts');
jest.setTimeout(e2e ? 120_000 : 60_000);
