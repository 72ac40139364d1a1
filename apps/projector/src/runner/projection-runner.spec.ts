import { MemoryEventStore } from '#event-store';
import { collections } from '#read-models';
import { LeaseKeeper, SqliteReadStore } from '#read-store';
import { NotProjectingError } from './projection-runner';
import { leadsProjection } from '../leads/leads.projection';
import { type Projection, SETTINGS_COLLECTION, upsert } from '../projection';
import { ProjectionRunner } from './projection-runner';

const lead = (i: number) => ({
  eventId: `e${i}`,
  type: 'LeadCreated',
  data: { leadId: `l${i}`, personName: `P${i}`, source: 'web', ownerId: 's', createdAt: 'x' },
  metadata: {
    eventId: `e${i}`,
    schemaVersion: 2,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actorId: 's',
    commandId: `c${i}`,
    correlationId: 'c',
    causationId: 'c',
  },
});

describe('ProjectionRunner', () => {
  it('catches up, stores the checkpoint with the batch, and resumes after a failed batch', async () => {
    const events = new MemoryEventStore();
    for (let i = 0; i < 30; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    const reads = new SqliteReadStore(':memory:');
    const apply = reads.apply.bind(reads);
    let failures = 1;
    jest.spyOn(reads, 'apply').mockImplementation((ops, checkpoints) => {
      if (failures-- > 0) return Promise.reject(new Error('disk full'));
      return apply(ops, checkpoints);
    });
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(events, reads, [leadsProjection], {
      batchSize: 10,
      onError: (e) => errors.push(e),
    });
    await runner.start();
    await runner.caughtUp(30, 10_000);
    expect(errors).toHaveLength(1);
    const status = await runner.status();
    expect(status).toMatchObject({
      checkpoint: 30,
      headPosition: 30,
      lagEvents: 0,
      lastError: 'disk full',
    });
    expect(await reads.count(collections.leads, {})).toBe(30);
    expect(await reads.checkpoints()).toEqual([{ name: leadsProjection.name, position: 30 }]);

    await events.append('lead-l30', [lead(30)], 'no_stream');
    await runner.caughtUp(31, 10_000);
    expect(await reads.get(collections.leads, 'l30')).toMatchObject({
      personName: 'P30',
      status: 'new',
    });
    await runner.stop();
    await reads.close();
  });

  it('drops the collections of earlier versions of its projections once it has caught up', async () => {
    const events = new MemoryEventStore();
    for (let i = 0; i < 5; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    const reads = new SqliteReadStore(':memory:');
    const write = (collection: string) =>
      reads.apply(
        [{ kind: 'upsert', collection, id: 'x', position: 1, update: { $set: { n: 1 } } }],
        [],
      );
    const [base, version] = collections.leads.split(/_v(?=\d+$)/);
    const earlier = `${base}_v${Number(version) - 1}`;
    const later = `${base}_v${Number(version) + 1}`;
    for (const c of [earlier, `${earlier}__rebuild`, later, 'unversioned']) await write(c);
    const runner = new ProjectionRunner(events, reads, [leadsProjection], {
      current: [collections.leads],
    });
    await runner.start();
    await runner.caughtUp(5, 10_000);
    await runner.stop();
    expect((await reads.collectionNames()).sort()).toEqual(
      [collections.leads, later, 'unversioned'].sort(),
    );
    await reads.close();
  });

  it('rebuilds a projection beside the live one and switches when the copy has caught up', async () => {
    const events = new MemoryEventStore();
    for (let i = 0; i < 50; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    const reads = new SqliteReadStore(':memory:');
    const runner = new ProjectionRunner(events, reads, [leadsProjection], { batchSize: 7 });
    await runner.start();
    await runner.caughtUp(50, 10_000);
    // a read model gone wrong: a forged document and a lost one
    await reads.apply(
      [
        {
          kind: 'upsert',
          collection: collections.leads,
          id: 'l3',
          position: 999,
          update: { $set: { personName: 'Forged' } },
        },
        { kind: 'delete', collection: collections.leads, id: 'l4' },
      ],
      [],
    );
    expect(await runner.rebuild([leadsProjection.name])).toEqual([leadsProjection.name]);
    // the live projection keeps going while the copy is built
    for (let i = 50; i < 60; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    for (let tries = 0; (await runner.status()).rebuilding.length > 0; tries++) {
      if (tries > 500) throw new Error('the rebuild did not switch');
      await new Promise((r) => setTimeout(r, 10));
    }
    await runner.caughtUp(60, 10_000);
    expect(await reads.count(collections.leads, {})).toBe(60);
    expect(await reads.get(collections.leads, 'l3')).toMatchObject({ personName: 'P3' });
    expect(await reads.get(collections.leads, 'l4')).toMatchObject({ personName: 'P4' });
    expect(await reads.count(`${collections.leads}__rebuild`, {})).toBe(0);
    expect(await reads.checkpoints()).toEqual([{ name: leadsProjection.name, position: 60 }]);
    await expect(runner.rebuild(['nonsense'])).rejects.toThrow('Unknown projection');
    await runner.stop();
    await reads.close();
  });

  describe("a projection filed by the business's time zone", () => {
    /** Each event's day in the zone: what activities, reports and portfolios file by. */
    const days = (timeZone: string): Projection => ({
      name: 'days_v1',
      indexes: [],
      settings: { timeZone },
      project: (e) =>
        upsert(e, 'days_v1', e.eventId, {
          $set: {
            day: new Intl.DateTimeFormat('en-CA', { timeZone }).format(
              new Date(e.metadata.occurredAt),
            ),
          },
        }),
    });
    const until = async (what: string, done: () => Promise<boolean>) => {
      for (let tries = 0; !(await done()); tries++) {
        if (tries > 500) throw new Error(`${what} did not happen`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    it('given documents filed in one zone, when the projector starts in another, then it rebuilds them beside the live ones and records the new zone', async () => {
      const events = new MemoryEventStore();
      for (let i = 0; i < 20; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      const reads = new SqliteReadStore(':memory:');
      const first = new ProjectionRunner(events, reads, [days('UTC'), leadsProjection], {
        batchSize: 7,
      });
      await first.start();
      await first.caughtUp(20, 10_000);
      await first.stop();
      expect(await reads.get('days_v1', 'e0')).toMatchObject({ day: '2026-01-01' });
      // only a projection filed by settings records them
      expect((await reads.find(SETTINGS_COLLECTION, {})).items).toEqual([
        { _id: 'days_v1', timeZone: 'UTC' },
      ]);

      const changed: unknown[] = [];
      const second = new ProjectionRunner(
        events,
        reads,
        [days('America/New_York'), leadsProjection],
        { batchSize: 7, onSettingsChanged: (...args) => changed.push(args) },
      );
      await second.start();
      await until(
        'the switch',
        async () =>
          (await reads.get(SETTINGS_COLLECTION, 'days_v1'))?.['timeZone'] === 'America/New_York',
      );
      expect(changed).toEqual([['days_v1', { timeZone: 'UTC' }, { timeZone: 'America/New_York' }]]);
      expect((await second.status()).rebuilding).toEqual([]);
      // midnight in London is the evening before in New York: every document refiled
      const filed = (await reads.find('days_v1', {})).items;
      expect(filed).toHaveLength(20);
      expect(new Set(filed.map((d) => d['day']))).toEqual(new Set(['2025-12-31']));
      expect(await reads.count('days_v1__rebuild', {})).toBe(0);
      await events.append('lead-l20', [lead(20)], 'no_stream');
      await second.caughtUp(21, 10_000);
      expect(await reads.get('days_v1', 'e20')).toMatchObject({ day: '2025-12-31' });
      await second.stop();

      // started again in the same zone: nothing to rebuild
      const third = new ProjectionRunner(
        events,
        reads,
        [days('America/New_York'), leadsProjection],
        { onSettingsChanged: (...args) => changed.push(args) },
      );
      await third.start();
      await third.caughtUp(21, 10_000);
      expect((await third.status()).rebuilding).toEqual([]);
      expect(changed).toHaveLength(1);
      await third.stop();
      await reads.close();
    });

    it("given documents from before settings were recorded, or none yet, then today's are recorded and nothing is rebuilt", async () => {
      const events = new MemoryEventStore();
      for (let i = 0; i < 5; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      const reads = new SqliteReadStore(':memory:');
      // documents filed and checkpointed with no settings recorded beside them
      await reads.apply(
        [
          {
            kind: 'upsert',
            collection: 'days_v1',
            id: 'e0',
            position: 1,
            update: { $set: { day: 'kept' } },
          },
        ],
        [{ name: 'days_v1', position: 5 }],
      );
      const changed: unknown[] = [];
      const runner = new ProjectionRunner(
        events,
        reads,
        [days('Europe/Tallinn'), { ...days('Asia/Tokyo'), name: 'later_v1' }],
        { onSettingsChanged: (...args) => changed.push(args) },
      );
      await runner.start();
      await runner.caughtUp(5, 10_000);
      expect(changed).toEqual([]);
      expect(await reads.get('days_v1', 'e0')).toMatchObject({ day: 'kept' });
      expect((await reads.find(SETTINGS_COLLECTION, {})).items).toEqual([
        { _id: 'days_v1', timeZone: 'Europe/Tallinn' },
        { _id: 'later_v1', timeZone: 'Asia/Tokyo' },
      ]);
      await runner.stop();
      await reads.close();
    });
  });

  it('projects in one of two copies at a time; the other takes over from the checkpoints when it stops', async () => {
    const events = new MemoryEventStore();
    for (let i = 0; i < 20; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    const reads = new SqliteReadStore(':memory:');
    const copy = (holder: string) =>
      new ProjectionRunner(events, reads, [leadsProjection], {
        batchSize: 5,
        waitMs: 1,
        lease: new LeaseKeeper(reads, 'projector', { ttlMs: 600, holder }),
      });
    const first = copy('first');
    const second = copy('second');
    await first.start();
    await second.start();
    await first.caughtUp(20, 10_000);
    expect((await first.status()).active).toBe(true);
    expect((await second.status()).active).toBe(false);
    expect((await second.status()).checkpoint).toBe(0);
    // The copy standing by refuses a rebuild: the one that projects does it.
    await expect(second.rebuild([])).rejects.toBeInstanceOf(NotProjectingError);

    // The first stops (its lease given up); the second takes over where the first left off.
    await first.stop();
    for (let i = 20; i < 30; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
    await second.caughtUp(30, 10_000);
    expect(await second.status()).toMatchObject({ active: true, eventsProcessed: 10 });
    expect(await reads.count(collections.leads, {})).toBe(30);
    expect(await reads.checkpoints()).toEqual([{ name: leadsProjection.name, position: 30 }]);
    await second.stop();
    await reads.close();
  });

  describe('indexes of a projection starting from the beginning of a long log', () => {
    /** Leads by owner; an event named `Reassign` moves every lead of `s` to `t` (a filtered write). */
    const byOwner: Projection = {
      name: 'owners_v1',
      indexes: [
        ['owners', ['ownerId']],
        ['owners', ['personName']],
      ],
      project: (stored) =>
        stored.type === 'Reassign'
          ? [
              {
                kind: 'setWhere',
                collection: 'owners',
                where: { ownerId: 's' },
                set: { ownerId: 't' },
              },
            ]
          : upsert(stored, 'owners', stored.streamId, {
              $set: {
                ownerId: 's',
                personName: (stored.data as { personName: string }).personName,
              },
            }),
    };
    const reassign = {
      ...lead(999),
      eventId: 'r',
      type: 'Reassign',
      metadata: { ...lead(999).metadata, eventId: 'r' },
    };
    const indexesBuilt = (reads: SqliteReadStore) => {
      const built: string[] = [];
      const ensure = reads.ensureIndex.bind(reads);
      jest.spyOn(reads, 'ensureIndex').mockImplementation((collection, fields) => {
        built.push(`${collection}.${fields.join(',')}`);
        return ensure(collection, fields);
      });
      const apply = reads.apply.bind(reads);
      jest.spyOn(reads, 'apply').mockImplementation((ops, checkpoints, fence) => {
        built.push(`batch of ${ops.length}`);
        return apply(ops, checkpoints, fence);
      });
      return built;
    };

    it('are built once it has caught up, and the one a filtered write needs before that write', async () => {
      const events = new MemoryEventStore();
      for (let i = 0; i < 20; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      await events.append('owners', [reassign], 'no_stream');
      for (let i = 20; i < 30; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      const reads = new SqliteReadStore(':memory:');
      const built = indexesBuilt(reads);
      const runner = new ProjectionRunner(events, reads, [byOwner], {
        batchSize: 10,
        buildIndexesLaterFrom: 5,
      });
      await runner.start();
      await runner.caughtUp(31, 10_000);
      // caughtUp waits for the indexes too
      expect(built).toEqual([
        'batch of 10',
        'batch of 10',
        'owners.ownerId',
        'batch of 10',
        'batch of 1',
        'owners.personName',
      ]);
      expect(await reads.count('owners', { ownerId: 't' })).toBe(20);
      await runner.stop();
      await reads.close();
    });

    it('are all built, though the lease is lost while they are built at the head of the log and no event comes after', async () => {
      const events = new MemoryEventStore();
      for (let i = 0; i < 30; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      const reads = new SqliteReadStore(':memory:');
      let clock = 1_000_000;
      const lease = new LeaseKeeper(reads, 'projector', {
        ttlMs: 600,
        holder: 'one',
        now: () => clock,
      });
      // The first index takes so long that the lease is no longer safely held after it.
      const built: string[] = [];
      const ensure = reads.ensureIndex.bind(reads);
      jest.spyOn(reads, 'ensureIndex').mockImplementation(async (collection, fields) => {
        await ensure(collection, fields);
        built.push(`${collection}.${fields.join(',')}`);
        if (built.length === 1) clock += 500;
      });
      const runner = new ProjectionRunner(events, reads, [byOwner], {
        batchSize: 100,
        buildIndexesLaterFrom: 5,
        lease,
      });
      await runner.start();
      for (let waited = 0; built.length < 2 && waited < 5_000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      // Lost after the first; the lease taken again, the other built without a new event.
      expect(built).toEqual(['owners.ownerId', 'owners.personName']);
      expect((await runner.status()).checkpoint).toBe(30);
      await runner.stop();
      await reads.close();
    });

    it('are kept up to date from the start when the projection has a checkpoint, or the log is short', async () => {
      const events = new MemoryEventStore();
      for (let i = 0; i < 20; i++) await events.append(`lead-l${i}`, [lead(i)], 'no_stream');
      const reads = new SqliteReadStore(':memory:');
      await reads.apply([], [{ name: byOwner.name, position: 10 }]);
      const built = indexesBuilt(reads);
      const resumed = new ProjectionRunner(events, reads, [byOwner], { buildIndexesLaterFrom: 5 });
      await resumed.start();
      await resumed.caughtUp(20, 10_000);
      expect(built.slice(0, 2)).toEqual(['owners.ownerId', 'owners.personName']);
      await resumed.stop();

      const short = new SqliteReadStore(':memory:');
      const fresh = indexesBuilt(short);
      const runner = new ProjectionRunner(events, short, [byOwner]);
      await runner.start();
      await runner.caughtUp(20, 10_000);
      expect(fresh.slice(0, 2)).toEqual(['owners.ownerId', 'owners.personName']);
      await runner.stop();
      await reads.close();
      await short.close();
    });
  });
});
