import { ERASED } from '#events';
import { ChainVerifier } from '../hash-chain';
import { MemoryEventStore } from '../memory/memory-event-store';
import { type StoredEvent } from '../event-store.port';
import {
  appendAll,
  keyStoreInTempDir,
  personalHistory,
  personalValues,
} from './personal-data-fixture';
import { SealingEventStore } from './sealing-event-store';
import { type SqliteKeyStore } from './sqlite-key-store';

const ids = { customerId: 'c1', leadId: 'l1', ownerId: 'staff-1' };
const readable = (events: StoredEvent[]) =>
  personalValues.filter((v) => JSON.stringify(events).includes(v));
const eraseKeys = async (keys: SqliteKeyStore) => {
  await keys.destroy('customer:c1');
  await keys.destroy('lead:l1');
};

describe('sealing event store (crypto-shredding)', () => {
  let keys: SqliteKeyStore;
  let inner: MemoryEventStore;
  let store: SealingEventStore;
  beforeEach(async () => {
    keys = keyStoreInTempDir();
    inner = new MemoryEventStore();
    store = new SealingEventStore(inner, keys);
    await appendAll(store, personalHistory(ids));
  });
  afterEach(() => store.close());

  it('given personal data, then it is stored sealed and read back in place', async () => {
    const raw = await store.readAll(0, { limit: 100, raw: true });
    expect(readable(raw)).toEqual([]);
    expect(raw.filter((e) => '$sealed' in (e.data as object)).map((e) => e.type)).toContain(
      'CustomerRegistered',
    );
    const opened = await store.readAll(0, { limit: 100 });
    expect(readable(opened)).toEqual(personalValues);
    const registered = opened.find((e) => e.type === 'CustomerRegistered')!;
    expect(registered.data).toMatchObject({
      name: 'Mari Maasikas',
      address: { street: 'Tamme 5', city: 'Tartu' },
      kind: 'person',
    });
    expect(registered.erased).toBeUndefined();
    expect(await store.readStream('customer-c1')).toEqual(
      opened.filter((e) => e.streamId === 'customer-c1'),
    );
  });

  it('given the keys destroyed, then personal fields read as erased and the rest stays', async () => {
    await eraseKeys(keys);
    const events = await store.readAll(0, { limit: 100 });
    expect(readable(events)).toEqual([]);
    const registered = events.find((e) => e.type === 'CustomerRegistered')!;
    expect(registered.data).toEqual({
      customerId: 'c1',
      kind: 'person',
      name: ERASED,
      ownerId: 'staff-1',
      sourceLeadId: 'l1',
      registeredAt: '2026-03-02T10:00:00.000Z',
    });
    expect(registered.erased).toEqual(['name', 'email', 'phone', 'address']);
    const deal = events.find((e) => e.type === 'DealOpened')!;
    // a deal's title is free text about the customer: erased; its value is not personal
    expect(deal.data).toMatchObject({ title: ERASED, value: { amount: 125000, currency: 'EUR' } });
    expect(deal.erased).toEqual(['title']);
    const profile = events.find((e) => e.type === 'CustomerProfileUpdated')!;
    expect(profile.data).toEqual({
      customerId: 'c1',
      changes: {},
      updatedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(events.find((e) => e.type === 'InteractionLogged')!.data).toMatchObject({
      summary: ERASED,
      minutesSpent: 45,
    });
  });

  it('given the keys destroyed, then every stream chain still verifies: no stored byte changed', async () => {
    const before = await store.readAll(0, { limit: 100, raw: true });
    await eraseKeys(keys);
    const after = await store.readAll(0, { limit: 100, raw: true });
    expect(after).toEqual(before);
    const verifier = new ChainVerifier();
    for (const e of after) verifier.add(e);
    expect(verifier.firstBroken).toBeUndefined();
    expect(verifier.unchained).toBe(0);
  });

  it('given an erasure, then new personal data is sealed with a new key that still opens', async () => {
    await eraseKeys(keys);
    await appendAll(store, [
      [
        'customer-c1',
        {
          type: 'CustomerProfileUpdated',
          data: { customerId: 'c1', changes: { name: 'M. K.' }, updatedAt: 'x' },
        },
      ],
    ]);
    const [last] = (await store.readStream('customer-c1')).slice(-1);
    expect(last!.data).toMatchObject({ changes: { name: 'M. K.' } });
    const [raw] = (await store.readStream('customer-c1', 0, { raw: true })).slice(-1);
    expect((raw!.data as { $sealed: { keyId: string } }).$sealed.keyId).toBe('customer:c1/2');
  });

  it('given a sealed box moved to another event, then it does not open there', async () => {
    const inner = new MemoryEventStore();
    const sealing = new SealingEventStore(inner, keyStoreInTempDir());
    await appendAll(sealing, personalHistory(ids).slice(4, 5));
    const [registered] = await inner.readStream('customer-c1', 0, { raw: true });
    const copy = { ...registered!, eventId: 'another', metadata: { ...registered!.metadata } };
    await inner.append('customer-c2', [copy], 'any');
    const [moved] = await sealing.readStream('customer-c2');
    expect(moved!.erased).toEqual(['name', 'email', 'phone', 'address']);
    await sealing.close();
  });

  it('given a subscription, then it opens events and forgets its keys at an erasure', async () => {
    const subscription = store.subscribe(0);
    const events = subscription[Symbol.asyncIterator]();
    const next = async () => (await events.next()).value as StoredEvent;
    const seen: StoredEvent[] = [];
    for (const _ of personalHistory(ids)) seen.push(await next());
    expect(readable(seen)).toEqual(personalValues);
    // A contact sealed with the key the subscription has seen, committed after the erasure.
    const scratch = new MemoryEventStore();
    await appendAll(new SealingEventStore(scratch, keys), personalHistory(ids).slice(6, 7));
    const [late] = await scratch.readStream('customer-c1', 0, { raw: true });
    await eraseKeys(keys);
    await appendAll(store, [
      [
        'customer-c1',
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: 'c1', leadIds: ['l1'], reason: 'request', erasedAt: 'x' },
        },
      ],
    ]);
    await inner.append('customer-c1', [late!], 'any');
    const after = [await next(), await next()];
    expect(after.map((e) => e.type)).toEqual(['CustomerPersonalDataErased', 'ContactPersonAdded']);
    // a contact's role is no personal data: it stays
    expect(after[1]!.data).toMatchObject({ name: ERASED, role: 'CFO' });
    await subscription.close();
  });
});
