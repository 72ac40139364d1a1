import { type ListOrder, listOrders } from '#read-models';
import { type Filter, SqliteReadStore } from '#read-store';
import { projectionsFor } from './projections';

const declared = projectionsFor({ timeZone: 'Europe/Tallinn' }).flatMap((p) => p.indexes);
const lists = Object.entries(listOrders) as [string, ListOrder][];
const leadingOf = (list: ListOrder) => [...(list.fixed ?? []), list.sort[0]![0]];

describe('the lists of collections that grow with the history', () => {
  it.each(lists)(
    '%s: its first page is read by an index, not by sorting the whole collection',
    (_name, list) => {
      // given the fields every read of the list fixes and the field it is sorted by
      const leading = leadingOf(list);
      // then some projection declares an index on the list's collection that starts with them
      const serving = declared.filter(
        ([collection, fields]) =>
          collection === list.collection && leading.every((field, i) => fields[i] === field),
      );
      expect(serving).not.toEqual([]);
    },
  );

  describe('as SQLite plans them, with every declared index', () => {
    let store: SqliteReadStore;
    beforeAll(async () => {
      store = new SqliteReadStore(':memory:');
      for (const [collection, fields] of declared) await store.ensureIndex(collection, fields);
    });
    afterAll(() => store.close());

    it.each(lists)(
      '%s: a page is searched in an index that holds its fixed fields and its order, with no sort of its rows',
      (_name, list) => {
        // when a page of the list is planned, its fixed fields given
        const filter = Object.fromEntries((list.fixed ?? []).map((field) => [field, 'x']));
        const plan = store.queryPlan(list.collection, filter, { sort: list.sort, limit: 50 });
        // then the planner searches an index led by those fields and the order's field (of
        // several that could serve, it may take a longer one), and sorts nothing but ties
        const index = `i_${list.collection}_${leadingOf(list).join('__')}`;
        expect(plan.some((step) => step.includes(`USING INDEX ${index}`))).toBe(true);
        expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      },
    );

    // The ledger's overdue invoices (invoices.controller.ts), past their due day as well.
    it.each([
      ['all customers', { owing: true }, ['owing', 'issuedOn']],
      ['all customers, one kind', { owing: true, kind: 'standard' }, ['owing', 'issuedOn']],
      [
        'one customer',
        { customerId: 'x', statusRank: { $in: [1, 2, 3] } },
        ['customerId', 'issuedOn'],
      ],
    ] as [string, Filter, string[]][])(
      'the overdue invoices of %s: a page walks the index of %j newest first',
      (_name, owed, leading) => {
        const plan = store.queryPlan(
          listOrders.invoices.collection,
          { ...owed, dueOn: { $lt: '2026-12-05' } },
          { sort: listOrders.invoices.sort, limit: 50 },
        );
        const index = `i_${listOrders.invoices.collection}_${leading.join('__')}`;
        expect(plan.some((step) => step.includes(`USING INDEX ${index}`))).toBe(true);
        expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      },
    );
  });
});
