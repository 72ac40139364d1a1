import { readFileSync } from 'node:fs';
import {
  type AnswerSchemas,
  generateAnswerSchemas,
  schemasFile,
  serialize,
} from '../../../../scripts/openapi-answers';

describe('the answer schemas of the query API', () => {
  it('are what the TypeScript compiler infers for the controllers (npm run openapi:answers)', () => {
    expect(serialize(generateAnswerSchemas())).toBe(readFileSync(schemasFile, 'utf8'));
  }, 120000);

  it('describe every answer: no type left open', () => {
    const { answers } = generateAnswerSchemas();
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(33);
    expect(JSON.stringify(answers)).not.toContain('"#/components/schemas/T"');
  }, 120000);

  it("name none of the read store's own fields (`_id`, `_position`) but a pipeline's `_id`, kept for its clients", () => {
    const { answers, components } = JSON.parse(readFileSync(schemasFile, 'utf8')) as AnswerSchemas;
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
    expect(named({ answers, components })).toEqual(['_id', '_id']);
    expect(named([answers['PipelineList'], answers['PipelineView']])).toEqual(['_id', '_id']);
  });
});
