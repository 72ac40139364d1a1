import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signToken } from '../../libs/platform/src/auth/jwt';
import { checkAnswersOf, nonConformance } from './conformance';
import { freePort } from './ferretdb';
import { SqliteEventStore } from '#event-store';

/** A staff member the tests act as: their id and a token. */
export type Actor = { id: string; name: string; token: string };

const root = resolve(__dirname, '../..');

/** The directories (stores, keys) of the services this test file started. */
const serviceDirs: string[] = [];

/**
 * Removes them once the file's tests are done (its services stopped; a suite may read a
 * stopped service's stores until then): a run leaves no stores behind.
 */
export const removeServiceDirs = (): void => {
  for (const dir of serviceDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
};
export type AppName = 'command-api' | 'query-api' | 'projector' | 'workers';

/** Each app's entry point in the build. */
const entry: Record<AppName, string> = {
  'command-api': 'dist/apps/command-api/src/main.js',
  'query-api': 'dist/apps/query-api/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  workers: 'dist/apps/workers/src/main.js',
};

export type Service = {
  dir: string;
  eventStoreUrl: string;
  readStoreUrl: string;
  /** The keys sealing personal data: tools reading the events need the same store. */
  keyStoreUrl: string;
  url: Record<AppName, string>;
  /** The workers' inbound SMTP endpoint (on 127.0.0.1), for mail to the CRM's address. */
  inboundSmtpPort: number;
  /** The initial admin the command API registered on its first start. */
  admin: Actor;
  /** A token signed with the service's local secret (claims override the defaults). */
  token(sub: string, roles: string[], claims?: Record<string, unknown>): Promise<string>;
  /** Registers a staff member (as the admin) and returns them with a token for all their roles. */
  staff(name: string, roles: string[]): Promise<Actor>;
  /** Everything the processes printed so far. */
  output(): string;
  /** Starts an app (again); `env` changes its settings from the service's (a new time zone). */
  start(app: AppName, env?: Record<string, string>): Promise<void>;
  kill(app: AppName, signal?: NodeJS.Signals): Promise<void>;
  /** A second copy of an app on the same stores and its own port (a replica, a rolling update). */
  second(app: AppName): Promise<Copy>;
  stop(): Promise<void>;
};

/** Another copy of an app: started at once, killed and started again by the test. */
export type Copy = {
  url: string;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

const portVariable: Record<AppName, string> = {
  'command-api': 'COMMAND_API_PORT',
  'query-api': 'QUERY_API_PORT',
  projector: 'PROJECTOR_PORT',
  workers: 'WORKERS_PORT',
};

/** Resolves when `url` answers 200 (the projector's /status: once running); fails when the child exits. */
export const waitForHealth = async (
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 30_000,
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      // The projector answers /status while it still creates its collections and indexes.
      if (
        res.ok &&
        (!url.endsWith('/status') || ((await res.json()) as { running: boolean }).running)
      )
        return;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${url} did not come up (exit ${String(child.exitCode)}):\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The apps as separate processes from the build, on free loopback ports. */
export const startService = async (
  options: {
    readStoreUrl?: string;
    eventStoreUrl?: string;
    keyStoreUrl?: string;
    apps?: AppName[];
    env?: Record<string, string>;
  } = {},
): Promise<Service> => {
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-e2e-'));
  serviceDirs.push(dir);
  const ports = {
    'command-api': await freePort(),
    'query-api': await freePort(),
    projector: await freePort(),
    workers: await freePort(),
  };
  const inboundSmtpPort = await freePort();
  const eventStoreUrl = options.eventStoreUrl ?? `sqlite:${join(dir, 'events.db')}`;
  const readStoreUrl = options.readStoreUrl ?? `sqlite:${join(dir, 'read.db')}`;
  const keyStoreUrl = options.keyStoreUrl ?? `sqlite:${join(dir, 'data', 'keys.db')}`;
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    EVENT_STORE_URL: eventStoreUrl,
    READ_STORE_URL: readStoreUrl,
    KEY_STORE_URL: keyStoreUrl,
    COMMAND_API_PORT: String(ports['command-api']),
    QUERY_API_PORT: String(ports['query-api']),
    PROJECTOR_PORT: String(ports.projector),
    WORKERS_PORT: String(ports.workers),
    INBOUND_SMTP_PORT: String(inboundSmtpPort),
    INBOUND_SMTP_ADDRESS: 'crm@kroonika.test',
    DEFAULT_TIMEZONE: 'UTC',
    // The test client keeps idle connections for up to its own few seconds; a server that
    // keeps them longer never closes one under a request a loaded machine was slow to send.
    KEEP_ALIVE_TIMEOUT_MS: '60000',
    // A copy started after one was killed takes the duties over once the dead one's lease
    // has run out: short in tests, so that restarts do not wait the production default.
    LEASE_TTL_MS: '2000',
    // Read-your-writes waits up to this for the projector: on a machine busy with the other
    // suites (two copies of every app under load among them) 3 s is not always enough.
    MIN_POSITION_WAIT_MS: '10000',
    ...options.env,
  };
  const url = {
    'command-api': `http://127.0.0.1:${ports['command-api']}`,
    'query-api': `http://127.0.0.1:${ports['query-api']}`,
    projector: `http://127.0.0.1:${ports.projector}`,
    workers: `http://127.0.0.1:${ports.workers}`,
  };
  checkAnswersOf(url['command-api'], 'command-api');
  checkAnswersOf(url['query-api'], 'query-api');
  const running = new Map<string, ChildProcess>();
  let printed = '';
  const launch = async (
    key: string,
    app: AppName,
    base: string,
    port?: number,
    changed: Record<string, string> = {},
  ) => {
    let output = '';
    const child = spawn(process.execPath, [join(root, entry[app])], {
      cwd: dir,
      env: {
        ...env,
        ...(port === undefined ? {} : { [portVariable[app]]: String(port) }),
        ...changed,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (d: Buffer) => {
      output += d.toString();
      printed += d.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    running.set(key, child);
    await waitForHealth(
      app === 'projector' ? `${base}/status` : `${base}/health`,
      child,
      () => output,
    );
  };
  const start = (app: AppName, changed?: Record<string, string>) =>
    launch(app, app, url[app], undefined, changed);
  const killKey = async (key: string, signal: NodeJS.Signals = 'SIGKILL') => {
    const child = running.get(key);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    running.delete(key);
  };
  const kill = (app: AppName, signal: NodeJS.Signals = 'SIGKILL') => killKey(app, signal);
  let copies = 0;
  const second = async (app: AppName): Promise<Copy> => {
    const port = await freePort();
    const key = `${app}#${++copies}`;
    const base = `http://127.0.0.1:${port}`;
    if (app === 'command-api' || app === 'query-api') checkAnswersOf(base, app);
    const copy: Copy = {
      url: base,
      start: () => launch(key, app, base, port),
      kill: (signal) => killKey(key, signal),
    };
    await copy.start();
    return copy;
  };
  try {
    for (const app of options.apps ?? ['command-api', 'projector', 'query-api', 'workers'])
      await start(app);
  } catch (error) {
    // An app that did not come up leaves none running behind it (they would keep jest alive).
    for (const key of [...running.keys()]) await killKey(key);
    throw error;
  }
  const data = (file: string) => {
    const path = join(options.env?.['DATA_DIR'] ?? join(dir, 'data'), file);
    return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
  };
  const token = (sub: string, roles: string[], claims: Record<string, unknown> = {}) =>
    signToken(
      { sub, roles, exp: Math.floor(Date.now() / 1000) + 3600, ...claims },
      Buffer.from(data('auth-secret')),
    );
  const adminId = data('initial-admin-id');
  const admin: Actor = {
    id: adminId,
    name: 'Administrator',
    // With an identity provider configured there is no local secret: its tokens come from it.
    token: data('auth-secret') ? await token(adminId, ['admin', 'manager', 'sales']) : '',
  };
  return {
    dir,
    eventStoreUrl,
    readStoreUrl,
    keyStoreUrl,
    url,
    inboundSmtpPort,
    admin,
    token,
    staff: async (name, roles) => {
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
      const res = await http<Ids>(
        'POST',
        `${url['command-api']}/staff`,
        { name, email: `${slug}@example.com`, roles },
        { authorization: `Bearer ${admin.token}` },
      );
      if (res.status !== 201) throw new Error(`registering ${name}: ${JSON.stringify(res.body)}`);
      return { id: res.body.id, name, token: await token(res.body.id, roles) };
    },
    output: () => printed,
    start,
    kill,
    second,
    stop: async () => {
      for (const key of [...running.keys()]) await killKey(key, 'SIGTERM');
    },
  };
};

/** What a command answers. */
export type Ids = {
  id: string;
  revision: number;
  position: number;
  stageIds?: string[];
  customerId?: string;
  dealId?: string;
  contactId?: string;
  offerId?: string;
  paymentId?: string;
  number?: string;
};

export type Reply<T = Record<string, unknown>> = { status: number; headers: Headers; body: T };

export const http = async <T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> => {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') ?? false;
  const parsed: unknown = json && text ? JSON.parse(text) : json ? {} : text;
  const wrong = nonConformance(method, url, res.status, res.headers.get('content-type'), parsed);
  if (wrong) throw new Error(`The answer is not what the OpenAPI document says: ${wrong}`);
  return { status: res.status, headers: res.headers, body: parsed as T };
};

/** A command client acting as one staff member (the initial admin unless told otherwise). */
export const commands = (service: Service, actor: Actor = service.admin) => ({
  post: <T = Record<string, unknown>>(
    path: string,
    body: unknown = {},
    headers: Record<string, string> = {},
  ) =>
    http<T>('POST', `${service.url['command-api']}${path}`, body, {
      authorization: `Bearer ${actor.token}`,
      ...headers,
    }),
});

/** A query client; `after` makes the read wait for a command's position. */
export const queries = (service: Service, actor: Actor = service.admin) => ({
  get: <T = Record<string, unknown>>(
    path: string,
    after?: number,
    headers: Record<string, string> = {},
  ) =>
    http<T>('GET', `${service.url['query-api']}${path}`, undefined, {
      authorization: `Bearer ${actor.token}`,
      ...(after !== undefined ? { 'x-min-position': String(after) } : {}),
      ...headers,
    }),
});

/** A multipart upload of one file with form fields, sent before the file as required. */
export const upload = async <T = Record<string, unknown>>(
  url: string,
  token: string,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Uint8Array },
  headers: Record<string, string> = {},
): Promise<Reply<T>> => {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
};

/**
 * The service on the embedded default, started before a suite's tests, with its log opened
 * beside it for the tests to look into; both closed after them.
 */
export const serviceWithLog = (options: Parameters<typeof startService>[0] = {}) => {
  const suite = {} as { service: Service; store: SqliteEventStore };
  beforeAll(async () => {
    suite.service = await startService(options);
    suite.store = new SqliteEventStore(suite.service.eventStoreUrl.slice('sqlite:'.length));
  }, 60_000);
  afterAll(async () => {
    await suite.store.close();
    await suite.service.stop();
  });
  return suite;
};
