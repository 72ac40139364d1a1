import { dealDecider, type DealState, leadDecider } from '#domain';
import { type EventStore, MemoryEventStore } from '#event-store';
import { type DealEvent } from '#events';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrencyExhaustedError, RevisionMismatchError } from './command-errors';
import { type CommandMeta } from './command-meta';

const meta = (commandId: string, extra: Partial<CommandMeta> = {}): CommandMeta => ({
  commandId,
  actorId: 'staff-1',
  correlationId: `cor-${commandId}`,
  causationId: commandId,
  now: '2026-03-01T09:00:00.000Z',
  idempotent: true,
  ...extra,
});

const opened: DealEvent = {
  type: 'DealOpened',
  data: {
    dealId: 'd1',
    customerId: 'c1',
    pipelineId: 'p1',
    stageId: 's1',
    title: 'Deal',
    value: { amount: 1, currency: 'EUR' },
    ownerId: 'staff-1',
    openedAt: '2026-03-01T09:00:00.000Z',
  },
};
const schedule = (state: DealState, description: string) =>
  dealDecider.decide(
    { type: 'ScheduleNextAction', dealId: 'd1', dueOn: '2026-03-05', description },
    state,
  );

/** The store as a second writer sees it: `race` appends first, then the append goes on. */
const raced = (inner: EventStore, race: () => Promise<void>): EventStore =>
  new Proxy(inner, {
    get(target, key) {
      if (key === 'append')
        return async (...args: Parameters<EventStore['append']>) => {
          await race();
          return target.append(...args);
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });

describe('AggregateRepository', () => {
  let store: MemoryEventStore;
  let repository: AggregateRepository;
  beforeEach(async () => {
    store = new MemoryEventStore();
    repository = new AggregateRepository(store);
    await repository.execute('deal-d1', dealDecider, meta('open'), () => [opened]);
  });

  it('appends what the decider returns with the envelope metadata and derived event ids', async () => {
    const result = await repository.execute('deal-d1', dealDecider, meta('cmd-1'), (s) =>
      schedule(s, 'Call'),
    );
    expect(result).toMatchObject({ revision: 1, appended: 1, replayed: false });
    const [, event] = await store.readStream('deal-d1');
    expect(event!.metadata).toEqual({
      eventId: event!.eventId,
      schemaVersion: 1,
      occurredAt: '2026-03-01T09:00:00.000Z',
      actorId: 'staff-1',
      commandId: 'cmd-1',
      correlationId: 'cor-cmd-1',
      causationId: 'cmd-1',
      customerId: 'c1',
      previousHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    const again = new AggregateRepository(new MemoryEventStore());
    await again.execute('deal-d1', dealDecider, meta('open'), () => [opened]);
    expect(
      (await again.execute('deal-d1', dealDecider, meta('cmd-1'), (s) => schedule(s, 'Call')))
        .position,
    ).toBe(2);
  });

  it('answers a command it already applied from the stream, appending nothing', async () => {
    const first = await repository.execute('deal-d1', dealDecider, meta('cmd-1'), (s) =>
      schedule(s, 'Call'),
    );
    const decide = jest.fn((s: DealState) => schedule(s, 'Call'));
    const fresh = new AggregateRepository(store);
    const second = await fresh.execute('deal-d1', dealDecider, meta('cmd-1'), decide);
    expect(decide).not.toHaveBeenCalled();
    expect(second).toMatchObject({
      revision: first.revision,
      position: first.position,
      replayed: true,
      appended: 0,
    });
    expect(await store.readStream('deal-d1')).toHaveLength(2);
  });

  it('decides again on the new state when another writer appended in between', async () => {
    const other = new AggregateRepository(store);
    let won = false;
    const racing = new AggregateRepository(
      raced(store, async () => {
        if (won) return;
        won = true;
        await other.execute('deal-d1', dealDecider, meta('theirs'), (t) => schedule(t, 'Theirs'));
      }),
    );
    let calls = 0;
    const result = await racing.execute('deal-d1', dealDecider, meta('mine'), (s) => {
      calls += 1;
      return schedule(s, 'Mine');
    });
    expect(calls).toBe(2);
    expect(result.revision).toBe(2);
    const stream = await store.readStream('deal-d1');
    expect(stream.map((e) => (e.data as { description?: string }).description)).toEqual([
      undefined,
      'Theirs',
      'Mine',
    ]);
  });

  it('gives up with a concurrency error after a bounded number of attempts', async () => {
    const other = new AggregateRepository(store);
    let n = 0;
    const racing = new AggregateRepository(
      raced(store, async () => {
        await other.execute('deal-d1', dealDecider, meta(`theirs-${n++}`), (t) =>
          schedule(t, 'Theirs'),
        );
      }),
    );
    await expect(
      racing.execute('deal-d1', dealDecider, meta('mine'), (s) => schedule(s, 'Mine')),
    ).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
    expect(n).toBe(5);
  });

  it('refuses a stale If-Match before deciding, and a concurrent append under If-Match without retrying', async () => {
    await expect(
      repository.execute('deal-d9', dealDecider, meta('early', { expectedRevision: 0 }), (s) =>
        schedule(s, 'Early'),
      ),
    ).rejects.toThrow('deal-d9 does not exist yet; If-Match named its revision 0');
    await repository.execute('deal-d1', dealDecider, meta('cmd-1'), (s) => schedule(s, 'Call'));
    const decide = jest.fn((s: DealState) => schedule(s, 'x'));
    await expect(
      repository.execute('deal-d1', dealDecider, meta('stale', { expectedRevision: 0 }), decide),
    ).rejects.toThrow('deal-d1 is at revision 1, not 0; read it again');
    expect(decide).not.toHaveBeenCalled();
    const other = new AggregateRepository(store);
    const racing = new AggregateRepository(
      raced(store, async () => {
        await other.execute('deal-d1', dealDecider, meta('theirs'), (t) => schedule(t, 'Theirs'));
      }),
    );
    await expect(
      racing.execute('deal-d1', dealDecider, meta('pinned', { expectedRevision: 1 }), (s) =>
        schedule(s, 'Mine'),
      ),
    ).rejects.toBeInstanceOf(RevisionMismatchError);
  });

  it('holds a pinned If-Match to its stream alone: refused before anything is written, a retry answered', async () => {
    const other = { ...opened, data: { ...opened.data, dealId: 'd2' } };
    await repository.execute('deal-d2', dealDecider, meta('open-2'), () => [other]);
    await repository.execute('deal-d2', dealDecider, meta('moved-2'), (s) =>
      dealDecider.decide(
        { type: 'ScheduleNextAction', dealId: 'd2', dueOn: '2026-03-05', description: 'x' },
        s,
      ),
    );
    // d1 is at revision 0, d2 at 1: an If-Match of 0 names d1.
    await expect(
      repository.pin(meta('stale', { expectedRevision: 1 }), 'deal-d1', dealDecider),
    ).rejects.toBeInstanceOf(RevisionMismatchError);
    const pinned = await repository.pin(
      meta('both', { expectedRevision: 0 }),
      'deal-d1',
      dealDecider,
    );
    expect(pinned.expectedStream).toBe('deal-d1');
    await repository.execute('deal-d2', dealDecider, pinned, (s) =>
      dealDecider.decide(
        { type: 'ScheduleNextAction', dealId: 'd2', dueOn: '2026-03-06', description: 'y' },
        s,
      ),
    );
    const r = await repository.execute('deal-d1', dealDecider, pinned, (s) => schedule(s, 'Call'));
    expect(r.revision).toBe(1);
    // The same command again (a retry) finds itself applied: no 412 for the revision it moved.
    const again = await repository.pin(
      meta('both', { expectedRevision: 0 }),
      'deal-d1',
      dealDecider,
    );
    expect(again.expectedStream).toBe('deal-d1');
    // Without a pin, an If-Match concerns every stream written.
    await expect(
      repository.execute('deal-d2', dealDecider, meta('unpinned', { expectedRevision: 1 }), (s) =>
        schedule(s, 'z'),
      ),
    ).rejects.toBeInstanceOf(RevisionMismatchError);
  });

  it('queues concurrent commands on one stream instead of failing them', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repository.execute('deal-d1', dealDecider, meta(`c${i}`), (s) => schedule(s, `n${i}`)),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('folds only the new tail of a cached stream', async () => {
    const spy = jest.spyOn(store, 'readStream');
    await repository.load('deal-d1', dealDecider);
    expect(spy).toHaveBeenLastCalledWith('deal-d1', 1);
  });

  it('folds a stream not in memory once for the commands that ask for it at once', async () => {
    for (let i = 0; i < 30; i++)
      await repository.execute('deal-d1', dealDecider, meta(`n${i}`), (s) => schedule(s, `n${i}`));
    const restarted = new AggregateRepository(store);
    const spy = jest.spyOn(store, 'readStream');
    const loaded = await Promise.all(
      Array.from({ length: 10 }, () => restarted.load('deal-d1', dealDecider)),
    );
    expect(spy.mock.calls.filter(([, from]) => !from)).toHaveLength(1);
    expect(new Set(loaded.map((l) => l.revision))).toEqual(new Set([30]));
    expect(loaded.every((l) => l.state === loaded[0]!.state)).toBe(true);
  });

  it('rejects through the decider without appending', async () => {
    await expect(
      repository.execute('lead-x', leadDecider, meta('q'), (s) =>
        leadDecider.decide({ type: 'QualifyLead', leadId: 'x', now: 'n' }, s),
      ),
    ).rejects.toMatchObject({ rule: 'lead-not-found' });
    expect(await store.headPosition()).toBe(1);
  });
});
