import { type SchemaObject } from '@nestjs/swagger';
import { Ajv, type ValidateFunction } from 'ajv';

const RULES = 'kroonika:openapi-rules';

/** What a refusal of a rule across fields says, and the field it names. */
type RuleWords = { field: string; message: string };

const WORDS = new WeakMap<SchemaObject, RuleWords>();

/** A rule across fields, as JSON Schema, with the words a body that breaks it is refused with. */
export const acrossFields = (
  schema: SchemaObject,
  field: string,
  message: string,
): SchemaObject => {
  WORDS.set(schema, { field, message });
  return schema;
};

/** The words of a rule made by `acrossFields` (or a helper below). */
const wordsOf = (rule: SchemaObject): RuleWords | undefined => WORDS.get(rule);

/**
 * Rules across fields (exactly one of, not together, one needs the other), stated in the
 * document as JSON Schema beside the fields and enforced as stated: the validation pipe
 * refuses a body that breaks one (`brokenRules`), so each rule needs its words.
 */
export const ApiSchemaRules =
  (...rules: SchemaObject[]): ClassDecorator =>
  (target) => {
    for (const rule of rules)
      if (!WORDS.has(rule))
        throw new Error(`${target.name}: a rule across fields needs its words (acrossFields)`);
    Reflect.defineMetadata(RULES, rules, target);
  };

/** The rules across fields of a class, its own or those of the class it extends. */
export const schemaRulesOf = (target: object): readonly SchemaObject[] =>
  (Reflect.getMetadata(RULES, target) as SchemaObject[] | undefined) ?? [];

const has = (field: string): SchemaObject => ({ required: [field] });

const listed = (words: string[], last: string) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;

/** Exactly one group of fields is sent, and no field of another group. */
export const exactlyOneOf = (...groups: string[][]): SchemaObject =>
  acrossFields(
    {
      oneOf: groups.map((group) => {
        const others = groups.filter((g) => g !== group).flat();
        return { required: group, not: { anyOf: others.map(has) } };
      }),
    },
    groups[0]![0]!,
    `Send either ${groups.map((g) => listed(g, 'and')).join(', or ')}`,
  );

/** Not both fields. */
export const notTogether = (a: string, b: string): SchemaObject =>
  acrossFields({ not: { required: [a, b] } }, b, `Send ${a} or ${b}, not both`);

/** When `field` is sent, `needed` is too. */
export const needs = (field: string, needed: string): SchemaObject =>
  acrossFields({ anyOf: [{ not: has(field) }, has(needed)] }, needed, `${field} needs ${needed}`);

/** At least one of the fields. */
export const anyOfFields = (...fields: string[]): SchemaObject =>
  acrossFields(
    { anyOf: fields.map(has) },
    fields[0]!,
    `Send at least one of ${listed(fields, 'or')}`,
  );

export type FieldError = { field: string; messages: string[] };

type Check = { holds: ValidateFunction; field: string; message: string };

const ajv = new Ajv({ strict: false });
const compiled = new WeakMap<object, readonly Check[]>();

const checksOf = (type: object): readonly Check[] => {
  let checks = compiled.get(type);
  if (!checks) {
    checks = schemaRulesOf(type).map((rule) => {
      const words = wordsOf(rule);
      if (!words) throw new Error('A rule across fields without its words');
      return { holds: ajv.compile(rule), ...words };
    });
    compiled.set(type, checks);
  }
  return checks;
};

/**
 * The rules across fields a validated body breaks, wherever in it their classes are (a line of
 * an invoice, the timing of an activity): the same JSON Schema the document states, so what
 * the document refuses is refused. Walked without recursion; the body's depth is bounded.
 */
export const brokenRules = (body: unknown): FieldError[] => {
  const broken: FieldError[] = [];
  const stack: [unknown, string][] = [[body, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const at = (field: string) => (path ? `${path}.${field}` : field);
    const type: unknown = Array.isArray(node) ? undefined : node.constructor;
    if (typeof type === 'function' && type !== Object)
      for (const { holds, field, message } of checksOf(type))
        if (!holds(node)) broken.push({ field: at(field), messages: [message] });
    for (const [key, child] of Object.entries(node)) stack.push([child, at(key)]);
  }
  return broken;
};
