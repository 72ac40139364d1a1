/**
 * Jest reads `testTimeout` from the global configuration only, so a project's own value would be
 * ignored: each tier sets its default here instead (a test or file may still set a longer one).
 */
const perTier: Record<string, number> = { contract: 60_000, e2e: 120_000 };
const tier = (expect.getState().testPath ?? '').endsWith('.e2e-spec.ts') ? 'e2e' : 'contract';
jest.setTimeout(perTier[tier] ?? 5_000);
