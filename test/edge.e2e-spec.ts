import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commands, http, type Ids, type Service, startService, upload } from './support/service';
import { bodyOf, raw, statusOf } from './support/raw-http';

type Problem = { type: string; status: number };

describe('the HTTP edge of every app', () => {
  let service: Service;
  const previousUmask = process.umask(0o022);
  beforeAll(async () => {
    // started with a permissive umask: the service must not rely on it
    service = await startService({
      apps: ['command-api', 'projector', 'query-api', 'workers'],
      env: {
        REQUEST_TIMEOUT_MS: '1500',
        HEADERS_TIMEOUT_MS: '1500',
        RATE_LIMIT_PUBLIC_PER_SECOND: '1',
        RATE_LIMIT_PUBLIC_BURST: '30',
      },
    });
  }, 60000);
  afterAll(async () => {
    process.umask(previousUmask);
    await service.stop();
  });

  it('answers a method a path does not take with 405 and Allow, on both APIs', async () => {
    const put = await http<Problem>(
      'PUT',
      `${service.url['command-api']}/leads`,
      {},
      {
        authorization: `Bearer ${service.admin.token}`,
      },
    );
    expect([put.status, put.headers.get('allow'), put.body.type]).toEqual([
      405,
      'POST',
      'urn:kroonika:problem:method-not-allowed',
    ]);
    expect(put.headers.get('content-type')).toContain('application/problem+json');
    const del = await http<Problem>('DELETE', `${service.url['query-api']}/leads`);
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    // Any method, a body-bearing one too (QUERY): 405 before the body is read, not a 400.
    const query = await raw(
      service.url['command-api'],
      'QUERY /customers/00000000-0000-4000-8000-000000000000/archive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(query)).toBe(405);
    expect(query).toContain('allow: POST');
    expect(query).toContain('application/problem+json');
    expect(query).toContain('x-content-type-options: nosniff');
    const unknown = await http<Problem & { title: string }>(
      'GET',
      `${service.url['query-api']}/no-such-thing`,
    );
    expect([unknown.status, unknown.body.title, unknown.headers.get('content-type')]).toEqual([
      404,
      'Not Found',
      expect.stringContaining('application/problem+json'),
    ]);
  });

  it('answers 406 when the Accept header takes none of the media types an operation answers', async () => {
    const query = service.url['query-api'];
    const auth = { authorization: `Bearer ${service.admin.token}` };
    const leads = async (accept: string, method = 'GET') =>
      (await fetch(`${query}/leads`, { method, headers: { ...auth, accept } })).status;
    for (const accept of [
      'application/json',
      'application/*',
      '*/*',
      'text/html, application/json;q=0.5',
      'application/json; charset=utf-8',
      ' ',
    ])
      expect([accept, await leads(accept)]).toEqual([accept, 200]);
    for (const accept of [
      'application/xml',
      'text/*',
      'application/json;q=0',
      'application/json; charset=iso-8859-1',
      'cats',
      '*/*;q=0',
    ])
      expect([accept, await leads(accept)]).toEqual([accept, 406]);
    expect(await leads('application/xml', 'HEAD')).toBe(406);
    const refused = await http<Problem & { detail: string }>('GET', `${query}/leads`, undefined, {
      ...auth,
      accept: 'application/xml',
    });
    expect([refused.status, refused.body.type, refused.body.detail]).toEqual([
      406,
      'urn:kroonika:problem:not-acceptable',
      'The Accept header takes none of what this answers: application/json',
    ]);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // A PDF is refused to a client that takes only JSON; one that takes PDFs goes on (to the 404).
    const pdf = `${query}/invoices/${randomUUID()}/pdf`;
    expect(
      (await http('GET', pdf, undefined, { ...auth, accept: 'application/json' })).status,
    ).toBe(406);
    expect(
      (await http('GET', pdf, undefined, { ...auth, accept: 'application/pdf, */*;q=0.1' })).status,
    ).toBe(404);
    // A document's content has the type it was attached with: any Accept goes on.
    const content = `${query}/documents/${randomUUID()}/content`;
    expect((await http('GET', content, undefined, { ...auth, accept: 'image/png' })).status).toBe(
      404,
    );
    // Public operations are called by calendar applications and browsers, with Accept headers
    // of their own: they take any (here to the 404 of a feed that does not exist).
    expect(
      (
        await fetch(`${query}/calendar-feeds/no-such-feed.ics`, {
          headers: { accept: 'text/x-vcalendar' },
        })
      ).status,
    ).toBe(404);
    // What infrastructure reads takes any Accept: scrapers name versions of the text format.
    for (const path of ['/metrics', '/health/ready'])
      expect(
        (await fetch(`${query}${path}`, { headers: { accept: 'text/plain;version=0.0.4' } }))
          .status,
      ).toBe(200);
    // What is not an operation of the document (the document itself) takes any Accept.
    expect(
      (await fetch(`${query}/docs/openapi.json`, { headers: { accept: 'text/html' } })).status,
    ).toBe(200);
    // A command refused so appends nothing.
    const name = `Accept ${randomUUID()}`;
    const command = await commands(service).post<Problem>(
      '/leads',
      { personName: name, source: 'fair' },
      { accept: 'text/html' },
    );
    expect([command.status, command.body.type]).toEqual([
      406,
      'urn:kroonika:problem:not-acceptable',
    ]);
    // Read once the models hold a command taken after it: had it appended, the lead would show.
    const later = await commands(service).post<Ids>('/leads', {
      personName: `Later ${randomUUID()}`,
      source: 'fair',
    });
    const found = await http<{ items: { personName: string }[] }>(
      'GET',
      `${query}/leads?name=${encodeURIComponent(name)}`,
      undefined,
      { ...auth, 'x-min-position': String(later.body.position) },
    );
    expect(found.body.items).toEqual([]);
  });

  it('refuses a body sent with several Content-Type headers, of a type the operation does not take, or encoded (415), appending nothing', async () => {
    const api = service.url['command-api'];
    const personName = `Typed ${randomUUID()}`;
    const body = JSON.stringify({ personName, source: 'fair' });
    const send = (...types: string[]) =>
      raw(
        api,
        `POST /leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${service.admin.token}\r\n` +
          types.map((t) => `Content-Type: ${t}\r\n`).join('') +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    for (const types of [
      ['application/json', 'application/xml'],
      ['application/json', 'application/json'],
    ]) {
      const answer = await send(...types);
      expect([statusOf(answer), bodyOf(answer)]).toEqual([
        415,
        expect.objectContaining({
          type: 'urn:kroonika:problem:unsupported-media-type',
          detail: 'Send one Content-Type header, not several',
        }),
      ]);
    }
    // A text, a form or a multipart body sent to a JSON command: the media type is refused,
    // not parsed as what it is (a form's fields were taken as the command's).
    const form = `personName=${encodeURIComponent(personName)}&source=fair`;
    const multipart =
      '--b\r\nContent-Disposition: form-data; name="personName"\r\n\r\nx\r\n--b--\r\n';
    for (const [type, content] of [
      ['text/plain', body],
      ['application/x-www-form-urlencoded', form],
      ['multipart/form-data; boundary=b', multipart],
    ] as const) {
      const answer = await raw(
        api,
        `POST /leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${service.admin.token}\r\n` +
          `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(content)}\r\n` +
          `Connection: close\r\n\r\n${content}`,
      );
      expect([type, statusOf(answer), bodyOf(answer)]).toEqual([
        type,
        415,
        expect.objectContaining({ detail: 'Send application/json' }),
      ]);
    }
    const gzipped = await raw(
      api,
      `POST /leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${service.admin.token}\r\n` +
        `Content-Type: application/json\r\nContent-Encoding: gzip\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(gzipped).toContain('accept-encoding: identity');
    expect([statusOf(gzipped), bodyOf(gzipped)]).toEqual([
      415,
      expect.objectContaining({
        detail: 'Send the body without a Content-Encoding: it is taken as sent',
      }),
    ]);
    // The type is compared without case and parameters; the lead is there once, so no refused
    // request above appended it.
    const taken = await send('Application/JSON; charset=UTF-8');
    expect(statusOf(taken)).toBe(201);
    const { position } = bodyOf(taken) as { position: number };
    const found = await http<{ items: unknown[] }>(
      'GET',
      `${service.url['query-api']}/leads?name=${encodeURIComponent(personName)}`,
      undefined,
      { authorization: `Bearer ${service.admin.token}`, 'x-min-position': String(position) },
    );
    expect(found.body.items).toHaveLength(1);
  });

  it('serves OPTIONS as a CORS preflight only: any other OPTIONS is 405 (404 off the routes)', async () => {
    const api = service.url['command-api'];
    // The command API takes the console's preflights (it runs on the query API's origin).
    const consoleOrigin = new URL(service.url['query-api']).origin;
    const preflight = await fetch(`${api}/leads`, {
      method: 'OPTIONS',
      headers: { origin: consoleOrigin, 'access-control-request-method': 'POST' },
    });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([
      204,
      consoleOrigin,
    ]);
    for (const headers of [
      {},
      { origin: consoleOrigin },
      { 'access-control-request-method': 'POST' },
    ]) {
      const bare = await fetch(`${api}/leads`, { method: 'OPTIONS', headers });
      expect([bare.status, bare.headers.get('allow'), bare.headers.get('content-type')]).toEqual([
        405,
        'POST',
        expect.stringContaining('application/problem+json'),
      ]);
      expect(((await bare.json()) as Problem).type).toBe('urn:kroonika:problem:method-not-allowed');
    }
    const nowhere = await fetch(`${api}/no-such-thing`, { method: 'OPTIONS' });
    expect([nowhere.status, nowhere.headers.get('content-type')]).toEqual([
      404,
      expect.stringContaining('application/problem+json'),
    ]);
    expect(await nowhere.json()).toMatchObject({
      type: 'urn:kroonika:problem:not-found',
      detail: 'Cannot OPTIONS /no-such-thing',
    });
  });

  it('answers what the HTTP parser refuses as problem+json with the security headers', async () => {
    for (const app of ['command-api', 'query-api', 'projector', 'workers'] as const) {
      const badByte = await raw(
        service.url[app],
        'GET /health HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n',
      );
      const huge = await raw(
        service.url[app],
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
      );
      for (const [answer, status] of [
        [badByte, 400],
        [huge, 431],
      ] as const) {
        expect(statusOf(answer)).toBe(status);
        expect(answer).toContain('content-type: application/problem+json');
        expect(answer).toContain('x-content-type-options: nosniff');
        expect(answer).toContain('content-security-policy:');
      }
    }
  });

  it('cuts off a request whose body trickles in, with a 408, on every app', async () => {
    // The query API serves no POST: it answers 405 before reading any of the body.
    for (const [app, status] of [
      ['command-api', 408],
      ['query-api', 405],
    ] as const) {
      const answer = await raw(
        service.url[app],
        `POST /leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
        '{"pe',
      );
      // the server closed the connection on its own, answering why
      expect(statusOf(answer)).toBe(status);
      expect(answer).toContain('application/problem+json');
    }
  }, 30000);

  it('answers an overlong path id with 400 problem+json, not the router’s bare 414', async () => {
    const long = encodeURIComponent('Ṱ̺̺o͞ i̲̬n̝̗v̟̜o̶̙k'.repeat(20));
    const res = await http<Problem>(
      'GET',
      `${service.url['query-api']}/pipelines/${long}/board/stages/${randomUUID()}/cards`,
      undefined,
      { authorization: `Bearer ${service.admin.token}` },
    );
    expect([res.status, res.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
  });

  it('refuses a query parameter sent twice that is taken once, naming it; a list parameter may repeat', async () => {
    const get = (query: string) =>
      http<Problem & { detail: string }>('GET', `${service.url['query-api']}${query}`, undefined, {
        authorization: `Bearer ${service.admin.token}`,
      });
    const twice = await get('/leads?status=new&status=qualified&limit=5&limit=6');
    expect([twice.status, twice.body.type, twice.body.detail]).toEqual([
      400,
      'urn:kroonika:problem:invalid-input',
      'status is sent 2 times: send it once; limit is sent 2 times: send it once',
    ]);
    const list = await get('/customers?field=industry:Retail&field=size>=10');
    expect(list.status).toBe(200);
  });

  it('answers numbers in exponent form with 400, never 500', async () => {
    const customer = await commands(service).post<Ids>('/customers', {
      kind: 'person',
      name: 'Exp',
    });
    for (const line of [
      { quantity: 1e-7 },
      { quantity: 5e-324 },
      { vatRate: 5e-324 },
      { discountPercent: 1e-7 },
      { unitPrice: 1.5e300 },
    ]) {
      const reply = await commands(service).post<Problem>('/invoices', {
        kind: 'standard',
        customerId: customer.body.id,
        currency: 'EUR',
        issuedOn: '2026-12-01',
        dueOn: '2026-12-15',
        lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 24, ...line }],
      });
      expect([reply.status, reply.body.type]).toEqual([400, 'urn:kroonika:problem:invalid-input']);
    }
  });

  it('takes valid JSON whose keys name a prototype, dropping those keys', async () => {
    const reply = await fetch(`${service.url['command-api']}/leads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${service.admin.token}`,
        'content-type': 'application/json',
      },
      body:
        '{"personName": "Proto", "source": "web", "__proto__": {"isAdmin": true},' +
        ' "constructor": {"prototype": {"isAdmin": true}}}',
    });
    expect(reply.status).toBe(201);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  it('refuses a body over the limit before reading it', async () => {
    const answer = await raw(
      service.url['command-api'],
      `POST /leads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${service.admin.token}\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(413);
  }, 30000);

  it('limits public routes and unknown paths per address', async () => {
    const replies = [];
    for (let i = 0; i < 40; i++)
      replies.push(await http<Problem>('GET', `${service.url['query-api']}/health`));
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited[0]!.headers.get('content-type')).toContain('application/problem+json');
    expect(limited[0]!.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await http('GET', `${service.url['query-api']}/no-such-thing`)).status).toBe(429);
    // a staff member's requests are limited by their own budget, not the address's
    expect(
      (
        await http('GET', `${service.url['query-api']}/leads`, undefined, {
          authorization: `Bearer ${service.admin.token}`,
        })
      ).status,
    ).toBe(200);
  });

  it('keeps every file it writes to its owner (0600 in 0700 directories), whatever the umask', async () => {
    const customer = await commands(service).post<Ids>('/customers', {
      kind: 'person',
      name: 'Mode Mari',
    });
    const attached = await upload(
      `${service.url['command-api']}/documents`,
      service.admin.token,
      { linkKind: 'customer', linkId: customer.body.id },
      { name: 'note.txt', type: 'text/plain', bytes: new TextEncoder().encode('private') },
    );
    expect(attached.status).toBe(201);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? [join(dir, e.name), ...walk(join(dir, e.name))] : [join(dir, e.name)],
      );
    const files = walk(service.dir);
    expect(files.some((f) => f.endsWith('events.db-wal'))).toBe(true);
    expect(files.some((f) => f.includes('blobs'))).toBe(true);
    const loose = files
      .map((f) => [f.slice(service.dir.length), statSync(f)] as const)
      .filter(([, s]) => (s.mode & 0o077) !== 0)
      .map(([f, s]) => `${f} ${(s.mode & 0o777).toString(8)}`);
    expect(loose).toEqual([]);
  });
});
