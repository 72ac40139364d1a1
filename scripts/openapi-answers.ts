/**
 * Generates the JSON Schemas of the query API's answers from the types the TypeScript compiler
 * infers for its controllers (apps/query-api/src/openapi/answers.ts), with typescript-json-schema,
 * as OpenAPI 3.0 schemas: apps/query-api/src/openapi/answer-schemas.json.
 *   npm run openapi:answers
 * A unit test regenerates them and fails when the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { buildGenerator, type Definition } from 'typescript-json-schema';

const root = resolve(__dirname, __dirname.includes('/dist/') ? '../..' : '..');
export const answersFile = join(root, 'apps/query-api/src/openapi/answers.ts');
export const schemasFile = join(root, 'apps/query-api/src/openapi/answer-schemas.json');

type Schema = Record<string, unknown>;
export type AnswerSchemas = { answers: Record<string, Schema>; components: Record<string, Schema> };

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A readable component name, or undefined for generic instances (they are inlined). */
const componentName = (ref: string): string | undefined => {
  const name = decodeURIComponent(ref.replace('#/definitions/', ''));
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name : undefined;
};

/**
 * JSON Schema (draft 7) as OpenAPI 3.0 reads it: `null` as `nullable`, `const` as a one-value
 * enum, references to components, generic instances (`Record<…>`, `Omit<…>`) inlined.
 */
const toOpenApi = (
  schema: unknown,
  definitions: Record<string, unknown>,
  used: Set<string>,
): unknown => {
  if (Array.isArray(schema)) return schema.map((s) => toOpenApi(s, definitions, used));
  if (!isObject(schema)) return schema;
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    const name = componentName(ref);
    if (name) {
      used.add(name);
      return { $ref: `#/components/schemas/${name}` };
    }
    return toOpenApi(
      definitions[decodeURIComponent(ref.replace('#/definitions/', ''))],
      definitions,
      used,
    );
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'definitions') continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toOpenApi(v, definitions, used)]),
      );
    } else out[key] = toOpenApi(value, definitions, used);
  }
  if ('const' in out) {
    out['enum'] = [out['const']];
    delete out['const'];
  }
  if (Array.isArray(out['type'])) {
    const types = out['type'] as string[];
    const rest = types.filter((t) => t !== 'null');
    if (rest.length < types.length) out['nullable'] = true;
    if (rest.length === 1) out['type'] = rest[0];
    else {
      delete out['type'];
      out['anyOf'] = rest.map((t) => ({ type: t }));
    }
  }
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const options = out[combinator];
    if (!Array.isArray(options)) continue;
    const rest = (options as Schema[]).filter(
      (o) => !(o['type'] === 'null' && Object.keys(o).length === 1),
    );
    if (rest.length === options.length) continue;
    Reflect.deleteProperty(out, combinator);
    const only = rest.length === 1 ? rest[0]! : undefined;
    if (only && !('$ref' in only)) Object.assign(out, only);
    else out[combinator] = rest;
    out['nullable'] = true;
  }
  // Only `null`: a field that is always null here.
  if (out['type'] === 'null') {
    delete out['type'];
    out['nullable'] = true;
    out['enum'] = [null];
  }
  return out;
};

export const generateAnswerSchemas = (): AnswerSchemas => {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram([answersFile], { ...parsed.options, noEmit: true });
  const warn = console.warn;
  const log = console.log;
  console.warn = console.log = () => {};
  try {
    const generator = buildGenerator(program, {
      required: true,
      strictNullChecks: true,
      ref: true,
      aliasRef: false,
      topRef: false,
      ignoreErrors: true,
      defaultProps: false,
    });
    if (!generator) throw new Error(`${answersFile} does not compile`);
    const names = generator
      .getUserSymbols()
      .filter((s) =>
        generator.getSymbols(s).some((r) => r.fullyQualifiedName.includes('openapi/answers')),
      );
    const all = generator.getSchemaForSymbols(names);
    const definitions = (all.definitions ?? {}) as Record<string, Definition>;
    const used = new Set<string>();
    const answers: Record<string, Schema> = {};
    for (const name of names.sort())
      answers[name] = toOpenApi(definitions[name], definitions, used) as Schema;
    const components: Record<string, Schema> = {};
    // Components refer to components: convert until no new name turns up.
    for (let pending = [...used]; pending.length > 0;) {
      const next = new Set<string>();
      for (const name of pending) {
        if (name in components) continue;
        components[name] = toOpenApi(definitions[name], definitions, next) as Schema;
      }
      pending = [...next].filter((n) => !(n in components));
    }
    return {
      answers,
      components: Object.fromEntries(
        Object.entries(components).sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  } finally {
    console.warn = warn;
    console.log = log;
  }
};

export const serialize = (schemas: AnswerSchemas) => `${JSON.stringify(schemas, null, 2)}\n`;

if (require.main === module) {
  writeFileSync(schemasFile, serialize(generateAnswerSchemas()));
  process.stdout.write(`${schemasFile}\n`);
}
