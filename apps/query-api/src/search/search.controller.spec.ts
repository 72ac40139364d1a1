import { collections } from '#read-models';
import { SqliteReadStore, type WriteOp } from '#read-store';
import { SearchController, SearchQuery } from './search.controller';

const asked = (q: string) => Object.assign(new SearchQuery(), { q });

/** A customer as the search projection indexes it: its entity and one term per name word. */
const indexed = (n: number | string, name: string): WriteOp[] => [
  {
    kind: 'upsert',
    collection: collections.searchEntities,
    id: `customer:c${n}`,
    position: 1,
    update: {
      $set: { kind: 'customer', customerId: `c${n}`, name, versions: { name: 1 }, hidden: false },
    },
  },
  ...name
    .toLowerCase()
    .split(' ')
    .map((term): WriteOp => ({
      kind: 'upsert',
      collection: collections.searchTerms,
      id: `customer:c${n}|name|${term}`,
      position: 1,
      update: {
        $set: { term, entity: `customer:c${n}`, field: 'name', version: 1, customerId: `c${n}` },
      },
    })),
];

/** A store holding these documents for the length of `use`. */
const withIndexed = async (ops: WriteOp[], use: (store: SqliteReadStore) => Promise<void>) => {
  const store = new SqliteReadStore(':memory:');
  try {
    await store.apply(ops, []);
    await use(store);
  } finally {
    await store.close();
  }
};

/** The ids of the search entities read from `store` from now on, in the order read. */
const entitiesRead = (store: SqliteReadStore) => {
  const read: string[] = [];
  const getMany = store.getMany.bind(store);
  jest.spyOn(store, 'getMany').mockImplementation((collection, ids) => {
    const asked = [...ids];
    if (collection === collections.searchEntities) read.push(...asked);
    return getMany(collection, asked);
  });
  return read;
};

describe('search', () => {
  it('given more customers sharing a word than a page of words holds, then the other words still find the one asked for', async () => {
    await withIndexed(
      Array.from({ length: 1200 }, (_, n) => indexed(n, `Company ${n} OÜ`)).flat(),
      async (store) => {
        const search = new SearchController(store);
        const found = await search.search(asked('company 999'));
        expect(found.items.map((i) => i.name)).toEqual(['Company 999 OÜ']);
        const prefix = await search.search(asked('comp 99'));
        expect(prefix.items.map((i) => i.name)).toEqual(
          expect.arrayContaining(['Company 99 OÜ', 'Company 990 OÜ', 'Company 999 OÜ']),
        );
        expect(prefix.items).toHaveLength(11);
      },
    );
  });

  it('given one word shared by more customers than a page holds, then one page of them is read, whole-word matches first', async () => {
    await withIndexed(
      [
        ...Array.from({ length: 1200 }, (_, n) => indexed(n, `Kask ${n} AS`)),
        ...Array.from({ length: 30 }, (_, n) => indexed(`p${n}`, `Asukoht ${n}`)),
      ].flat(),
      async (store) => {
        const read = entitiesRead(store);
        const found = await new SearchController(store).search(asked('as'));
        expect(found.items).toHaveLength(20);
        expect(found.items.every((i) => i.name.endsWith(' AS') && i.score === 2)).toBe(true);
        expect(read.length).toBeLessThanOrEqual(500);
      },
    );
  });

  it('given two words each shared by more customers than a page holds, then only customers with both are read', async () => {
    await withIndexed(
      Array.from({ length: 1200 }, (_, n) =>
        indexed(n, n % 2 === 0 ? `Company Group ${n}` : `Company ${n}`),
      ).flat(),
      async (store) => {
        const read = entitiesRead(store);
        const found = await new SearchController(store).search(asked('company group'));
        expect(found.items).toHaveLength(20);
        expect(found.items.every((i) => i.name.startsWith('Company Group '))).toBe(true);
        // The rarer word's customers are read, not every customer each word's page named.
        expect(read.length).toBeLessThanOrEqual(600);
        expect(new Set(read).size).toBe(read.length);
      },
    );
  });

  it('given every word asked shared by more customers than a page holds, then the one with both is found', async () => {
    await withIndexed(
      [
        ...Array.from({ length: 600 }, (_, n) => indexed(`a${n}`, `Alpha Other ${n}`)),
        ...Array.from({ length: 600 }, (_, n) => indexed(`b${n}`, `Other Beta ${n}`)),
        // Last of either word's terms in their order (by word, then id): on no first page.
        indexed('z', 'Alpha Beta'),
      ].flat(),
      async (store) => {
        const found = await new SearchController(store).search(asked('alpha beta'));
        expect(found.items.map((i) => i.name)).toEqual(['Alpha Beta']);
      },
    );
  });

  it('given every word common but one of them few times a whole word, then those whole-word matches are found first', async () => {
    await withIndexed(
      [
        ...Array.from({ length: 700 }, (_, n) => indexed(n, `Company 1${n}`)),
        indexed('z', 'Company 1'),
      ].flat(),
      async (store) => {
        const found = await new SearchController(store).search(asked('company 1'));
        expect(found.items[0]).toMatchObject({ name: 'Company 1', score: 4 });
        // Prefix matches still follow, from what the first pages of words share.
        expect(found.items).toHaveLength(20);
      },
    );
  });
});
