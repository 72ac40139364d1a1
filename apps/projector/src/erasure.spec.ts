import { MemoryEventStore, SealingEventStore, type StoredEvent } from '#event-store';
import { collections, projections } from '#read-models';
import { type Doc, SqliteReadStore } from '#read-store';
import {
  appendAll,
  keyStoreInTempDir,
  personalHistory,
  personalValues,
} from '../../../libs/event-store/src/personal-data/personal-data-fixture';
import { projectBatch, type Projection } from './projection';
import { onePerDocument } from './projection-testing';
import { projectionsFor } from './projections';

const allProjections = projectionsFor({ timeZone: 'Europe/Tallinn' });

const ids = { customerId: 'c1', leadId: 'l1', ownerId: 'staff-1' };
/** Phones are indexed as digits too. */
const secrets = [...personalValues, '3725551234'];

/**
 * Every document a projection writes for the events, one batch per event, by collection; an
 * event may upsert a document once (the port's rule).
 */
const project = async (projection: Projection, events: StoredEvent[]) => {
  const store = new SqliteReadStore(':memory:');
  const written = new Set<string>();
  try {
    for (const e of events) {
      const ops = await projectBatch(projection, [e], store);
      onePerDocument(ops, e);
      for (const op of ops) written.add(op.collection);
      await store.apply(ops, [{ name: projection.name, position: e.position }]);
    }
    const out: Record<string, Doc[]> = {};
    for (const c of [...written].sort())
      out[c] = (await store.find(c, {}, { sort: [['_id', 1]], limit: 1000 })).items;
    return out;
  } finally {
    await store.close();
  }
};

const leaked = (docs: unknown) => secrets.filter((s) => JSON.stringify(docs).includes(s));

describe('erasure in the read models', () => {
  let live: StoredEvent[];
  let erased: StoredEvent[];
  beforeAll(async () => {
    const keys = keyStoreInTempDir();
    const store = new SealingEventStore(new MemoryEventStore(), keys);
    await appendAll(store, personalHistory(ids));
    live = await store.readAll(0, { limit: 1000 });
    await keys.destroy('customer:c1');
    await keys.destroy('lead:l1');
    await appendAll(store, [
      [
        'customer-c1',
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: 'c1', leadIds: ['l1'], reason: 'request', erasedAt: 'x' },
        },
      ],
    ]);
    // The log as a rebuild reads it now: personal fields erased, then the erasure.
    erased = await store.readAll(0, { limit: 1000 });
    await store.close();
  });

  it('given the history before the erasure, then the read models hold the personal data', async () => {
    const all = await Promise.all(allProjections.map((p) => project(p, live)));
    expect(leaked(all)).toEqual(secrets);
  });

  it.each(allProjections.map((p) => [p.name, p] as const))(
    'given an erasure, then %s holds no personal data and equals its rebuild',
    async (_name, projection) => {
      const erasure = erased[erased.length - 1]!;
      const kept = await project(projection, [...live, erasure]);
      expect(leaked(kept)).toEqual([]);
      expect(await project(projection, erased)).toEqual(kept);
    },
  );

  it.each(allProjections.map((p) => [p.name, p] as const))(
    'given a lead erased before it became a customer, then %s forgets it and equals its rebuild',
    async (_name, projection) => {
      const keys = keyStoreInTempDir();
      const store = new SealingEventStore(new MemoryEventStore(), keys);
      const leadOnly = personalHistory({ customerId: 'c9', leadId: 'l9', ownerId: 'staff-1' })
        .slice(0, 3)
        .concat([
          [
            'lead-l9',
            {
              type: 'LeadDisqualified',
              data: { leadId: 'l9', reason: 'no budget', disqualifiedAt: 'x' },
            },
          ],
        ]);
      await appendAll(store, leadOnly);
      const before = await store.readAll(0, { limit: 100 });
      await keys.destroy('lead:l9');
      await appendAll(store, [
        [
          'lead-l9',
          {
            type: 'LeadPersonalDataErased',
            data: { leadId: 'l9', reason: 'asked', erasedAt: 'x' },
          },
        ],
      ]);
      const after = await store.readAll(0, { limit: 100 });
      await store.close();
      const kept = await project(projection, [...before, after[after.length - 1]!]);
      expect(leaked(kept)).toEqual([]);
      expect(await project(projection, after)).toEqual(kept);
    },
  );

  it('given an erasure, then amounts, minutes and stages stay', async () => {
    const erasure = erased[erased.length - 1]!;
    const byName = (name: string) => allProjections.find((p) => p.name === name)!;
    const board = await project(
      allProjections.find((p) => p.indexes.some(([c]) => c === collections.deals))!,
      [...live, erasure],
    );
    expect(board[collections.deals]?.[0]).toMatchObject({
      value: { amount: 125000, currency: 'EUR' },
      stageId: 's1',
    });
    const activities = await project(byName(projections.activities), [...live, erasure]);
    expect(
      activities[collections.timeSpent]?.find((d) => d._id.startsWith('customer:c1')),
    ).toMatchObject({ minutes: 60, activities: 2 });
    const customers = await project(byName(collections.customers), [...live, erasure]);
    expect(customers[collections.customers]?.[0]).toMatchObject({
      name: '[erased]',
      kind: 'person',
      tagSet: { vip: true },
      registry: { registryCode: '90000001', legalName: '[erased]' },
      personalDataErasedAt: 'x',
    });
  });
});
