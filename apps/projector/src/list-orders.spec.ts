import {
  ledgerSelection,
  type LedgerSelect,
  type ListOrder,
  listOrders,
  owingRanks,
} from '#read-models';
import { SqliteReadStore } from '#read-store';
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

    // Every selection of the invoice ledger (invoices.controller.ts), as it builds it.
    const selections = [undefined, 'x'].flatMap((customerId) =>
      [undefined, 1, 3, 4].flatMap((statusRank) =>
        [undefined, 'standard'].flatMap((kind) =>
          [false, true].flatMap((overdue) =>
            [
              undefined,
              { $gte: '2026-01-01' },
              { $lte: '2026-06-30' },
              { $gte: '2026-01-01', $lte: '2026-06-30' },
            ].map((issuedOn): LedgerSelect => ({
              customerId,
              statusRank,
              kind,
              overdue,
              issuedOn,
            })),
          ),
        ),
      ),
    );
    it.each(selections.map((select) => [JSON.stringify(select), select] as const))(
      'the invoice ledger %s: a page walks the index of its order, with no sort of its rows',
      (_name, select) => {
        const selection = ledgerSelection(select, '2026-12-05');
        // (overdue in a settled status selects nothing, and reads nothing)
        if (!selection) {
          expect([select.overdue, owingRanks.includes(select.statusRank!)]).toEqual([true, false]);
          return;
        }
        const { filter, order } = selection;
        const plan = store.queryPlan(order.collection, filter, { sort: order.sort, limit: 50 });
        const index = `i_${order.collection}_${leadingOf(order).join('__')}`;
        expect(plan.some((step) => step.includes(`USING INDEX ${index}`))).toBe(true);
        // everyone's overdue invoices: the walk starts at today's issue day, not the newest
        if (select.overdue && select.customerId === undefined)
          expect(plan.find((step) => step.includes(`USING INDEX ${index}`))).toMatch(
            /<expr><\?\)$/,
          );
        expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      },
    );
  });
});
