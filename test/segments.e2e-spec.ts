import { SqliteEventStore } from '#event-store';
import { commands, type Ids, type Service, startService } from './support/service';

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
