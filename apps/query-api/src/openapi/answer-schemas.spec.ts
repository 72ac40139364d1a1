import { readFileSync } from 'node:fs';
import { generateAnswerSchemas, schemasFile, serialize } from '../../../../scripts/openapi-answers';

describe('the answer schemas of the query API', () => {
  it('are what the TypeScript compiler infers for the controllers (npm run openapi:answers)', () => {
    expect(serialize(generateAnswerSchemas())).toBe(readFileSync(schemasFile, 'utf8'));
  }, 120000);

  it('describe every answer: no type left open', () => {
    const { answers } = generateAnswerSchemas();
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(33);
    expect(JSON.stringify(answers)).not.toContain('"#/components/schemas/T"');
  }, 120000);
});
