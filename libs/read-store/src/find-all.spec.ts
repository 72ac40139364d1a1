import { findAll } from './find-all';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

describe('findAll', () => {
  it('reads a few thousand documents in one query, in their order', async () => {
    // given 3 000 documents whose order no index gives
    const store = new SqliteReadStore(':memory:');
    await store.apply(
      Array.from({ length: 3_000 }, (_, i) => ({
        kind: 'upsert' as const,
        collection: 'things',
        id: `t${i}`,
        update: { $set: { kind: i % 2 === 0 ? 'even' : 'odd', rank: (i * 7919) % 3_000 } },
        position: i + 1,
      })),
      [],
    );
    const find = jest.spyOn(store, 'find');
    // when all of one kind are read
    const found = await findAll<{ _id: string; rank: number }>(store, 'things', { kind: 'even' }, [
      ['rank', -1],
    ]);
    // then they come in one query, all of them, in the order asked
    expect(find).toHaveBeenCalledTimes(1);
    expect(found).toHaveLength(1_500);
    expect(found.map((t) => t.rank)).toEqual(found.map((t) => t.rank).sort((a, b) => b - a));
    await store.close();
  });
});
