import { LeaseKeeper } from './lease-keeper';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

describe('LeaseKeeper', () => {
  let store: SqliteReadStore;
  let clock: number;
  const keeper = (holder: string, changes: boolean[] = []) =>
    new LeaseKeeper(store, 'duty', {
      ttlMs: 3000,
      holder,
      now: () => clock,
      onChange: (held) => changes.push(held),
    });
  beforeEach(() => {
    store = new SqliteReadStore(':memory:');
    clock = 1_000_000;
  });
  afterEach(() => store.close());

  it('lets one of two copies hold the duty, and the other take over once it is given up', async () => {
    const aChanges: boolean[] = [];
    const a = keeper('a', aChanges);
    const b = keeper('b');
    await a.start();
    await b.start();
    expect(a.held()).toMatchObject({ holder: 'a', token: 1 });
    expect(b.held()).toBeUndefined();
    await a.stop();
    expect(a.held()).toBeUndefined();
    expect(aChanges).toEqual([true]);
    await (b as unknown as { attempt(): Promise<void> }).attempt();
    expect(b.held()).toMatchObject({ holder: 'b', token: 2 });
    await b.stop();
  });

  it('stops answering the lease when a third of its time is left without renewal', async () => {
    const a = keeper('a');
    await a.start();
    clock += 1999;
    expect(a.held()).toBeDefined();
    clock += 2;
    expect(a.held()).toBeUndefined();
    // A copy that finds it expired takes it over under a new token.
    clock += 1000;
    const b = keeper('b');
    await b.start();
    expect(b.held()).toMatchObject({ token: 2 });
    await a.stop();
    await b.stop();
  });
});
