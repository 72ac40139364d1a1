import {
  type HeaderObject,
  type LinkObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { accessPolicy } from '../auth/access-policy';
import { type Described, type Variants } from './validation-schemas';

/**
 * What a path id must look like (`uuidParam`, Nest's ParseUUIDPipe): `format: uuid` alone is an
 * annotation many clients and fuzzers do not check, so the pattern says it too — versions 1–8
 * in the RFC variant, the nil and the max UUID.
 */
export const UUID_PATTERN =
  '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$';

export type DocumentOptions = {
  /** The query API: every read takes X-Min-Position (read-your-writes). */
  readYourWrites?: boolean;
  /** Named schemas the operations refer to (the query API's generated answer schemas). */
  schemas?: Record<string, SchemaObject>;
  /** Path parameters the server checks as UUIDs, by operation id. */
  uuidParameters?: Map<string, Set<string>>;
};

const problemSchema: SchemaObject = {
  type: 'object',
  description: 'An error, as RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'urn:kroonika:problem:invalid-input' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For invalid input: each field and what is wrong with it',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: {
          field: { type: 'string' },
          messages: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const commandResultSchema: SchemaObject = {
  type: 'object',
  description:
    'What a command did: the id it acted on, the stream revision (also the ETag) and the global position to send as X-Min-Position to the query API. Commands that create something inside an aggregate also name it (contactId, offerId, stageId, …).',
  required: ['id', 'revision', 'position'],
  properties: {
    id: { type: 'string' },
    revision: { type: 'integer', description: 'The stream revision after the command' },
    position: {
      type: 'integer',
      minimum: 0,
      description: 'The global position of the last event appended',
    },
  },
  additionalProperties: true,
};

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const retryAfter: HeaderObject = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
};

const errors: Record<number, string> = {
  400: 'The input is invalid: a malformed header, parameter or body; `errors` lists the fields',
  401: 'No valid bearer token',
  403: "The caller's roles do not allow this",
  404: 'Nothing with this id, or something the command refers to does not exist',
  406: 'The Accept header takes none of the media types this operation answers',
  409: 'The command conflicts with the current state (a business rule refuses it), or X-Min-Position is past the end of the log',
  412: 'If-Match names another revision than the current one',
  413: 'The body is larger than the limit',
  415: 'The body is not of a media type this operation takes',
  422: 'The Idempotency-Key was used before with another request',
  429: 'Too many requests: wait as Retry-After says',
  503: 'A store is unavailable or the read models have not yet reached X-Min-Position: try again after Retry-After',
};

const problemResponse = (status: number): ResponseObject => ({
  description: errors[status] ?? 'Error',
  content: { 'application/problem+json': { schema: ref('Problem') } },
  ...(status === 429 || status === 503 ? { headers: { 'Retry-After': retryAfter } } : {}),
});

const headerSchemas: Record<string, SchemaObject> = {
  'Idempotency-Key': { type: 'string', pattern: '^[!-~]{1,200}$' },
  'If-Match': { type: 'string', pattern: '^(W/)?"?-?[0-9]{1,15}"?$' },
  'X-Min-Position': { type: 'string', pattern: '^[0-9]{1,16}$' },
};

const commandHeaders = { 'Idempotency-Key': true, 'If-Match': true };

const headerDescriptions: Record<string, string> = {
  'Idempotency-Key':
    'Makes a retry safe: the same key from the same caller on the same route answers what the first request did, appending nothing. A key reused with another body is 422.',
  'If-Match': 'The ETag (stream revision) the caller last saw; another current revision is 412',
  'X-Min-Position':
    "A command's `position`: the read waits (up to a few seconds) until the read models include it",
};

const isParameter = (p: ParameterObject | ReferenceObject): p is ParameterObject => 'in' in p;

/** `/customers/{id}/owner` → `/customers/:id/owner`, the key of the access policy. */
export const policyKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;

/**
 * The media types an operation's successful answers have, when an Accept header may refuse
 * them all. Not for an answer of any type (`*\/*`); nor for the probes and metrics that
 * infrastructure reads (scrapers name versions of the text format); nor for the public
 * operations, which browsers, calendar applications and web sites call rather than clients
 * of the document, each with Accept headers of their own.
 */
export const negotiatedTypes = (
  method: string,
  path: string,
  operation: OperationObject,
): string[] | undefined => {
  if (path === '/metrics' || path === '/health' || path.startsWith('/health/')) return undefined;
  if (accessPolicy[policyKey(method, path)] === 'public') return undefined;
  const types = new Set(
    Object.entries(operation.responses).flatMap(([status, response]) =>
      status.startsWith('2') && response && 'content' in response
        ? Object.keys(response.content ?? {})
        : [],
    ),
  );
  return types.size > 0 && !types.has('*/*') ? [...types].sort() : undefined;
};

const errorStatuses = (
  method: string,
  path: string,
  operation: OperationObject,
  readYourWrites: boolean,
): number[] => {
  const open = accessPolicy[policyKey(method, path)] === 'public';
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
  const statuses = new Set<number>([429]);
  if (takesInput) statuses.add(400);
  if (!open) [401, 403, 503].forEach((s) => statuses.add(s));
  // Readiness: a dependency does not answer.
  if (path === '/health/ready') statuses.add(503);
  if (path.includes('{')) statuses.add(404);
  if (method === 'post' && !open) [404, 409, 412, 422].forEach((s) => statuses.add(s));
  // A read-your-writes read: X-Min-Position past the end of the log.
  if (readYourWrites && !open) statuses.add(409);
  if (operation.requestBody) [413, 415].forEach((s) => statuses.add(s));
  if (negotiatedTypes(method, path, operation)) statuses.add(406);
  return [...statuses].sort((a, b) => a - b);
};

/** Links from an operation that creates something to the operations on what it created. */
const linksFrom = (
  path: string,
  operations: { path: string; operation: OperationObject }[],
): Record<string, LinkObject> => {
  const links: Record<string, LinkObject> = {};
  const prefix = `${path}/{`;
  for (const target of operations) {
    if (!target.path.startsWith(prefix) || !target.operation.operationId) continue;
    const created = /^\{(\w+)\}/.exec(target.path.slice(path.length + 1))?.[1];
    if (!created) continue;
    // Only operations on the created thing itself, whose other ids the create request had.
    const names = [...target.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (names.some((n) => n !== created && !path.includes(`{${n}}`))) continue;
    // What a command creates at the top (POST /custom-fields → /custom-fields/{key}) is the
    // answer's `id`; inside an aggregate (POST /deals/{id}/offers) the answer names it (offerId).
    const field = path.includes('{') ? created : 'id';
    const parameters: Record<string, string> = {};
    for (const name of names)
      parameters[name] = name === created ? `$response.body#/${field}` : `$request.path.${name}`;
    const name = target.operation.operationId.replace(/^\w+Controller_/, '');
    links[name] = { operationId: target.operation.operationId, parameters };
  }
  return links;
};

/** One schema per variant: the discriminating value, its required fields, no others. */
const variantsOf = (schema: SchemaObject, variants: Variants): SchemaObject => {
  const properties = schema.properties ?? {};
  return {
    ...(schema.description ? { description: schema.description } : {}),
    oneOf: Object.entries(variants.fields).map(([value, fields]) => ({
      type: 'object',
      additionalProperties: false,
      required: [variants.property, ...fields],
      properties: {
        [variants.property]: { type: 'string', enum: [value] },
        ...Object.fromEntries(fields.flatMap((f) => (properties[f] ? [[f, properties[f]]] : []))),
      },
    })),
  };
};

/**
 * A field that takes `null` and a list of values names `null` among them: in OpenAPI 3.0 an
 * `enum` is the whole list of what is valid, `nullable` notwithstanding.
 */
const nullInEnums = (schema: SchemaObject): void => {
  for (const property of Object.values(schema.properties ?? {}))
    if ('enum' in property && property.nullable && property.enum && !property.enum.includes(null))
      property.enum = [...(property.enum as unknown[]), null];
};

/**
 * Completes the document Nest builds from the decorators: every error an operation can answer
 * as problem+json, the answer of every command, the headers (Idempotency-Key, If-Match, ETag,
 * X-Min-Position, Retry-After) with their formats, no token on public operations, no unknown
 * fields in request bodies, and links from each create operation to what it created.
 */
export const completeDocument = (
  document: OpenAPIObject,
  described: Described,
  options: DocumentOptions = {},
): OpenAPIObject => {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  Object.assign(schemas, options.schemas);
  schemas['Problem'] = problemSchema;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!described.names.has(name) || '$ref' in schema) continue;
    nullInEnums(schema);
    const variants = described.variants.get(name);
    if (variants) schemas[name] = variantsOf(schema, variants);
    else schema.additionalProperties = false;
    const rules = described.rules.get(name);
    if (rules) schemas[name] = { ...schemas[name], allOf: rules };
  }

  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const)
      .filter((m) => item[m])
      .map((method) => ({ path, method, operation: item[method]! })),
  );
  let commands = false;
  for (const { path, method, operation } of operations) {
    const open = accessPolicy[policyKey(method, path)] === 'public';
    if (open) operation.security = [];
    // Commands' headers are no business of reads, nor of public operations (no actor, no key).
    const parameters = (operation.parameters ??= []).filter(
      (p) => (method === 'post' && !open) || !isParameter(p) || !(p.name in commandHeaders),
    );
    operation.parameters = parameters;
    if (
      options.readYourWrites &&
      !open &&
      !parameters.some((p) => isParameter(p) && p.name === 'X-Min-Position')
    )
      parameters.unshift({ name: 'X-Min-Position', in: 'header', required: false });
    for (const parameter of parameters) {
      if (!isParameter(parameter)) continue;
      const schema = parameter.schema as SchemaObject | undefined;
      if (schema && 'nullable' in schema) delete schema.nullable;
      if (
        parameter.in === 'path' &&
        options.uuidParameters?.get(operation.operationId ?? '')?.has(parameter.name)
      )
        parameter.schema = { type: 'string', format: 'uuid', pattern: UUID_PATTERN };
      if (parameter.in !== 'header') continue;
      const known = headerSchemas[parameter.name];
      if (known) parameter.schema = known;
      parameter.description ??= headerDescriptions[parameter.name];
    }
    if (operation.parameters.length === 0) delete operation.parameters;

    // A body whose every field may be left out may be left out itself: the service takes none
    // as {}.
    const body = operation.requestBody;
    if (body && !('$ref' in body)) {
      const ref = (body.content['application/json']?.schema as ReferenceObject | undefined)?.$ref;
      const schema = ref ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
      if (
        schema &&
        !('$ref' in schema) &&
        !schema.required?.length &&
        !schema.oneOf &&
        !schema.allOf
      )
        body.required = false;
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response || '$ref' in response || !status.startsWith('2')) continue;
      response.description ||= status === '201' ? 'Created' : 'OK';
      if (method === 'post' && !response.content) {
        commands = true;
        response.content = { 'application/json': { schema: ref('CommandResult') } };
        response.headers = {
          ...response.headers,
          ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } },
        };
        if (status === '201') {
          const links = linksFrom(path, operations);
          if (Object.keys(links).length > 0) response.links = links;
        }
      }
      if (options.readYourWrites && !open)
        response.headers = {
          ...response.headers,
          'X-Read-Position': {
            description: 'With X-Min-Position: the position the read models had reached',
            schema: { type: 'string' },
          },
        };
    }
    // Errors an operation declares itself (502 from the registry, 410 for erased content) are
    // problem+json like all the others.
    for (const [status, response] of Object.entries(operation.responses))
      if (Number(status) >= 400 && response && !('$ref' in response) && !response.content)
        operation.responses[status] = {
          ...problemResponse(Number(status)),
          ...response,
          content: problemResponse(Number(status)).content,
        };
    for (const status of errorStatuses(method, path, operation, options.readYourWrites === true))
      operation.responses[String(status)] ??= problemResponse(status);
  }
  if (commands) schemas['CommandResult'] = commandResultSchema;
  return document;
};
