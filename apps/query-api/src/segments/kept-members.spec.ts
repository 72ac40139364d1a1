import { collections, projections, type SegmentDoc } from '#read-models';
import { type Filter, type FindOptions, SqliteReadStore } from '#read-store';
import { KeptMembers } from './kept-members';

let position = 0;

/** A customer as the customer 360 projection writes it: stamped with its event's position. */
const write = (store: SqliteReadStore, id: string, fields: Record<string, unknown>) => {
  position += 1;
  return store.apply(
    [
      {
        kind: 'upsert',
        collection: collections.customers,
        id,
        position,
        update: {
          $set: { kind: 'company', name: id, ownerId: 's1', status: 'active', ...fields },
          $max: { _position: position },
        },
      },
    ],
    [{ name: projections.customers, position }],
  );
};

const segment = (rules: SegmentDoc['rules']): SegmentDoc => ({
  _id: 'segment-1',
  name: 'Top',
  rules,
  definedAt: '2026-03-01T09:00:00.000Z',
});

/** The customers documents each find of the store read, one entry per find. */
const counting = (store: SqliteReadStore) => {
  const read: number[] = [];
  const find = store.find.bind(store);
  jest
    .spyOn(store, 'find')
    .mockImplementation(async (collection: string, filter: Filter, options?: FindOptions) => {
      const page = await find(collection, filter, options);
      if (collection === collections.customers) read.push(page.items.length);
      return page;
    });
  return read;
};

describe('segment members kept between questions', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = new SqliteReadStore(':memory:');
    for (let i = 0; i < 50; i++)
      await write(store, `c${String(i).padStart(2, '0')}`, {
        category: i % 2 === 0 ? 'top' : 'small',
      });
  });
  afterEach(() => store.close());

  it('given members asked before, when customers change, then only they are read again and the members follow', async () => {
    const kept = new KeptMembers(store);
    const top = segment({ categories: ['top'] });
    expect((await kept.of(top)).length).toBe(25);
    const read = counting(store);

    await write(store, 'c00', { category: 'small' });
    await write(store, 'c01', { category: 'top' });
    await write(store, 'c50', { category: 'top' });
    const members = await kept.of(top);

    expect(read).toEqual([3]);
    expect(members).toHaveLength(26);
    expect(members).toEqual(expect.arrayContaining(['c01', 'c50']));
    expect(members).not.toContain('c00');
    read.length = 0;
    expect((await kept.of(top)).length).toBe(26);
    expect(read).toEqual([0]);
  });

  it('given rules by the moment, then the members are evaluated anew each time', async () => {
    const kept = new KeptMembers(store);
    const quiet = segment({ categories: ['top'], notContactedForDays: 0 });
    await kept.of(quiet);
    const read = counting(store);
    expect((await kept.of(quiet)).length).toBe(25);
    expect(read.reduce((a, b) => a + b, 0)).toBe(25);
  });

  it('given the segment redefined, or field types changed for rules naming fields, then its members are taken afresh', async () => {
    const kept = new KeptMembers(store);
    await kept.of(segment({ categories: ['top'] }));
    expect((await kept.of(segment({ categories: ['small'] }))).sort()[0]).toBe('c01');

    const byField = segment({ fields: ['employees>=10'] });
    await store.apply(
      [
        {
          kind: 'upsert',
          collection: collections.customFields,
          id: 'employees',
          position: 100,
          update: { $set: { entity: 'customer', fieldType: 'number' } },
        },
      ],
      [{ name: projections.customFields, position: 100 }],
    );
    await write(store, 'c02', { customFields: { employees: 40 } });
    expect(await kept.of(byField)).toEqual(['c02']);
    // A customer written before the type changed is checked again under the new type.
    await store.apply(
      [
        {
          kind: 'upsert',
          collection: collections.customFields,
          id: 'employees',
          position: 101,
          update: { $set: { entity: 'contact' } },
        },
      ],
      [{ name: projections.customFields, position: 101 }],
    );
    expect(await kept.of(byField)).toEqual([]);
  });

  it('keeps at most its size of segments, the least recently asked going first', async () => {
    const kept = new KeptMembers(store, 1);
    const a = { ...segment({ categories: ['top'] }), _id: 'a' };
    const b = { ...segment({ categories: ['small'] }), _id: 'b' };
    await kept.of(a);
    await kept.of(b);
    const read = counting(store);
    await kept.of(a);
    expect(read.reduce((x, y) => x + y, 0)).toBeGreaterThan(25);
  });
});
