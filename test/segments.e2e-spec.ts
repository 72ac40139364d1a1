import { SqliteEventStore } from '#event-store';
import { commands, type Ids, queries, type Service, startService } from './support/service';

type Problem = { type: string; errors?: { field: string }[] };

describe('segments over HTTP', () => {
  let service: Service;
  let store: SqliteEventStore;
  beforeAll(async () => {
    service = await startService({ apps: ['command-api'] });
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  it('defines and redefines a segment, keeping every version of its rules', async () => {
    const c = commands(service);
    const defined = await c.post<Ids>('/segments', {
      name: 'Sailing fans in Tallinn',
      description: 'For the regatta invitation',
      rules: {
        cities: ['Tallinn'],
        interestsAny: ['sailing'],
        consent: ['email'],
        notContactedForDays: 30,
      },
    });
    expect(defined.status).toBe(201);
    const redefined = await c.post<Ids>(`/segments/${defined.body.id}/redefine`, {
      name: 'Sailing fans in Tallinn',
      description: 'For the regatta invitation',
      rules: { cities: ['Tallinn', 'Pärnu'], interestsAny: ['sailing'], consent: ['email'] },
    });
    expect(redefined.status).toBe(200);
    const same = await c.post<Ids>(`/segments/${defined.body.id}/redefine`, {
      name: 'Sailing fans in Tallinn',
      description: 'For the regatta invitation',
      rules: { consent: ['email'], interestsAny: ['sailing'], cities: ['Tallinn', 'Pärnu'] },
    });
    expect(same.body.revision).toBe(redefined.body.revision);
    const history = await store.readStream(`segment-${defined.body.id}`);
    expect(history.map((e) => e.type)).toEqual(['SegmentDefined', 'SegmentRedefined']);
    expect(history[1]!.data).toMatchObject({ previousRules: { notContactedForDays: 30 } });
  });

  it('refuses segments without rules or with bad ones, appending nothing', async () => {
    const c = commands(service);
    const before = await store.headPosition();
    const none = await c.post<Problem>('/segments', { name: 'Everyone', rules: {} });
    expect([none.status, none.body.type]).toEqual([409, 'urn:kroonika:problem:rules-required']);
    const bad = await c.post<Problem>('/segments', {
      name: 'X',
      rules: { categories: ['gigantic'], consent: ['fax'], contactedWithinDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual([
      'rules.categories',
      'rules.consent',
      'rules.contactedWithinDays',
    ]);
    // A tag no customer can carry, or a blank city, would match nobody.
    const never = await c.post<Problem>('/segments', {
      name: 'Y',
      rules: { tagsAll: ['vip', ''], tagsAny: ['-x'], cities: [' '], interestsAny: ['golf'] },
    });
    expect(never.status).toBe(400);
    expect(never.body.errors?.map((e) => e.field).sort()).toEqual([
      'rules.cities',
      'rules.tagsAll',
      'rules.tagsAny',
    ]);
    expect(
      (
        await c.post('/segments/00000000-0000-4000-8000-000000000000/redefine', {
          name: 'X',
          rules: { cities: ['Tartu'] },
        })
      ).status,
    ).toBe(404);
    expect(await store.headPosition()).toBe(before);
  });
});

describe('retiring a segment over HTTP', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService();
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('keeps it readable and marked, refuses redefining it and campaigns for it, and lists by status', async () => {
    const c = commands(service);
    const q = queries(service);
    const kept = await c.post<Ids>('/segments', { name: 'Top', rules: { categories: ['top'] } });
    const old = await c.post<Ids>('/segments', {
      name: 'Regatta 2025',
      rules: { interestsAny: ['sailing'] },
    });
    const retired = await c.post<Ids>(
      `/segments/${old.body.id}/retire`,
      { reason: 'the regatta is over' },
      { 'if-match': String(old.body.revision) },
    );
    expect([retired.status, retired.body.revision]).toEqual([200, 1]);
    const again = await c.post<Ids>(`/segments/${old.body.id}/retire`, {});
    expect([again.status, again.body.revision]).toEqual([200, 1]);

    type Segment = { segmentId: string; name: string; retiredAt: string | null };
    const one = await q.get<Segment>(`/segments/${old.body.id}`, retired.body.position);
    expect(one.body.name).toBe('Regatta 2025');
    expect(Date.parse(one.body.retiredAt ?? '')).not.toBeNaN();
    const names = async (status?: string) =>
      (
        await q.get<{ items: Segment[] }>(`/segments${status ? `?status=${status}` : ''}`)
      ).body.items.map((s) => s.name);
    expect(await names('active')).toEqual(['Top']);
    expect(await names('retired')).toEqual(['Regatta 2025']);
    expect(await names()).toEqual(['Regatta 2025', 'Top']);
    expect((await q.get(`/segments?status=gone`)).status).toBe(400);
    // Its members and report stay readable.
    expect((await q.get(`/segments/${old.body.id}/members`)).status).toBe(200);

    const redefine = await c.post<Problem>(`/segments/${old.body.id}/redefine`, {
      name: 'Regatta 2026',
      rules: { interestsAny: ['sailing'] },
    });
    expect([redefine.status, redefine.body.type]).toEqual([
      409,
      'urn:kroonika:problem:segment-retired',
    ]);
    const campaign = await c.post<Problem>('/campaigns', {
      name: 'Invitation',
      segmentId: old.body.id,
      subject: 'Hello',
      text: 'Hello {{name}}',
    });
    expect([campaign.status, campaign.body.type]).toEqual([
      409,
      'urn:kroonika:problem:segment-retired',
    ]);
    const unknown = await c.post<Problem>(
      '/segments/00000000-0000-4000-8000-000000000003/retire',
      {},
    );
    expect(unknown.status).toBe(404);
    expect(kept.status).toBe(201);
  });
});
