import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { createProcessLogger, RequestLog, requestLoggerFactory } from './logging';

type Line = Record<string, unknown> & { req?: Record<string, unknown>; message?: string };

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A Fastify server logging through the process logger into `lines`, as createHttpApp sets it up. */
const server = async (lines: Line[]) => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const app = Fastify({
    loggerInstance: createProcessLogger('test-app', 'info', sink),
    logController: new RequestLog(),
    childLoggerFactory: requestLoggerFactory,
    forceCloseConnections: true,
    genReqId: (raw) => (raw.headers['x-request-id'] as string | undefined) ?? 'generated-id',
  });
  app.addHook('preHandler', (request, _reply, done) => {
    request.principal = { staffId: 'staff-7', roles: ['sales'] };
    done();
  });
  app.get('/health', () => ({ status: 'ok' }));
  app.post('/leads', (request) => {
    request.log.info('handling the lead');
    return { ok: true };
  });
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const send = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { app, send };
};

describe('request logging (Fastify with the process logger)', () => {
  it('writes one line per completed request: where it went, never its query, token or body', async () => {
    // Given
    const lines: Line[] = [];
    const { send } = await server(lines);
    // When
    await send(
      'POST',
      '/leads?email=mari@example.com',
      { authorization: 'Bearer secret-token', 'x-request-id': 'req-1' },
      { personName: 'Mari Maasikas' },
    );
    // Then
    const completed = lines.filter((l) => l.message === 'request completed');
    expect(completed).toEqual([
      expect.objectContaining({
        level: 30,
        app: 'test-app',
        requestId: 'req-1',
        correlationId: 'req-1',
        actorId: 'staff-7',
        req: expect.objectContaining({
          id: 'req-1',
          method: 'POST',
          path: '/leads',
          headers: expect.objectContaining({ authorization: '[redacted]' }) as unknown,
        }) as unknown,
        res: { statusCode: 200 },
      }),
    ]);
    const printed = JSON.stringify(lines);
    expect(printed).not.toContain('secret-token');
    expect(printed).not.toContain('mari@example.com');
    expect(printed).not.toContain('Maasikas');
  });

  it("carries the request id and the caller's correlation id on every line the request causes", async () => {
    // Given
    const lines: Line[] = [];
    const { send } = await server(lines);
    // When
    await send('POST', '/leads', { 'x-request-id': 'req-2', 'x-correlation-id': 'journey-42' }, {});
    // Then
    expect(lines.find((l) => l.message === 'handling the lead')).toMatchObject({
      requestId: 'req-2',
      correlationId: 'journey-42',
    });
  });

  it('logs refusals at warn, and neither the incoming request nor probes of /health', async () => {
    // Given
    const lines: Line[] = [];
    const { send } = await server(lines);
    // When
    await send('GET', '/health');
    await send('GET', '/nothing-here', { 'x-request-id': 'r-404' });
    // Then
    expect(lines.filter((l) => l.req).map((l) => [l.level, l.message, l.req?.['path']])).toEqual([
      [40, 'request completed', '/nothing-here'],
    ]);
  });
});
