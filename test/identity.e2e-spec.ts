import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { signToken } from '../libs/platform/src/auth/jwt';
import { type IdentityProvider, startIdentityProvider } from '../libs/platform/src/auth/testing';
import {
  type Actor,
  commands,
  http,
  type Ids,
  queries,
  type Service,
  startService,
} from './support/service';
import { day } from './support/days';
import { bodyOf, raw, statusOf } from './support/raw-http';

type Problem = { type: string; status: number; detail?: string };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
describe('identity, roles and staff continuity', () => {
  let service: Service;
  let store: SqliteEventStore;
  const used: string[] = [];
  const head = () => store.headPosition();
  const withToken = (token: string): Actor => {
    used.push(token);
    return { id: '', name: '', token };
  };

  beforeAll(async () => {
    service = await startService();
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const valid = () => service.token(service.admin.id, ['admin', 'manager', 'sales']);
    const cases: [string, () => string | Promise<string>, RegExp][] = [
      [
        'a changed payload',
        async () => {
          const [h, , s] = (await valid()).split('.');
          return `${h}.${b64({ sub: service.admin.id, roles: ['admin'], exp: now() + 999 })}.${s}`;
        },
        /signature/,
      ],
      [
        'a wrong key',
        () =>
          signToken(
            { sub: service.admin.id, roles: ['sales'], exp: now() + 600 },
            Buffer.from('a secret that is not the service secret'),
          ),
        /signature/,
      ],
      [
        'an expired token',
        () => service.token(service.admin.id, ['sales'], { exp: now() - 120 }),
        /expired/,
      ],
      [
        'a token not valid yet',
        () => service.token(service.admin.id, ['sales'], { nbf: now() + 600 }),
        /not valid yet/,
      ],
      [
        'alg none',
        () =>
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: service.admin.id, roles: ['sales'], exp: now() + 600 })}.`,
        /signed JWT/,
      ],
      ['a missing sub', () => service.token(undefined as unknown as string, ['sales']), /sub/],
      ['a malformed token', () => 'not-a-token', /signed JWT/],
    ];

    it.each(cases)(
      'refuses %s with 401 on both APIs and appends nothing',
      async (_name, make, reason) => {
        const token = withToken(await make());
        const before = await head();
        const command = await commands(service, token).post('/leads', {
          personName: 'X',
          source: 'web',
        });
        const query = await queries(service, token).get('/leads');
        for (const reply of [command, query]) {
          expect(reply.status).toBe(401);
          expect(reply.headers.get('content-type')).toContain('application/problem+json');
          expect(reply.headers.get('www-authenticate')).toContain('invalid_token');
          expect((reply.body as Problem).detail).toMatch(reason);
        }
        expect(await head()).toBe(before);
      },
    );

    it('refuses a request without a token or with another scheme', async () => {
      const before = await head();
      const none = await http('POST', `${service.url['command-api']}/leads`, {
        personName: 'X',
        source: 'web',
      });
      expect(none.status).toBe(401);
      expect((none.body as Problem).type).toBe('urn:kroonika:problem:token-required');
      const basic = await http('GET', `${service.url['query-api']}/leads`, undefined, {
        authorization: 'Basic YWRtaW46YWRtaW4=',
      });
      expect(basic.status).toBe(401);
      expect(await head()).toBe(before);
    });

    it('refuses a request with two Authorization headers, whichever is valid', async () => {
      const before = await head();
      const stranger = await service.token(randomUUID(), ['admin']);
      // fetch joins repeated headers; a raw request sends them as they are.
      const twice = async (url: string, body?: string) => {
        const { host, pathname } = new URL(url);
        const answer = await raw(
          url,
          `${body ? 'POST' : 'GET'} ${pathname} HTTP/1.1\r\nHost: ${host}\r\n` +
            `Authorization: Bearer ${service.admin.token}\r\nAuthorization: Bearer ${stranger}\r\n` +
            (body
              ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
              : '') +
            `Connection: close\r\n\r\n${body ?? ''}`,
        );
        return { status: statusOf(answer), body: bodyOf(answer) as Problem };
      };
      for (const reply of [
        await twice(
          `${service.url['command-api']}/leads`,
          JSON.stringify({ personName: 'X', source: 'web' }),
        ),
        await twice(`${service.url['query-api']}/leads`),
      ])
        expect([reply.status, reply.body.type, reply.body.detail]).toEqual([
          401,
          'urn:kroonika:problem:invalid-token',
          'Invalid token: send one Authorization header, not several',
        ]);
      expect(await head()).toBe(before);
    });

    it('refuses a valid token of someone who is not on the staff (403)', async () => {
      const stranger = withToken(await service.token(randomUUID(), ['admin']));
      const reply = await commands(service, stranger).post('/pipelines', {
        name: 'P',
        stages: [{ name: 'A' }],
      });
      expect(reply.status).toBe(403);
      expect((reply.body as Problem).type).toBe('urn:kroonika:problem:unknown-staff');
    });

    it('grants only the roles both the token and the staff member have', async () => {
      const seller = await service.staff('Sale Sander', ['sales']);
      const boasting = withToken(await service.token(seller.id, ['sales', 'admin', 'manager']));
      const before = await head();
      expect(
        (
          await commands(service, boasting).post('/pipelines', {
            name: 'P',
            stages: [{ name: 'A' }],
          })
        ).status,
      ).toBe(403);
      expect(await head()).toBe(before);
      const narrow = withToken(await service.token(seller.id, ['analyst']));
      expect(
        (await commands(service, narrow).post('/leads', { personName: 'X', source: 'web' })).status,
      ).toBe(403);
      expect(
        (await commands(service, boasting).post('/leads', { personName: 'X', source: 'web' }))
          .status,
      ).toBe(201);
    });

    it('applies a role change from the next request on', async () => {
      const member = await service.staff('Role Riina', ['sales']);
      const token = withToken(await service.token(member.id, ['sales', 'analyst']));
      expect(
        (await commands(service, token).post('/leads', { personName: 'X', source: 'web' })).status,
      ).toBe(201);
      const changed = await commands(service).post(`/staff/${member.id}/roles`, {
        roles: ['analyst'],
      });
      expect(changed.status).toBe(200);
      expect(
        (await commands(service, token).post('/leads', { personName: 'X', source: 'web' })).status,
      ).toBe(403);
      expect((await queries(service, token).get('/leads')).status).toBe(200);
    });

    it('lets only an admin grant the admin role', async () => {
      const manager = await service.staff('Mana Mari', ['manager']);
      const before = await head();
      const grant = await commands(service, manager).post('/staff', {
        name: 'Would-be admin',
        email: 'x@example.com',
        roles: ['admin'],
      });
      expect(grant.status).toBe(403);
      expect(await head()).toBe(before);
    });

    it('lets only an admin grant the auditor role, a manager not even to themselves', async () => {
      const manager = await service.staff('Mana Merike', ['manager']);
      const before = await head();
      const self = await commands(service, manager).post(`/staff/${manager.id}/roles`, {
        roles: ['manager', 'auditor'],
      });
      const other = await commands(service, manager).post('/staff', {
        name: 'Would-be auditor',
        email: 'y@example.com',
        roles: ['auditor'],
      });
      expect([self.status, other.status]).toEqual([403, 403]);
      expect(await head()).toBe(before);
      const byAdmin = await commands(service).post(`/staff/${manager.id}/roles`, {
        roles: ['manager', 'auditor'],
      });
      expect(byAdmin.status).toBe(200);
    });
  });

  describe('the token command', () => {
    const token = (...args: string[]) =>
      spawnSync(process.execPath, [join(__dirname, '../scripts/token.mjs'), ...args], {
        cwd: service.dir,
        encoding: 'utf8',
      });

    it('mints a token for the initial admin from the local secret', async () => {
      const minted = token();
      expect(minted.status).toBe(0);
      const admin = withToken(minted.stdout.trim());
      expect(
        (await commands(service, admin).post('/pipelines', { name: 'T', stages: [{ name: 'A' }] }))
          .status,
      ).toBe(201);
    });

    it('mints a token for a member with the roles asked for', async () => {
      const member = await service.staff('Token Toomas', ['sales', 'analyst']);
      const minted = token('--sub', member.id, '--roles', 'analyst', '--ttl', '15m');
      expect(minted.status).toBe(0);
      const analyst = withToken(minted.stdout.trim());
      expect((await queries(service, analyst).get('/leads')).status).toBe(200);
      expect(
        (await commands(service, analyst).post('/leads', { personName: 'X', source: 'web' }))
          .status,
      ).toBe(403);
      expect(token('--ttl', 'soon').status).toBe(1);
    });
  });

  describe('hand-over', () => {
    it('moves the open items of a leaving member to the successor, once', async () => {
      const leaver = await service.staff('Liis Lahkuja', ['sales']);
      const successor = await service.staff('Sten Jääja', ['sales']);
      const manager = await service.staff('Mart Juht', ['manager']);
      const asLeaver = commands(service, leaver);
      const pipeline = await commands(service).post<Ids>('/pipelines', {
        name: 'Hand-over',
        stages: [{ name: 'A' }, { name: 'B' }],
      });
      const openLead = await asLeaver.post<Ids>('/leads', {
        personName: 'Uus Huviline',
        source: 'fair',
      });
      const deadLead = await asLeaver.post<Ids>('/leads', {
        personName: 'Vana Huviline',
        source: 'fair',
      });
      expect(
        (await asLeaver.post(`/leads/${deadLead.body.id}/disqualify`, { reason: 'no budget' }))
          .status,
      ).toBe(200);
      const customers: string[] = [];
      for (let i = 0; i < 3; i++)
        customers.push(
          (await asLeaver.post<Ids>('/customers', { kind: 'company', name: `Firma ${i}` })).body.id,
        );
      const deals: string[] = [];
      for (let i = 0; i < 5; i++) {
        const deal = await asLeaver.post<Ids>('/deals', {
          customerId: customers[i % 3],
          pipelineId: pipeline.body.id,
          title: `Deal ${i}`,
          value: { amount: 1000 * (i + 1), currency: 'EUR' },
        });
        expect(deal.status).toBe(201);
        deals.push(deal.body.id);
      }
      // Follow-ups are planned while the deals are open; two of the deals close afterwards.
      for (let i = 0; i < 11; i++) {
        const activity = await asLeaver.post<Ids>('/activities', {
          customerId: customers[i % 3],
          kind: i % 2 ? 'call' : 'task',
          title: `Follow-up ${i}`,
          dueOn: day(i),
          ...(i < 5 ? { dealId: deals[i] } : {}),
        });
        expect(activity.status).toBe(201);
        // the eleventh is done already and stays with the one who did it
        if (i === 10)
          expect(
            (
              await asLeaver.post(`/activities/${activity.body.id}/complete`, {
                outcome: 'ok',
                minutesSpent: 5,
              })
            ).status,
          ).toBe(200);
      }
      expect((await asLeaver.post(`/deals/${deals[0]}/win`)).status).toBe(200);
      expect((await asLeaver.post(`/deals/${deals[1]}/lose`, { reason: 'price' })).status).toBe(
        200,
      );
      for (let i = 0; i < 3; i++) {
        const ticket = await asLeaver.post<Ids>('/tickets', {
          customerId: customers[i],
          channel: 'email',
          subject: `Question ${i}`,
          priority: 'normal',
        });
        expect(ticket.status).toBe(201);
        if (i === 2)
          expect(
            (await asLeaver.post(`/tickets/${ticket.body.id}/resolve`, { resolution: 'answered' }))
              .status,
          ).toBe(200);
      }
      const lastWrite = await head();
      const before = await queries(service).get<{ counts: Record<string, number> }>(
        `/staff/${leaver.id}/portfolio`,
        lastWrite,
      );
      expect(before.body.counts).toMatchObject({
        leads: 1,
        customers: 3,
        deals: 3,
        activities: 10,
        tickets: 2,
      });

      const handOver = await commands(service, manager).post<
        Ids & { reassigned: Record<string, number>; correlationId: string }
      >(`/staff/${leaver.id}/deactivate`, {
        successorId: successor.id,
        reason: 'left the company',
      });
      expect(handOver.status).toBe(200);
      expect(handOver.body.reassigned).toEqual({
        lead: 1,
        customer: 3,
        deal: 3,
        activity: 10,
        ticket: 2,
      });

      // the old token is refused on both APIs from the moment the answer came
      for (const reply of [
        await commands(service, leaver).post('/leads', { personName: 'X', source: 'web' }),
        await queries(service, leaver).get('/leads'),
      ]) {
        expect(reply.status).toBe(403);
        expect((reply.body as Problem).type).toBe('urn:kroonika:problem:staff-deactivated');
      }

      const moves = (await store.readAll(lastWrite, { limit: 1000 })).filter((e) =>
        e.type.endsWith('Reassigned'),
      );
      expect(moves).toHaveLength(19);
      expect(moves.map((e) => e.streamId)).toContain(`lead-${openLead.body.id}`);
      expect(moves.map((e) => e.streamId)).not.toContain(`lead-${deadLead.body.id}`);
      expect(new Set(moves.map((e) => e.metadata.correlationId))).toEqual(
        new Set([handOver.body.correlationId]),
      );
      expect(new Set(moves.map((e) => e.metadata.actorId))).toEqual(new Set([manager.id]));
      expect(moves.map((e) => e.streamId)).not.toContain(`deal-${deals[0]}`);
      expect(moves.map((e) => e.streamId)).not.toContain(`deal-${deals[1]}`);

      const position = handOver.body.position;
      const after = await queries(service).get<{ counts: Record<string, number> }>(
        `/staff/${successor.id}/portfolio`,
        position,
      );
      expect(after.body.counts).toMatchObject({
        leads: 1,
        customers: 3,
        deals: 3,
        activities: 10,
        tickets: 2,
      });
      const left = await queries(service).get<{ counts: Record<string, number>; status: string }>(
        `/staff/${leaver.id}/portfolio`,
      );
      expect(left.body).toMatchObject({
        status: 'deactivated',
        counts: { leads: 0, customers: 0, deals: 0, activities: 0, tickets: 0 },
      });

      for (const customerId of customers) {
        const timeline = await queries(service).get<{
          items: { type: string; summary: string; actorName: string; at: string }[];
        }>(`/customers/${customerId}/timeline?type=CustomerReassigned`);
        expect(timeline.body.items).toEqual([
          expect.objectContaining({
            summary: 'Customer reassigned from Liis Lahkuja to Sten Jääja (hand-over)',
            actorName: 'Mart Juht',
            at: expect.stringMatching(new RegExp(`^${day()}`)) as string,
          }),
        ]);
      }
      const won = await queries(service).get<{ deals: { won: number } }>(
        `/customers/${customers[0]}`,
      );
      expect(won.body.deals.won).toBe(1);

      const headAfter = await head();
      const retried = await commands(service, manager).post<{ reassigned: Record<string, number> }>(
        `/staff/${leaver.id}/deactivate`,
        { successorId: successor.id },
      );
      expect(retried.status).toBe(200);
      expect(retried.body.reassigned).toEqual({
        lead: 0,
        customer: 0,
        deal: 0,
        activity: 0,
        ticket: 0,
      });
      expect(await head()).toBe(headAfter);

      const otherSuccessor = await commands(service, manager).post(
        `/staff/${leaver.id}/deactivate`,
        {
          successorId: manager.id,
        },
      );
      expect(otherSuccessor.status).toBe(409);
    }, 60000);

    it('refuses a successor who left and owners who are not staff', async () => {
      const gone = await service.staff('Gone Gert', ['sales']);
      const member = await service.staff('Mari Jääb', ['sales']);
      expect(
        (
          await commands(service).post(`/staff/${gone.id}/deactivate`, {
            successorId: service.admin.id,
          })
        ).status,
      ).toBe(200);
      const before = await head();
      const toGone = await commands(service).post(`/staff/${member.id}/deactivate`, {
        successorId: gone.id,
      });
      expect(toGone.status).toBe(409);
      const unknown = await commands(service).post('/customers', {
        kind: 'person',
        name: 'A',
        ownerId: randomUUID(),
      });
      expect(unknown.status).toBe(404);
      const inactiveOwner = await commands(service).post('/customers', {
        kind: 'person',
        name: 'A',
        ownerId: gone.id,
      });
      expect(inactiveOwner.status).toBe(409);
      expect(await head()).toBe(before);
    });
  });

  describe('hardening', () => {
    it('rejects operator-shaped values in ids, filters and bodies with 400', async () => {
      const before = await head();
      const q = queries(service);
      for (const path of [
        '/leads?ownerId[$gt]=',
        '/leads?ownerId=%7B%22%24gt%22%3A%22%22%7D',
        '/invoices?customerId[$ne]=x',
        `/customers/%7B%22%24gt%22%3A%22%22%7D`,
        `/customers/${randomUUID()}/timeline?actorId[$gt]=`,
        '/staff?status[$ne]=active',
        '/staff/%24where/portfolio',
      ])
        expect([path, (await q.get(path)).status]).toEqual([path, 400]);
      const c = commands(service);
      for (const [path, body] of [
        [
          '/deals',
          {
            customerId: { $gt: '' },
            pipelineId: randomUUID(),
            title: 'x',
            value: { amount: 1, currency: 'EUR' },
          },
        ],
        ['/customers', { kind: 'person', name: { $ne: null } }],
        ['/customers', { kind: 'person', name: 'A', ownerId: { $gt: '' } }],
        ['/activities', { customerId: randomUUID(), kind: 'call', title: 'x', dueOn: { $gt: '' } }],
        ['/staff', { name: 'A', email: 'a@b.cd', roles: [{ $in: ['admin'] }] }],
        [
          '/tickets',
          {
            customerId: randomUUID(),
            channel: 'email',
            subject: 'x',
            priority: 'normal',
            $where: '1',
          },
        ],
      ] as const)
        expect([path, (await c.post(path, body)).status]).toEqual([path, 400]);
      expect((await c.post(`/deals/${encodeURIComponent('{"$gt":""}')}/win`)).status).toBe(400);
      expect(await head()).toBe(before);
    });

    it('sends security headers, keeps CORS off and never leaks stacks or tokens', async () => {
      const reply = await fetch(`${service.url['query-api']}/leads`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${service.url['command-api']}/leads`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const broken = await http('POST', `${service.url['command-api']}/leads`, '{"personName":', {
        authorization: `Bearer ${service.admin.token}`,
      });
      expect(broken.status).toBe(400);
      expect(JSON.stringify(broken.body)).not.toMatch(/\n\s+at /);
      const output = service.output();
      for (const token of [...used, service.admin.token]) expect(output).not.toContain(token);
      expect(output).not.toContain((await service.token(service.admin.id, [])).split('.')[2]);
    });
  });
});

describe('rate limits and CORS when configured', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({
      apps: ['command-api', 'query-api'],
      env: {
        RATE_LIMIT_PER_SECOND: '1',
        RATE_LIMIT_BURST: '3',
        CORS_ORIGINS: 'https://crm.example',
      },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('answers 429 with Retry-After once a token exceeds its rate, other tokens unaffected', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${service.url['query-api']}/staff`, {
        headers: { authorization: `Bearer ${service.admin.token}` },
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses).toContain(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get('content-type')).toContain('application/problem+json');
    const other = await service.staff('Other Otto', ['analyst']);
    expect((await queries(service, other).get('/staff')).status).toBe(200);
  });

  it('limits requests with bad tokens by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await fetch(`${service.url['command-api']}/leads`, {
            method: 'POST',
            headers: {
              authorization: 'Bearer guess.guess.guess',
              'content-type': 'application/json',
            },
            body: '{}',
          })
        ).status,
      );
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
  });

  it('allows the configured origin only', async () => {
    const allowed = await fetch(`${service.url['command-api']}/leads`, {
      method: 'OPTIONS',
      headers: { origin: 'https://crm.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://crm.example');
    const other = await fetch(`${service.url['command-api']}/leads`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('at least one active admin, whatever happens at the same time', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('refuses the demotion or deactivation that would leave no admin, also when two race', async () => {
    let first = service.admin;
    for (let round = 0; round < 6; round++) {
      // exactly two admins, each taking the role from the other at the same moment
      const second = await service.staff(`Admin ${'abcdef'[round]!}`, ['admin']);
      const demote = (actor: typeof first, target: string) =>
        round % 2 === 0
          ? commands(service, actor).post(`/staff/${target}/roles`, { roles: ['sales'] })
          : commands(service, actor).post(`/staff/${target}/deactivate`, {
              successorId: actor.id,
            });
      const [a, b] = await Promise.all([demote(first, second.id), demote(second, first.id)]);
      // one succeeds; the other is refused: by the roster when both were in flight at once
      // (409), or by the guard when the first had already taken its admin role (403)
      const statuses = [a.status, b.status].sort();
      expect([
        [200, 403],
        [200, 409],
      ]).toContainEqual(statuses);
      const refused = (a.status === 200 ? b : a).body as Problem;
      expect(refused.type).toMatch(/last-admin|admin-role-required|forbidden|staff-deactivated/);
      first = a.status === 200 ? first : second;
    }
    const staff = await queries(service, first).get<{
      items: { roles: string[]; status: string }[];
    }>(
      '/staff?limit=200',
      await new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length)).headPosition(),
    );
    const admins = staff.body.items.filter(
      (m) => m.status === 'active' && m.roles.includes('admin'),
    );
    expect(admins).toHaveLength(1);
  });
});

describe('an identity provider that publishes and rotates its keys (OpenID Connect)', () => {
  let provider: IdentityProvider;
  let service: Service;
  const adminId = randomUUID();
  const keycloak = (roles: string[], claims: Record<string, unknown> = {}) =>
    provider.token({ sub: randomUUID(), staff_id: adminId, realm_access: { roles }, ...claims });
  const as = (token: string) => ({ id: adminId, name: 'Administrator', token });

  beforeAll(async () => {
    provider = await startIdentityProvider();
    service = await startService({
      env: {
        AUTH_OIDC_ISSUER: provider.issuer,
        AUTH_SUBJECT_CLAIM: 'staff_id',
        AUTH_ROLES_CLAIM: 'realm_access.roles',
        AUTH_JWKS_COOLDOWN_MS: '0',
        AUTH_JWKS_CACHE_MS: '1000',
        BOOTSTRAP_ADMIN_ID: adminId,
        BOOTSTRAP_ADMIN_ROLES: 'admin,manager,sales',
        WEBHOOK_SIGNING_KEY: 'a key for the webhooks of this test, 32+ bytes',
      },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
    await provider.stop();
  });

  it("accepts the provider's tokens on both APIs, and keeps doing so across a key rotation", async () => {
    const first = as(await keycloak(['sales', 'manager']));
    const created = await commands(service, first).post('/leads', {
      personName: 'Oidc',
      source: 'web',
    });
    expect(created.status).toBe(201);
    expect((await queries(service, first).get('/leads')).status).toBe(200);

    await provider.rotate();
    const second = as(await keycloak(['sales']));
    expect(
      (await commands(service, second).post('/leads', { personName: 'Rotated', source: 'web' }))
        .status,
    ).toBe(201);
    expect((await queries(service, second).get('/leads')).status).toBe(200);
    // the retired key left the key set: what it signs now is refused, on both APIs
    await new Promise((r) => setTimeout(r, 1100));
    const stale = as(
      await provider.token({ staff_id: adminId, realm_access: { roles: ['sales'] } }, 'retired'),
    );
    for (const reply of [
      await commands(service, stale).post('/leads', { personName: 'Stale', source: 'web' }),
      await queries(service, stale).get('/leads'),
    ]) {
      expect(reply.status).toBe(401);
      expect((reply.body as Problem).detail).toMatch(/no key/);
    }
  });

  it('refuses a token that lives too long, one of another issuer, and local HS256 tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = as(await keycloak(['sales'], { iat: now - 13 * 3600, exp: 95_617_584_000 }));
    const foreign = as(await keycloak(['sales'], { iss: 'https://evil.example' }));
    const local = as(
      await signToken(
        { sub: adminId, roles: ['sales'], exp: now + 600 },
        new TextEncoder().encode('a secret the service does not know at all'),
      ),
    );
    for (const [actor, reason] of [
      [old, /lifetime/],
      [foreign, /issuer/],
      [local, /HS256/],
    ] as const) {
      const reply = await queries(service, actor).get('/leads');
      expect([reply.status, (reply.body as Problem).detail]).toEqual([
        401,
        expect.stringMatching(reason),
      ]);
    }
  });
});
