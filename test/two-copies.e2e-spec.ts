import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type StoredEvent } from '#event-store';
import { createReadStore } from '#read-store';
import { readModelHash } from './support/read-model-hash';
import {
  type AppName,
  commands,
  type Copy,
  http,
  type Ids,
  type Service,
  startService,
} from './support/service';
import { startSmtp, type Smtp } from './support/smtp';
import { receiver } from './support/webhook-receiver';

jest.setTimeout(240_000);

const apps: AppName[] = ['command-api', 'query-api', 'projector', 'workers'];

/** A small deterministic generator, so that a failing run can be told apart by its seed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const until = async <T>(check: () => Promise<T | undefined>, what: string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('two copies of every app under load, one of each killed with SIGKILL at random moments', () => {
  let service: Service;
  let smtp: Smtp;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  /** Both copies of each app: the service's own first, then the second. */
  const copies = {} as Record<AppName, [Copy, Copy]>;

  beforeAll(async () => {
    smtp = await startSmtp();
    hooks = await receiver(0);
    service = await startService({
      env: {
        SMTP_URL: smtp.url,
        EMAIL_POLL_MS: '50',
        EMAIL_STALE_MS: '1500',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
        WORKFLOW_POLL_MS: '50',
        LEASE_TTL_MS: '1500',
      },
    });
    for (const app of apps) {
      const first: Copy = {
        url: service.url[app],
        start: () => service.start(app),
        kill: (signal) => service.kill(app, signal),
      };
      copies[app] = [first, await service.second(app)];
    }
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    await smtp.stop();
    await hooks.stop();
  });

  it('loses no acknowledged command, sends no e-mail twice, delivers webhooks in order, reacts once, and projects as a clean rebuild does', async () => {
    const admin = commands(service);
    const pipeline = await admin.post<Ids>('/pipelines', {
      name: 'Sales',
      stages: [{ name: 'New' }, { name: 'Proposal' }, { name: 'Won over' }],
    });
    const [, proposal] = pipeline.body.stageIds!;
    expect(
      (
        await admin.post('/workflow-rules', {
          name: 'Call after the proposal',
          rule: {
            kind: 'follow-up-on-stage',
            pipelineId: pipeline.body.id,
            stageId: proposal,
            activityKind: 'call',
            title: 'Call about the proposal',
            afterDays: 1,
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.post('/webhooks', { url: hooks.url, eventTypes: ['DealStageMoved'] })).status,
    ).toBe(201);
    const customers: string[] = [];
    for (let i = 0; i < 4; i++)
      customers.push(
        (
          await admin.post<Ids>('/customers', {
            kind: 'company',
            name: `Koopia ${i} OÜ`,
            email: `info${i}@koopia.ee`,
          })
        ).body.id,
      );

    const next = random(20_261_201);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;

    // The chaos: one copy of one app at a time killed with SIGKILL, started again soon after.
    const load = { running: true };
    // read through a function: the load's end flips it while the chaos awaits
    const loading = () => load.running;
    const killed: string[] = [];
    const turns: AppName[] = [];
    const chaos = (async () => {
      while (loading()) {
        await new Promise((r) => setTimeout(r, 400 + next() * 900));
        if (!loading()) break;
        // Every app in turn, in an order of chance, so that each one loses copies.
        if (turns.length === 0) turns.push(...[...apps].sort(() => next() - 0.5));
        const app = turns.shift()!;
        const which = next() < 0.5 ? 0 : 1;
        await copies[app][which].kill('SIGKILL');
        killed.push(`${app}#${which + 1}`);
        await new Promise((r) => setTimeout(r, 200 + next() * 600));
        await copies[app][which].start();
      }
    })();

    // The load: commands to either command API; a copy that dies under a request is retried
    // on the other with the same Idempotency-Key. Only what was answered 2xx is acknowledged.
    type Ack = { id: string; position: number; kind: string };
    const acked: Ack[] = [];
    const send = async (path: string, body: unknown, kind: string) => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 20; attempt++) {
        const base = copies['command-api'][attempt % 2]!.url;
        try {
          const res = await http<Ids>('POST', `${base}${path}`, body, {
            authorization: `Bearer ${service.admin.token}`,
            'idempotency-key': key,
          });
          if (res.status < 300) {
            acked.push({ id: res.body.id, position: res.body.position, kind });
            return res.body;
          }
          if (res.status !== 503 && res.status !== 409) return undefined;
        } catch {
          // the copy died under the request, or is not up again yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    };
    // Bounded in time and count: at least 15 s and until a copy of every app was killed under
    // it, at most 90 s and 1000 operations per client.
    const started = Date.now();
    const everyAppKilled = () => apps.every((app) => killed.some((k) => k.startsWith(`${app}#`)));
    const loadGoesOn = () =>
      Date.now() - started < 90_000 && (Date.now() - started < 15_000 || !everyAppKilled());
    const worker = async () => {
      for (let i = 0; i < 1000 && loadGoesOn(); i++) {
        await new Promise((r) => setTimeout(r, 30 + next() * 60));
        const customerId = pick(customers);
        const roll = next();
        if (roll < 0.4) {
          const deal = await send(
            '/deals',
            {
              customerId,
              pipelineId: pipeline.body.id,
              title: `Deal ${i}`,
              value: { amount: 100 + i, currency: 'EUR' },
            },
            'deal',
          );
          if (deal) await send(`/deals/${deal.id}/stage`, { stageId: proposal }, 'stage');
        } else if (roll < 0.7) {
          await send('/emails', { customerId, subject: `Note ${i}`, text: 'Tere!' }, 'email');
        } else {
          await send(`/customers/${customerId}/tags`, { add: [`t${i % 7}`] }, 'tag');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, () => worker()));
    load.running = false;
    await chaos;
    process.stdout.write(
      `killed: ${killed.join(', ')}; SMTP sessions cut by a kill: ${smtp.dropped.length}\n`,
    );
    for (const app of apps) expect(killed.some((k) => k.startsWith(`${app}#`))).toBe(true);

    // Every acknowledged command is in the log.
    const events = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
    const readLog = async () => {
      const all: StoredEvent[] = [];
      for (let at = 0; ;) {
        const page = await events.readAll(at, { limit: 5000 });
        if (page.length === 0) return all;
        all.push(...page);
        at = page[page.length - 1]!.position;
      }
    };
    const log = await readLog();
    const head = log[log.length - 1]!.position;
    const byPosition = new Map(log.map((e) => [e.position, e]));
    for (const ack of acked) expect(byPosition.get(ack.position)?.streamId).toContain(ack.id);

    // The projector's active copy reaches the head; the other stands by.
    type Status = { checkpoint: number; active: boolean };
    await until(async () => {
      const all = await Promise.all(
        copies.projector.map((c) => http<Status>('GET', `${c.url}/status`)),
      );
      const active = all.filter((s) => s.body.active);
      return active.length === 1 && active[0]!.body.checkpoint >= head ? true : undefined;
    }, 'the projector to catch up');

    // Each reaction once: one follow-up per deal moved to the proposal stage.
    const moved = log.filter((e) => e.type === 'DealStageMoved');
    const reactions = async () =>
      (await readLog()).filter(
        (e) => e.type === 'ActivityScheduled' && e.metadata.actorId.startsWith('workflow:'),
      );
    const followUps = await until(async () => {
      const found = await reactions();
      return new Set(found.map((e) => e.metadata.causationId)).size >= moved.length
        ? found
        : undefined;
    }, 'a follow-up for every move');
    expect(moved.length).toBeGreaterThan(10);
    expect(followUps.map((e) => e.metadata.causationId).sort()).toEqual(
      moved.map((e) => e.eventId).sort(),
    );

    // Webhooks: every move delivered at least once, first deliveries in the log's order.
    await until(
      () =>
        Promise.resolve(
          new Set(hooks.got.map((d) => d.headers['kroonika-event-id'])).size >= moved.length
            ? true
            : undefined,
        ),
      'every webhook',
    );
    const firstSeen = [...new Set(hooks.got.map((d) => d.headers['kroonika-event-id']))];
    expect(firstSeen).toEqual(moved.map((e) => e.eventId));

    // E-mails: each settled, none sent twice.
    const emails = acked.filter((a) => a.kind === 'email').map((a) => a.id);
    expect(emails.length).toBeGreaterThan(10);
    await until(async () => {
      for (const id of emails) {
        const stream = await events.readStream(`email-${id}`);
        if (!stream.some((e) => e.type === 'EmailSent' || e.type === 'EmailFailed'))
          return undefined;
      }
      return true;
    }, 'every e-mail to settle');
    const ids = smtp.received.map((m) => m.mail.messageId);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.length).toBeGreaterThan(emails.length / 2);
    await events.close();

    // The read models equal a clean rebuild from the same log.
    await service.stop();
    const clean = await startService({
      apps: [],
      eventStoreUrl: service.eventStoreUrl,
      // the same keys: personal data reads as it did for the live copies
      keyStoreUrl: service.keyStoreUrl,
      readStoreUrl: `sqlite:${service.dir}/clean-read.db`,
    });
    try {
      await clean.start('projector');
      await until(async () => {
        const s = await http<Status>('GET', `${clean.url.projector}/status`);
        return s.body.checkpoint >= head ? true : undefined;
      }, 'the clean rebuild');
    } finally {
      await clean.stop();
    }
    const live = createReadStore(service.readStoreUrl);
    const rebuilt = createReadStore(clean.readStoreUrl);
    const [a, b] = [await readModelHash(live), await readModelHash(rebuilt)];
    await live.close();
    await rebuilt.close();
    expect(a).toEqual(b);
  });
});
