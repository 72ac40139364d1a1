import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Every answer the e2e suites get from the two APIs is checked against the committed OpenAPI
 * documents: its status must be documented for the operation, and its JSON body must match
 * the documented schema. A document that drifts from what the service answers fails the suite
 * that saw the answer.
 */

type Api = 'command-api' | 'query-api';
type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const dir = join(__dirname, '../../docs/openapi');
const documents = new Map<Api, Document>();
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('url', (value: string) => URL.canParse(value));
const validators = new Map<string, ValidateFunction>();
const bases = new Map<string, Api>();

const documentOf = (api: Api): Document => {
  let document = documents.get(api);
  if (!document) {
    document = JSON.parse(readFileSync(join(dir, `${api}.json`), 'utf8')) as Document;
    ajv.addSchema(document, api);
    documents.set(api, document);
  }
  return document;
};

/** Answers from this base URL are checked against that API's document. */
export const checkAnswersOf = (base: string, api: Api): void => {
  bases.set(base, api);
};

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const templates = new Map<Api, { template: string; pattern: RegExp }[]>();
const templateOf = (api: Api, path: string): string | undefined => {
  let list = templates.get(api);
  if (!list) {
    list = Object.keys(documentOf(api).paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    }));
    templates.set(api, list);
  }
  return list.find((t) => t.pattern.test(path))?.template;
};

/** What is wrong with an answer by the document, or undefined when it conforms. */
export const nonConformance = (
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string | undefined => {
  const parsed = new URL(url);
  const api = bases.get(parsed.origin);
  if (!api) return undefined;
  const template = templateOf(api, parsed.pathname);
  const operation = template ? documentOf(api).paths[template]?.[method.toLowerCase()] : undefined;
  // Paths and methods the API does not have (404, 405) are no operation's answers.
  if (!template || !operation) return undefined;
  const where = `${method} ${template} → ${status}`;
  const response = operation.responses[String(status)] ?? operation.responses['default'];
  if (!response) return `${where}: status not documented`;
  const mediaType = contentType?.split(';')[0]?.trim();
  if (!response.content) return undefined;
  if ('*/*' in response.content) return undefined;
  if (!mediaType || !(mediaType in response.content))
    return `${where}: ${mediaType ?? 'no content type'} not documented (${Object.keys(response.content).join(', ')})`;
  if (!mediaType.endsWith('json')) return undefined;
  const key = `${api}#/paths/${pointer(template, method.toLowerCase())}/responses/${status in operation.responses ? status : 'default'}/content/${pointer(mediaType)}/schema`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: key });
    validators.set(key, validate);
  }
  if (!validate(body))
    return `${where}: the body does not match the document: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${JSON.stringify(body).slice(0, 2000)}`;
  const internal = internalField(body, new Set(KEPT[template] ?? []));
  if (internal !== undefined)
    return `${where}: the read store's own field ${internal} is in the answer\n${JSON.stringify(body).slice(0, 2000)}`;
  const garbled = garbledText(body);
  return garbled === undefined
    ? undefined
    : `${where}: a text reads "${garbled}"\n${JSON.stringify(body).slice(0, 2000)}`;
};

/** What JavaScript writes for a value that was missing or not a text: no answer says it. */
const GARBLED = /\bundefined\b|\bNaN\b|\[object Object\]|Invalid Date/;

const garbledText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return GARBLED.test(value) ? value : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = garbledText(item);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** The one such field answered since the first version, documented, kept for its clients. */
const KEPT: Record<string, string[]> = { '/pipelines': ['_id'], '/pipelines/{id}': ['_id'] };

/**
 * The path of the first field named with a leading underscore (`_id`, `_position`: how the
 * read store files a document) anywhere in a body, but those `kept`. No answer carries one.
 */
const internalField = (value: unknown, kept: Set<string>, path = ''): string | undefined => {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = internalField(item, kept, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('_') && !kept.has(key)) return `${path}.${key}`;
      const found = internalField(item, kept, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
};
