import { randomUUID } from 'node:crypto';
import {
  type Doc,
  FencedOutError,
  InvalidCursorError,
  type ReadStore,
  type WriteOp,
} from './read-store.port';

type Item = Doc & {
  group: string;
  n: number;
  tags?: string[];
  flag?: boolean;
  nested?: { a?: number };
};

/** The one contract every read store adapter must pass (DESIGN.md §2). */
export const readStoreContract = (name: string, open: () => Promise<ReadStore>) => {
  describe(`read store contract: ${name}`, () => {
    let store: ReadStore;
    let coll: string;
    beforeEach(async () => {
      store = await open();
      coll = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => {
      await store.dropCollection(coll);
      await store.close();
    });

    let position = 0;
    const upsert = (
      id: string,
      update: Extract<WriteOp, { kind: 'upsert' }>['update'],
    ): WriteOp => ({
      kind: 'upsert',
      collection: coll,
      id,
      update,
      position: ++position,
    });
    const seed = async (count: number) => {
      const ops = Array.from({ length: count }, (_, i) =>
        upsert(`d${String(i).padStart(3, '0')}`, {
          $set: { group: i % 2 ? 'odd' : 'even', n: i % 5, flag: i % 3 === 0 },
        }),
      );
      await store.apply(ops, []);
    };

    it('gets a document by id, or nothing', async () => {
      await store.apply([upsert('a', { $set: { group: 'x', n: 1 } })], []);
      expect(await store.get<Item>(coll, 'a')).toEqual({ _id: 'a', group: 'x', n: 1 });
      expect(await store.get(coll, 'missing')).toBeUndefined();
      expect(await store.get('never_written', 'a')).toBeUndefined();
    });

    it('gets the documents of many ids that exist, each once', async () => {
      await seed(700);
      const ids = Array.from({ length: 700 }, (_, i) => `d${String(i).padStart(3, '0')}`);
      const found = await store.getMany<Item>(coll, [...ids, 'missing', 'd001', 'd001']);
      expect([...found.keys()].sort()).toEqual(ids);
      expect(found.get('d001')).toEqual({ _id: 'd001', group: 'odd', n: 1, flag: false });
      expect(found.get('d699')).toEqual({ _id: 'd699', group: 'odd', n: 4, flag: true });
      const few = await store.getMany<Item>(coll, ['d002', 'missing', 'd002']);
      expect([...few.entries()]).toEqual([
        ['d002', { _id: 'd002', group: 'even', n: 2, flag: false }],
      ]);
      expect((await store.getMany(coll, [])).size).toBe(0);
      expect((await store.getMany('never_written', ['a'])).size).toBe(0);
    });

    it('applies $set $inc $push $setOnInsert $max $min $unset like MongoDB', async () => {
      await store.apply(
        [
          upsert('a', {
            $setOnInsert: { created: 1 },
            $set: { n: 1, 'nested.a': 5 },
            $inc: { count: 2 },
            $push: { tags: 'x' },
            $max: { hi: 3 },
            $min: { lo: 3 },
          }),
          upsert('a', {
            $setOnInsert: { created: 2 },
            $inc: { count: 3 },
            $push: { tags: 'y' },
            $max: { hi: 1 },
            $min: { lo: 1 },
            $unset: { n: true },
          }),
        ],
        [],
      );
      expect(await store.get(coll, 'a')).toEqual({
        _id: 'a',
        created: 1,
        nested: { a: 5 },
        count: 5,
        tags: ['x', 'y'],
        hi: 3,
        lo: 1,
      });
    });

    it('ignores an upsert at or below the position already applied to a document', async () => {
      const first = upsert('a', { $inc: { n: 1 } });
      const second = upsert('a', { $inc: { n: 10 } });
      await store.apply([first, second], []);
      await store.apply([first, second], []);
      expect(await store.get<Item>(coll, 'a')).toMatchObject({ n: 11 });
    });

    it('stores checkpoints with their batch and never moves them back', async () => {
      await store.apply([upsert('a', { $set: { n: 1 } })], [{ name: `p_${coll}`, position: 7 }]);
      await store.apply([], [{ name: `p_${coll}`, position: 5 }]);
      expect((await store.checkpoints()).find((c) => c.name === `p_${coll}`)).toEqual({
        name: `p_${coll}`,
        position: 7,
      });
    });

    it('finds by equality, $in, $ne and ranges, and counts', async () => {
      await seed(20);
      const even = await store.find<Item>(coll, { group: 'even' }, { limit: 200 });
      expect(even.items).toHaveLength(10);
      expect(
        (await store.find<Item>(coll, { n: { $in: [1, 2] } }, { limit: 200 })).items,
      ).toHaveLength(8);
      expect(
        (await store.find<Item>(coll, { n: { $gte: 3, $lt: 4 } }, { limit: 200 })).items,
      ).toHaveLength(4);
      expect((await store.find<Item>(coll, { flag: true }, { limit: 200 })).items).toHaveLength(7);
      expect(
        (await store.find<Item>(coll, { group: { $ne: 'even' } }, { limit: 200 })).items,
      ).toHaveLength(10);
      expect(await store.count(coll, { group: 'odd', n: { $gt: 2 } })).toBe(4);
      // Counted up to a bound: at most that many, fewer when fewer match.
      expect(await store.count(coll, { group: 'odd' }, { upTo: 3 })).toBe(3);
      expect(await store.count(coll, { group: 'odd', n: { $gt: 2 } }, { upTo: 50 })).toBe(4);
      expect(await store.count(coll, { group: 'odd' }, { upTo: 0 })).toBe(0);
      expect((await store.find<Item>(coll, { n: { $in: [] } })).items).toEqual([]);
    });

    it('sorts and pages with an opaque cursor, skipping and repeating nothing', async () => {
      await seed(23);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.find<Item>(
          coll,
          {},
          { sort: [['n', -1]], limit: 5, ...(cursor ? { cursor } : {}) },
        );
        seen.push(...page.items.map((d) => d._id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      const all = (await store.find<Item>(coll, {}, { sort: [['n', -1]], limit: 200 })).items.map(
        (d) => d._id,
      );
      expect(seen).toEqual(all);
      const ns = (await store.find<Item>(coll, {}, { sort: [['n', -1]], limit: 200 })).items.map(
        (d) => d.n,
      );
      expect([...ns].sort((a, b) => b - a)).toEqual(ns);
    });

    it('reads only the fields asked for, with the id and the sort, and pages by them', async () => {
      await store.apply(
        [
          upsert('a', { $set: { group: 'x', n: 2, nested: { a: 1, b: 'kept' }, tags: ['t'] } }),
          upsert('b', { $set: { group: 'y', n: 1, nested: { b: null }, flag: true } }),
          upsert('c', { $set: { group: 'x', n: 3 } }),
        ],
        [],
      );
      const all = await store.find(coll, {}, { sort: [['n', 1]], fields: ['nested.b', 'tags'] });
      expect(all.items).toEqual([
        { _id: 'b', n: 1, nested: { b: null } },
        { _id: 'a', n: 2, nested: { b: 'kept' }, tags: ['t'] },
        { _id: 'c', n: 3 },
      ]);
      // A field read whole with one of its own asked too; none but the id.
      const whole = await store.find(coll, { group: 'x' }, { fields: ['nested', 'nested.a'] });
      expect(whole.items).toEqual([{ _id: 'a', nested: { a: 1, b: 'kept' } }, { _id: 'c' }]);
      expect((await store.find(coll, { _id: 'b' }, { fields: [] })).items).toEqual([{ _id: 'b' }]);
      const seen: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.find(
          coll,
          {},
          { sort: [['n', -1]], limit: 2, fields: ['group'], ...(cursor ? { cursor } : {}) },
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        { _id: 'c', n: 3, group: 'x' },
        { _id: 'a', n: 2, group: 'x' },
        { _id: 'b', n: 1, group: 'y' },
      ]);
    });

    it('rejects a forged cursor', async () => {
      await seed(3);
      await expect(store.find(coll, {}, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    it('sets fields on every document matching a filter', async () => {
      await seed(6);
      await store.apply(
        [{ kind: 'setWhere', collection: coll, where: { group: 'odd' }, set: { owner: 'b' } }],
        [],
      );
      expect(await store.count(coll, { owner: 'b' })).toBe(3);
    });

    it('removes fields from every document matching a filter, leaving the others', async () => {
      await seed(6);
      await store.apply(
        [
          {
            kind: 'setWhere',
            collection: coll,
            where: { group: 'odd' },
            set: { owner: 'c' },
            unset: ['n'],
          },
        ],
        [],
      );
      const odd = (await store.find<Item>(coll, { group: 'odd' })).items;
      expect(odd.map((d) => [d['owner'], 'n' in d])).toEqual(odd.map(() => ['c', false]));
      const even = (await store.find<Item>(coll, { group: 'even' })).items;
      expect(even.every((d) => typeof d.n === 'number')).toBe(true);
    });

    it('sets a nested field where its parent exists, and only there', async () => {
      await store.apply(
        [
          upsert('p', { $set: { group: 'x', nested: { a: 1 } } }),
          upsert('q', { $set: { group: 'x' } }),
          {
            kind: 'setWhere',
            collection: coll,
            where: { group: 'x', 'nested.a': 1 },
            set: { 'nested.a': 2 },
          },
        ],
        [],
      );
      expect(await store.get<Item>(coll, 'p')).toEqual({ _id: 'p', group: 'x', nested: { a: 2 } });
      expect(await store.get<Item>(coll, 'q')).toEqual({ _id: 'q', group: 'x' });
    });

    it('leaves a nested field alone where its parent is null or missing', async () => {
      await store.apply(
        [
          upsert('n1', { $set: { group: 'y', next: { text: 'call', day: 1 } } }),
          upsert('n2', { $set: { group: 'y', next: null } }),
          upsert('n3', { $set: { group: 'y' } }),
          {
            kind: 'setWhere',
            collection: coll,
            where: { group: 'y' },
            set: { 'next.text': 'gone', title: 't' },
          },
        ],
        [],
      );
      expect(await store.get<Item>(coll, 'n1')).toEqual({
        _id: 'n1',
        group: 'y',
        next: { text: 'gone', day: 1 },
        title: 't',
      });
      expect(await store.get<Item>(coll, 'n2')).toEqual({
        _id: 'n2',
        group: 'y',
        next: null,
        title: 't',
      });
      expect(await store.get<Item>(coll, 'n3')).toEqual({ _id: 'n3', group: 'y', title: 't' });
    });

    it('deletes every document matching a filter, in order with the writes around it', async () => {
      await seed(6);
      await store.apply(
        [
          upsert('d001', { $set: { flag: true } }),
          { kind: 'deleteWhere', collection: coll, where: { group: 'odd' } },
          upsert('d900', { $set: { group: 'odd', n: 900 } }),
        ],
        [],
      );
      expect(await store.get(coll, 'd001')).toBeUndefined();
      expect((await store.find<Item>(coll, { group: 'odd' })).items.map((d) => d._id)).toEqual([
        'd900',
      ]);
      expect(await store.count(coll, { group: 'even' })).toBe(3);
    });

    it('lists the collections holding documents, and a dropped one no more', async () => {
      await store.apply([upsert('a', { $set: { n: 1 } })], []);
      expect(await store.collectionNames()).toContain(coll);
      expect(await store.collectionNames()).not.toContain('checkpoints');
      await store.dropCollection(coll);
      expect(await store.collectionNames()).not.toContain(coll);
    });

    it('deletes a document', async () => {
      await seed(2);
      await store.apply([{ kind: 'delete', collection: coll, id: 'd000' }], []);
      expect(await store.get(coll, 'd000')).toBeUndefined();
      expect(await store.count(coll, {})).toBe(1);
    });

    it('keeps working with an index on the queried fields', async () => {
      await store.ensureIndex(coll, ['group', 'n']);
      await seed(10);
      expect(await store.count(coll, { group: 'even', n: { $lte: 2 } })).toBe(3);
    });

    it('replaces collections by rebuilt copies with their indexes, and moves the checkpoints', async () => {
      const rebuilt = `${coll}__rebuild`;
      const gone = `${coll}_gone`;
      await seed(4);
      await store.apply(
        [
          { ...upsert('old-only', { $set: { n: 9 } }) },
          { ...upsert('x', { $set: { n: 1 } }), collection: gone },
        ],
        [{ name: `cp${coll}`, position: 7 }],
      );
      await store.ensureIndex(rebuilt, ['group', 'n']);
      await store.apply(
        [{ ...upsert('d000', { $set: { group: 'new', n: 1 } }), collection: rebuilt }],
        [{ name: `cp${coll}__rebuild`, position: 7 }],
      );
      await store.replaceCollections(
        [
          [rebuilt, coll],
          [`${coll}_never_written`, gone],
        ],
        [{ name: `cp${coll}`, position: 7 }],
        [`cp${coll}__rebuild`],
      );
      expect((await store.find(coll, {}, {})).items).toEqual([{ _id: 'd000', group: 'new', n: 1 }]);
      expect(await store.count(coll, { group: 'new', n: 1 })).toBe(1);
      expect(await store.count(gone, {})).toBe(0);
      expect((await store.checkpoints()).filter((c) => c.name.startsWith(`cp${coll}`))).toEqual([
        { name: `cp${coll}`, position: 7 },
      ]);
      await store.apply([upsert('d001', { $set: { group: 'new', n: 2 } })], []);
      expect(await store.count(coll, { group: 'new' })).toBe(2);
      await store.dropCollection(rebuilt);
    });

    it('leases a duty to one holder at a time, with a token that grows with every holder', async () => {
      const name = `lease_${coll}`;
      const a = await store.acquireLease(name, 'a', 1000, 10_000);
      expect(a).toEqual({ name, holder: 'a', token: 1, expiresAt: 11_000 });
      // Another holder waits while the lease runs; the holder renews under the same token.
      expect(await store.acquireLease(name, 'b', 1000, 10_500)).toBeUndefined();
      expect(await store.acquireLease(name, 'a', 1000, 10_900)).toEqual({
        ...a,
        expiresAt: 11_900,
      });
      // Once it has run out, the next holder takes it under a new token.
      const b = await store.acquireLease(name, 'b', 1000, 11_900);
      expect(b).toEqual({ name, holder: 'b', token: 2, expiresAt: 12_900 });
      expect(await store.lease(name)).toEqual(b);
      expect(await store.acquireLease(name, 'a', 1000, 12_000)).toBeUndefined();
      // Given up, it is free at once; the old holder coming back gets a new token too.
      await store.releaseLease(b!);
      expect(await store.acquireLease(name, 'a', 1000, 12_001)).toMatchObject({
        holder: 'a',
        token: 3,
      });
    });

    it('refuses a write under a token that has passed on, and writes nothing of it', async () => {
      const name = `fence_${coll}`;
      const old = (await store.acquireLease(name, 'a', 1000, 1_000))!;
      await store.apply([upsert('x', { $set: { group: 'a', n: 1 } })], [], old);
      const now = (await store.acquireLease(name, 'b', 1000, 5_000))!;
      await expect(
        store.apply(
          [upsert('x', { $set: { group: 'stale', n: 2 } })],
          [{ name: `cp${coll}`, position: 99 }],
          old,
        ),
      ).rejects.toBeInstanceOf(FencedOutError);
      expect(await store.get<Item>(coll, 'x')).toMatchObject({ group: 'a', n: 1 });
      expect((await store.checkpoints()).find((c) => c.name === `cp${coll}`)).toBeUndefined();
      await store.apply([upsert('x', { $set: { group: 'b', n: 3 } })], [], now);
      expect(await store.get<Item>(coll, 'x')).toMatchObject({ group: 'b', n: 3 });
    });

    it('treats operator-looking values as plain values', async () => {
      await store.apply([upsert('$gt', { $set: { group: '{"$gt":""}', n: 1 } })], []);
      expect(await store.get(coll, '$gt')).toMatchObject({ group: '{"$gt":""}' });
      expect(await store.count(coll, { group: '{"$gt":""}' })).toBe(1);
    });
  });
};
