import { commands, http, queries, type Service, startService } from './support/service';

type Ready = {
  status: string;
  info?: Record<string, { status: string }>;
  checks?: Record<string, { status: string; message?: string }>;
};

const metricsOf = async (url: string) => {
  const res = await fetch(`${url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};

/** JSON log lines the processes printed. */
const logLines = (service: Service) =>
  service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('operations: JSON logs, Prometheus metrics, liveness and readiness in every process', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({
      apps: ['command-api', 'projector', 'query-api', 'workers'],
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('says each process is live and ready once its stores answer', async () => {
    for (const app of ['command-api', 'query-api', 'projector', 'workers'] as const) {
      const live = await http<Ready>('GET', `${service.url[app]}/health/live`);
      expect([app, live.status, live.body.status]).toEqual([app, 200, 'ok']);
      const ready = await http<Ready>('GET', `${service.url[app]}/health/ready`);
      expect([app, ready.status, ready.body.status]).toEqual([app, 200, 'ok']);
      expect(ready.body.info).toMatchObject({
        'event-store': { status: 'up' },
        'read-store': { status: 'up' },
      });
    }
  });

  it('logs each request as one JSON line with its request id, correlation id and actor, without the token', async () => {
    const created = await commands(service).post<{ id: string }>(
      '/leads',
      { personName: 'Mari Maasikas', source: 'web' },
      { 'x-request-id': 'req-ops-1', 'x-correlation-id': 'journey-42' },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('req-ops-1');
    const search = await queries(service).get('/search?q=Maasikas');
    expect(search.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    const line = logLines(service).find(
      (l) => (l['req'] as { id?: string } | undefined)?.id === 'req-ops-1',
    );
    expect(line).toMatchObject({
      app: 'command-api',
      correlationId: 'journey-42',
      actorId: service.admin.id,
      req: { method: 'POST', path: '/leads', headers: { authorization: '[redacted]' } },
      res: { statusCode: 201 },
    });
    const printed = service.output();
    expect(printed).not.toContain(service.admin.token);
    // A query's text (here a person's name) is not written down.
    expect(printed).not.toContain('q=Maasikas');
    expect(printed).not.toContain('Mari Maasikas');
  });

  it('exposes Prometheus metrics in every process: latency per route, command outcomes, appends, projection lag', async () => {
    await commands(service).post('/leads', { personName: 'Jaan', source: 'web' });
    await commands(service).post('/leads', {});
    const command = await metricsOf(service.url['command-api']);
    expect(command).toMatch(
      /kroonika_http_request_duration_seconds_bucket\{le="[\d.]+",app="command-api",method="POST",route="\/leads",status="201"\}/,
    );
    expect(command).toMatch(
      /kroonika_commands_total\{route="\/leads",outcome="accepted",app="command-api"\} [1-9]/,
    );
    expect(command).toMatch(
      /kroonika_commands_total\{route="\/leads",outcome="refused",app="command-api"\} [1-9]/,
    );
    expect(command).toMatch(
      /kroonika_event_append_duration_seconds_count\{app="command-api"\} [1-9]/,
    );
    expect(command).toMatch(/nodejs_eventloop_lag_seconds\{app="command-api"\}/);
    const projector = await metricsOf(service.url.projector);
    expect(projector).toMatch(
      /kroonika_projector_checkpoint\{projection="leads_v\d+",app="projector"\} [1-9]/,
    );
    expect(projector).toMatch(/kroonika_projector_lag_seconds\{app="projector"\} /);
    expect(await metricsOf(service.url['query-api'])).toMatch(
      /kroonika_http_request_duration_seconds_count\{app="query-api",method="GET",route="\/search",status="200"\} [1-9]/,
    );
    const workers = await metricsOf(service.url.workers);
    expect(workers).toMatch(/kroonika_outbox_emails\{status="queued",app="workers"\} 0/);
    expect(workers).toMatch(/kroonika_webhook_backlog_events/);
    expect(workers).toMatch(/process_cpu_seconds_total\{app="workers"\}/);
  });
});

describe('readiness of the query API where the projector lag is checked', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({
      apps: ['command-api', 'query-api'],
      env: { READY_MAX_LAG_SECONDS: '30', PROJECTOR_STATUS_URL: 'http://127.0.0.1:9/status' },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('is live but not ready while the projector does not answer, and says why', async () => {
    expect((await http('GET', `${service.url['query-api']}/health/live`)).status).toBe(200);
    const ready = await http<Ready & { type: string }>(
      'GET',
      `${service.url['query-api']}/health/ready`,
    );
    expect([ready.status, ready.body.type]).toEqual([503, 'urn:kroonika:problem:not-ready']);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(ready.body.checks?.['projector']?.status).toBe('down');
    expect((await http('GET', `${service.url['command-api']}/health/ready`)).status).toBe(200);
  });
});
