import { collections } from '#read-models';
import { SqliteReadStore, type WriteOp } from '#read-store';
import { calendarActivities, calendarPage } from './calendar';

/** Activities over three days: s1 is assigned some and takes part in others (entries). */
const given = async () => {
  const store = new SqliteReadStore(':memory:');
  const ops: WriteOp[] = [];
  let position = 0;
  const activity = (id: string, day: string, assigneeId: string, guests: string[] = []) => {
    position += 1;
    const fields = { day, status: 'planned', kind: 'meeting', customerId: 'c1' };
    ops.push({
      kind: 'upsert',
      collection: collections.activities,
      id,
      position,
      update: { $set: { ...fields, assigneeId, dealId: null, ticketId: null } },
    });
    for (const staffId of guests)
      ops.push({
        kind: 'upsert',
        collection: collections.calendarEntries,
        id: `${staffId}:${id}`,
        position,
        update: { $set: { ...fields, staffId, activityId: id, dealId: null, ticketId: null } },
      });
  };
  activity('a3', '2026-03-02', 's1');
  activity('a1', '2026-03-02', 's2', ['s1']);
  activity('a2', '2026-03-02', 's1', ['s3']);
  activity('a5', '2026-03-03', 's2', ['s1', 's3']);
  activity('a4', '2026-03-03', 's1');
  activity('a6', '2026-03-04', 's2', ['s3']);
  activity('a7', '2026-03-04', 's1');
  activity('a8', '2026-03-05', 's3', ['s1']);
  await store.apply(ops, []);
  return store;
};

describe("a member's calendar", () => {
  it('given activities assigned and taken part in, when read two at a time, then every page follows the last by day and id, with nothing twice and nothing left out', async () => {
    const store = await given();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      pages += 1;
      const page = await calendarPage(store, 's1', {}, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => `${a['day']}/${a._id}`));
      cursor = page.nextCursor;
    } while (cursor && pages < 10);
    expect(cursor).toBeUndefined();
    expect(seen).toEqual([
      '2026-03-02/a1',
      '2026-03-02/a2',
      '2026-03-02/a3',
      '2026-03-03/a4',
      '2026-03-03/a5',
      '2026-03-04/a7',
      '2026-03-05/a8',
    ]);
    await store.close();
  });

  it('given a day asked, then the calendar holds that day only, whole, for the feed as for a page', async () => {
    const store = await given();
    const day = { day: { $gte: '2026-03-03', $lte: '2026-03-04' } };
    const ids = (await calendarActivities(store, 's1', day)).map((a) => a._id);
    expect(ids).toEqual(['a4', 'a5', 'a7']);
    expect((await calendarPage(store, 's1', day, { limit: 50 })).items.map((a) => a._id)).toEqual(
      ids,
    );
    expect((await calendarActivities(store, 's3', {})).map((a) => a._id)).toEqual([
      'a2',
      'a5',
      'a6',
      'a8',
    ]);
    await store.close();
  });
});
