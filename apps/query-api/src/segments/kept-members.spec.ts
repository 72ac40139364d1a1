import { collections, projections, type SegmentDoc } from '#read-models';
import { type Filter, type FindOptions, SqliteReadStore } from '#read-store';
import { KeptMembers } from './kept-members';

let position = 0;

/** A document as a projection writes its state: stamped with its event's position. */
const stamped = (
  store: SqliteReadStore,
  [projection, collection]: [string, string],
  id: string,
  fields: Record<string, unknown>,
) => {
  position += 1;
  return store.apply(
    [
      {
        kind: 'upsert',
        collection,
        id,
        position,
        update: { $set: fields, $max: { _position: position } },
      },
    ],
    [{ name: projection, position }],
  );
};

/** A customer as the customer 360 projection writes it. */
const write = (store: SqliteReadStore, id: string, fields: Record<string, unknown>) =>
  stamped(store, [projections.customers, collections.customers], id, {
    kind: 'company',
    name: id,
    ownerId: 's1',
    status: 'active',
    ...fields,
  });

/** A customer's open deals as the reports projection keeps them. */
const openDeals = (store: SqliteReadStore, id: string, open: number) =>
  stamped(store, [projections.reports, collections.reportCustomers], id, { openDeals: open });

/** The custom field `employees`, a number on records of `entity`, as its projection writes it. */
const fieldType = (store: SqliteReadStore, entity: string, at: number) =>
  store.apply(
    [
      {
        kind: 'upsert',
        collection: collections.customFields,
        id: 'employees',
        position: at,
        update: { $set: { entity, fieldType: 'number' } },
      },
    ],
    [{ name: projections.customFields, position: at }],
  );

const segment = (rules: SegmentDoc['rules']): SegmentDoc => ({
  _id: 'segment-1',
  name: 'Top',
  rules,
  redefinedAt: null,
  retiredAt: null,
  definedAt: '2026-03-01T09:00:00.000Z',
});

/** The documents each read of the store (a find, or by ids) found in `collection`, one entry per read. */
const counting = (store: SqliteReadStore, collection: string = collections.customers) => {
  const read: number[] = [];
  const find = store.find.bind(store);
  const getMany = store.getMany.bind(store);
  jest
    .spyOn(store, 'find')
    .mockImplementation(async (c: string, filter: Filter, options?: FindOptions) => {
      const page = await find(c, filter, options);
      if (c === collection) read.push(page.items.length);
      return page;
    });
  jest.spyOn(store, 'getMany').mockImplementation(async (c: string, ids: Iterable<string>) => {
    const asked = [...ids];
    const found = await getMany(c, asked);
    // Asked for no ids, the store reads nothing.
    if (c === collection && asked.length > 0) read.push(found.size);
    return found;
  });
  return read;
};

describe('segment members kept between questions', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = new SqliteReadStore(':memory:');
    for (let i = 0; i < 50; i++) {
      const id = `c${String(i).padStart(2, '0')}`;
      await write(store, id, { category: i % 2 === 0 ? 'top' : 'small' });
      await openDeals(store, id, 1);
    }
  });
  afterEach(() => store.close());

  it('given members asked before, when customers change, then only they are read again and the members follow', async () => {
    const kept = new KeptMembers(store);
    const top = segment({ categories: ['top'] });
    expect(await kept.of(top)).toMatchObject({ openDeals: 25 });
    const read = counting(store);

    await write(store, 'c00', { category: 'small' });
    await write(store, 'c01', { category: 'top' });
    await write(store, 'c50', { category: 'top' });
    const members = await kept.of(top);

    expect(read).toEqual([3]);
    expect(members.ids).toHaveLength(26);
    expect(members.ids).toEqual(expect.arrayContaining(['c01', 'c50']));
    expect(members.ids).not.toContain('c00');
    expect(members.openDeals).toBe(25);
    read.length = 0;
    expect((await kept.of(top)).ids).toHaveLength(26);
    expect(read).toEqual([0]);
  });

  it("given a batch seen half written (a store without transactions), then what lies past the projection's checkpoint is read again", async () => {
    const kept = new KeptMembers(store);
    const top = segment({ categories: ['top'] });
    await kept.of(top);
    const customer = (id: string, at: number) => ({
      kind: 'upsert' as const,
      collection: collections.customers,
      id,
      position: at,
      update: {
        $set: { kind: 'company', name: id, ownerId: 's1', status: 'active', category: 'top' },
        $max: { _position: at },
      },
    });
    // The batch's later write shows first, its checkpoint not yet stored.
    await store.apply([customer('c61', 1001)], []);
    expect((await kept.of(top)).ids).toContain('c61');
    // Then its earlier write, and the checkpoint.
    await store.apply([customer('c60', 1000)], [{ name: projections.customers, position: 1001 }]);
    expect((await kept.of(top)).ids).toEqual(expect.arrayContaining(['c60', 'c61']));
  });

  it("given members asked before, when their open deals change, then only the changed customers' report documents are read again", async () => {
    const kept = new KeptMembers(store);
    const top = segment({ categories: ['top'] });
    await kept.of(top);
    const read = counting(store, collections.reportCustomers);

    await openDeals(store, 'c02', 4);
    await openDeals(store, 'c03', 9);
    expect(await kept.of(top)).toMatchObject({ openDeals: 28 });
    expect(read).toEqual([2]);

    // A customer who joins brings its open deals, one who leaves takes them along.
    await write(store, 'c03', { category: 'top' });
    await write(store, 'c02', { category: 'small' });
    expect(await kept.of(top)).toMatchObject({ openDeals: 28 - 4 + 9 });
  });

  it('given rules on the time since the last contact, then the kept members are checked against the clock at each question', async () => {
    const kept = new KeptMembers(store);
    await write(store, 'c00', { lastContactAt: '2026-03-01T00:00:00.000Z' });
    await write(store, 'c02', { lastContactAt: '2026-02-22T00:00:00.000Z' });
    const recent = segment({ categories: ['top'], contactedWithinDays: 10 });
    const on = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
    expect((await kept.of(recent, on('2026-03-02'))).ids.sort()).toEqual(['c00', 'c02']);
    const read = counting(store);
    // Nothing written since, a later moment: no customer read, c02's contact is too old now.
    expect(await kept.of(recent, on('2026-03-05'))).toEqual({ ids: ['c00'], openDeals: 1 });
    expect(read.reduce((a, b) => a + b, 0)).toBe(0);
    // The same moment, a customer contacted since: read again and counted.
    await write(store, 'c04', { lastContactAt: '2026-03-04T00:00:00.000Z' });
    expect((await kept.of(recent, on('2026-03-05'))).ids.sort()).toEqual(['c00', 'c04']);
    expect(read.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('given rules on age bands, when the day changes, then the members are taken afresh', async () => {
    const kept = new KeptMembers(store);
    await write(store, 'c00', { demographic: { birthDate: '2001-03-05' } });
    const young = segment({ ageBands: ['under 25'] });
    const on = (day: string) => Date.parse(`${day}T12:00:00.000Z`);
    expect((await kept.of(young, on('2026-03-04'))).ids).toEqual(['c00']);
    // The 25th birthday: no customer was written, the day alone moves them out of the band.
    expect((await kept.of(young, on('2026-03-05'))).ids).toEqual([]);
  });

  it('given the segment redefined, or field types changed for rules naming fields, then its members are taken afresh', async () => {
    const kept = new KeptMembers(store);
    await kept.of(segment({ categories: ['top'] }));
    expect((await kept.of(segment({ categories: ['small'] }))).ids.sort()[0]).toBe('c01');

    const byField = segment({ fields: ['employees>=10'] });
    await fieldType(store, 'customer', 100);
    await write(store, 'c02', { customFields: { employees: 40 } });
    expect((await kept.of(byField)).ids).toEqual(['c02']);
    // A customer written before the type changed is checked again under the new type.
    await fieldType(store, 'contact', 101);
    expect((await kept.of(byField)).ids).toEqual([]);
  });

  it('keeps at most its size of segments, the least recently asked going first', async () => {
    const kept = new KeptMembers(store, 1);
    const a = { ...segment({ categories: ['top'] }), _id: 'a' };
    const b = { ...segment({ categories: ['small'] }), _id: 'b' };
    await kept.of(a);
    await kept.of(b);
    const read = counting(store);
    await kept.of(a);
    // Taken afresh: the 25 customers of the category scanned again (a kept set reads none).
    expect(read.reduce((x, y) => x + y, 0)).toBe(25);
  });
});
