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

/**
 * The component names of the definitions (`SlaState.1a2b3c4d` → `SlaState`): a type whose name
 * two types share, and generic instances (`Record<…>`, `Omit<…>`), get none and are inlined.
 */
const componentNames = (keys: string[]): Map<string, string> => {
  const base = (key: string) => key.replace(/\.[0-9a-f]+$/, '');
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(base(key), (counts.get(base(key)) ?? 0) + 1);
  return new Map(
    keys
      .filter((k) => counts.get(base(k)) === 1 && /^[A-Za-z][A-Za-z0-9_]*$/.test(base(k)))
      .map((k) => [k, base(k)]),
  );
};

type Context = {
  definitions: Record<string, unknown>;
  names: Map<string, string>;
  /** Component name → definition key, for every component referred to. */
  used: Map<string, string>;
};

const isNullOnly = (o: Schema) =>
  (o['type'] === 'null' && Object.keys(o).length === 1) ||
  (o['nullable'] === true &&
    Array.isArray(o['enum']) &&
    o['enum'].length === 1 &&
    o['enum'][0] === null);

/** Only `null`, in words OpenAPI 3.0 readers take (they want a type beside `nullable`). */
const nullOnly = (): Schema => ({ type: 'string', nullable: true, enum: [null] });

/**
 * JSON Schema (draft 7) as OpenAPI 3.0 reads it: `null` as `nullable`, `const` as a one-value
 * enum, references to components, generic instances (`Record<…>`, `Omit<…>`) inlined.
 */
const toOpenApi = (schema: unknown, context: Context): unknown => {
  if (Array.isArray(schema)) return schema.map((s) => toOpenApi(s, context));
  if (!isObject(schema)) return schema;
  if (typeof schema['$ref'] === 'string') {
    const key = decodeURIComponent(schema['$ref'].replace('#/definitions/', ''));
    const name = context.names.get(key);
    if (!name) return toOpenApi(context.definitions[key], context);
    context.used.set(name, key);
    return { $ref: `#/components/schemas/${name}` };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'definitions') continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toOpenApi(v, context)]),
      );
    } else out[key] = toOpenApi(value, context);
  }
  if ('const' in out) {
    out['enum'] = [out['const']];
    delete out['const'];
  }
  if (Array.isArray(out['type'])) {
    const types = out['type'] as string[];
    const rest = types.filter((t) => t !== 'null');
    Reflect.deleteProperty(out, 'type');
    if (rest.length === 1) out['type'] = rest[0];
    else out['anyOf'] = rest.map((t) => ({ type: t }));
    if (rest.length < types.length) out['nullable'] = true;
  }
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const options = out[combinator];
    if (!Array.isArray(options)) continue;
    const rest = (options as Schema[]).filter((o) => !isNullOnly(o));
    if (rest.length === options.length && out['nullable'] !== true) continue;
    Reflect.deleteProperty(out, combinator);
    let only = rest.length === 1 ? rest[0]! : undefined;
    // `X | null` with X a component: X inlined, so that `nullable` stands next to its type.
    if (only && typeof only['$ref'] === 'string')
      only = toOpenApi(
        context.definitions[context.used.get(only['$ref'].replace('#/components/schemas/', ''))!],
        context,
      ) as Schema;
    if (only && 'type' in only) Object.assign(out, only);
    else out[combinator] = [...rest, nullOnly()];
    out['nullable'] = true;
  }
  if (out['type'] === 'null') Object.assign(out, nullOnly());
  // OpenAPI 3.0 readers want a type beside `nullable`, and null among the values of an enum.
  if (out['nullable'] === true) {
    if (!('type' in out)) Reflect.deleteProperty(out, 'nullable');
    else if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'].push(null);
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
      // Types that share a name stay apart (the read model's InvoiceStatus is not the domain's).
      uniqueNames: true,
    });
    if (!generator) throw new Error(`${answersFile} does not compile`);
    const symbols = generator
      .getSymbols()
      .filter((r) => r.fullyQualifiedName.startsWith(`"${answersFile.replace(/\.ts$/, '')}"`));
    const all = generator.getSchemaForSymbols(symbols.map((r) => r.name));
    const definitions = (all.definitions ?? {}) as Record<string, Definition>;
    const context: Context = {
      definitions,
      names: componentNames(Object.keys(definitions)),
      used: new Map(),
    };
    const answers: Record<string, Schema> = {};
    for (const symbol of [...symbols].sort((a, b) => a.typeName.localeCompare(b.typeName)))
      answers[symbol.typeName] = toOpenApi(definitions[symbol.name], context) as Schema;
    const components: Record<string, Schema> = {};
    // Components refer to components: convert until no new one turns up.
    for (let pending = [...context.used]; pending.length > 0;) {
      for (const [name, key] of pending)
        components[name] = toOpenApi(definitions[key], context) as Schema;
      pending = [...context.used].filter(([name]) => !(name in components));
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
