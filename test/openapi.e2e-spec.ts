import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, type Service, startService } from './support/service';

const dir = join(__dirname, '../docs/openapi');
const update = process.env['UPDATE_OPENAPI'] === '1';

/** The OpenAPI documents are committed; this fails when the served ones drift from them. */

/** Liveness, readiness and metrics: for the people who run the service, open to probes. */
const operational = (path: string) =>
  path === '/health' || path.startsWith('/health/') || path === '/metrics';

describe('committed OpenAPI documents', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({ apps: ['command-api', 'query-api'] });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it.each(['command-api', 'query-api'] as const)(
    'match what %s serves at /docs/openapi.json',
    async (app) => {
      const served = await http('GET', `${service.url[app]}/docs/openapi.json`);
      expect(served.status).toBe(200);
      const file = join(dir, `${app}.json`);
      const text = `${JSON.stringify(served.body, null, 2)}\n`;
      if (update || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    },
  );

  it('links from a create take what its answer carries: a custom field is renamed by its link', async () => {
    const served = await http<{
      paths: Record<string, Record<string, { responses: Record<string, { links?: object }> }>>;
    }>('GET', `${service.url['command-api']}/docs/openapi.json`);
    const links = served.body.paths['/custom-fields']!['post']!.responses['201']!.links as Record<
      string,
      { parameters: Record<string, string> }
    >;
    const headers = { authorization: `Bearer ${service.admin.token}` };
    const created = await http(
      'POST',
      `${service.url['command-api']}/custom-fields`,
      { fieldKey: 'industry', entity: 'customer', label: 'Industry', fieldType: 'text' },
      headers,
    );
    expect(created.status).toBe(201);
    const key = links['rename']!.parameters['key']!;
    const value = created.body[key.replace('$response.body#/', '')];
    expect([key, value]).toEqual([expect.stringMatching(/^\$response\.body#\//), 'industry']);
    const renamed = await http(
      'POST',
      `${service.url['command-api']}/custom-fields/${String(value)}/rename`,
      { label: 'Sector' },
      headers,
    );
    expect(renamed.status).toBe(200);
  });
});

type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { additionalProperties?: unknown }> };
};

const documentOf = (app: 'command-api' | 'query-api') =>
  JSON.parse(readFileSync(join(dir, `${app}.json`), 'utf8')) as Document;

const operations = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

describe('the OpenAPI documents describe every operation completely', () => {
  it.each(['command-api', 'query-api'] as const)(
    '%s: summary, tag, success schema, problem+json errors, security',
    (app) => {
      const incomplete: string[] = [];
      for (const { path, method, operation } of operations(documentOf(app))) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.summary) incomplete.push(`${where}: no summary`);
        if (!operation.tags?.length) incomplete.push(`${where}: no tag`);
        const statuses = Object.keys(operation.responses);
        const successes = statuses.filter((s) => s.startsWith('2'));
        if (successes.length === 0) incomplete.push(`${where}: no success answer`);
        for (const s of successes)
          if (!operation.responses[s]?.content) incomplete.push(`${where}: ${s} has no body`);
        // A page for people (a shared ticket's status) answers a page for an invalid link too.
        const page = path.startsWith('/ticket-status/');
        for (const s of statuses.filter((s) => Number(s) >= 400))
          if (
            !operation.responses[s]?.content?.['application/problem+json'] &&
            !(page && s === '404' && operation.responses[s]?.content?.['text/html'])
          )
            incomplete.push(`${where}: ${s} is not problem+json`);
        // Public: the unsubscribe link, a calendar feed, a ticket's status page and a web form
        // carry their own credential.
        const open =
          operational(path) ||
          path.startsWith('/unsubscribe/') ||
          path.startsWith('/calendar-feeds/') ||
          path.startsWith('/ticket-status/') ||
          path.startsWith('/web-form/');
        if (open && !(operation.security?.length === 0))
          incomplete.push(`${where}: public, yet documented as needing a token`);
        if (!open && !statuses.includes('401')) incomplete.push(`${where}: 401 missing`);
        if (!open && !statuses.includes('403')) incomplete.push(`${where}: 403 missing`);
        if (path.includes('{') && !statuses.includes('404'))
          incomplete.push(`${where}: 404 missing`);
        if ((operation.parameters?.length ?? 0) > 0 && !statuses.includes('400'))
          incomplete.push(`${where}: 400 missing`);
        if (!statuses.includes('429')) incomplete.push(`${where}: 429 missing`);
      }
      expect(incomplete).toEqual([]);
    },
  );

  it('commands: answers with ETag, 409, 412 and 422, header formats, links from creates', () => {
    const document = documentOf('command-api');
    let links = 0;
    for (const { path, method, operation } of operations(document)) {
      // Public posts (an unsubscribe link, a web site's form) carry no command headers.
      if (method !== 'post' || path.startsWith('/unsubscribe/') || path.startsWith('/web-form/'))
        continue;
      const statuses = Object.keys(operation.responses);
      expect([path, statuses.filter((s) => ['409', '412', '422'].includes(s))]).toEqual([
        path,
        ['409', '412', '422'],
      ]);
      const success = Object.entries(operation.responses).find(([s]) => s.startsWith('2'))!;
      expect([path, Object.keys(success[1].headers ?? {})]).toEqual([path, ['ETag']]);
      const key = operation.parameters?.find((p) => p.name === 'Idempotency-Key');
      expect([path, key?.schema?.['pattern']]).toEqual([path, '^[!-~]{1,200}$']);
      links += Object.keys((success[1] as { links?: object }).links ?? {}).length;
    }
    expect(links).toBeGreaterThan(60);
  });

  it('request bodies take no unknown fields, and validation rules are stated', () => {
    const { components } = documentOf('command-api');
    const register = components.schemas['RegisterCustomerDto'] as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, Record<string, unknown>>;
    };
    expect(register.additionalProperties).toBe(false);
    expect(register.required).toEqual(expect.arrayContaining(['kind', 'name']));
    expect(register.properties['name']).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(register.properties['email']).toMatchObject({ format: 'email' });
    const line = components.schemas['InvoiceLineDto'] as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(line.properties['unitPrice']).toMatchObject({ type: 'integer' });
    expect(line.properties['quantity']).toMatchObject({ type: 'number', multipleOf: 0.001 });
    const open = Object.entries(components.schemas).filter(
      ([name, schema]) =>
        name.endsWith('Dto') &&
        schema.additionalProperties !== false &&
        // A DTO whose fields depend on a kind is one closed schema per kind.
        !(schema as { oneOf?: { additionalProperties?: unknown }[] }).oneOf?.every(
          (variant) => variant.additionalProperties === false,
        ),
    );
    expect(open).toEqual([]);
  });

  it.each(['command-api', 'query-api'] as const)(
    '%s: a field that takes null with a list of values lists null (an enum is all that is valid)',
    (app) => {
      const found: string[] = [];
      const walk = (node: unknown, where: string): void => {
        if (Array.isArray(node)) {
          node.forEach((n, i) => {
            walk(n, `${where}/${i}`);
          });
        }
        if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
        const schema = node as { nullable?: boolean; enum?: unknown[] };
        if (schema.nullable === true && schema.enum)
          found.push(`${where}: ${schema.enum.includes(null) ? 'null listed' : 'null missing'}`);
        for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
      };
      walk(documentOf(app), '');
      expect(found.filter((f) => f.endsWith('null missing'))).toEqual([]);
      if (app === 'command-api')
        expect(found).toContain(
          '/components/schemas/UpdateCustomerProfileDto/properties/preferredLanguage: null listed',
        );
    },
  );

  it('reads: every answer has a schema, X-Min-Position is stated, components are shared', () => {
    const document = documentOf('query-api');
    for (const { path, operation } of operations(document)) {
      // A calendar application subscribing to a feed knows no positions.
      if (operational(path) || path.startsWith('/calendar-feeds/')) continue;
      const header = operation.parameters?.find((p) => p.name === 'X-Min-Position');
      expect([path, header?.schema?.['pattern']]).toEqual([path, '^[0-9]{1,16}$']);
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'SlaState', 'InvoiceStatus']),
    );
  });
});
