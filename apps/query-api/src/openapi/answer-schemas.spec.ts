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

  it("name none of the read store's own fields (`_id`, `_position`)", () => {
    const { answers, components } = JSON.parse(readFileSync(schemasFile, 'utf8')) as Record<
      string,
      unknown
    >;
    const named = (schema: unknown): string[] =>
      Array.isArray(schema)
        ? schema.flatMap(named)
        : schema !== null && typeof schema === 'object'
          ? Object.entries(schema as Record<string, unknown>).flatMap(([key, value]) => [
              ...(key === 'properties' && value !== null && typeof value === 'object'
                ? Object.keys(value).filter((name) => name.startsWith('_'))
                : []),
              ...named(value),
            ])
          : [];
    expect(named({ answers, components })).toEqual([]);
  });
});
