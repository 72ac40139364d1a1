import { randomUUID } from 'node:crypto';
import { Collection, MongoClient } from 'mongodb';
import { onMongo } from '../../../../test/support/ferretdb';
import { readStoreContract } from '../read-store.features';
import { type WriteOp } from '../read-store.port';
import { MongoReadStore } from './mongodb-read-store';

onMongo('read store', 'kroonika_contract', (label, url) => {
  readStoreContract(label, () => Promise.resolve(new MongoReadStore(url())));

  describe(`${label}: a batch cut short`, () => {
    const names = () => {
      const tag = randomUUID().replace(/-/g, '').slice(0, 10);
      return { first: `j_${tag}_a`, second: `j_${tag}_b`, checkpoint: `j_${tag}` };
    };
    const batch = (first: string, second: string): WriteOp[] => [
      { kind: 'upsert', collection: first, id: 'x', position: 10, update: { $set: { n: 1 } } },
      { kind: 'upsert', collection: second, id: 'y', position: 11, update: { $set: { n: 2 } } },
      { kind: 'upsert', collection: first, id: 'x', position: 12, update: { $inc: { n: 5 } } },
    ];

    it('is written whole, with its checkpoints, before the next writer reads them', async () => {
      const { first, second, checkpoint } = names();
      const crashed = new MongoReadStore(url());
      const real = Collection.prototype.bulkWrite;
      const spy = jest.spyOn(Collection.prototype, 'bulkWrite').mockImplementation(function (
        this: Collection,
        ...args: Parameters<typeof real>
      ) {
        if (this.collectionName === second) return Promise.reject(new Error('cut short'));
        return real.apply<Collection, typeof args, ReturnType<typeof real>>(this, args);
      });
      try {
        await expect(
          crashed.apply(batch(first, second), [{ name: checkpoint, position: 12 }]),
        ).rejects.toThrow('cut short');
      } finally {
        spy.mockRestore();
      }
      // Not whole: the second collection's write and the first's second one are missing.
      expect(await crashed.get(first, 'x')).not.toEqual({ _id: 'x', n: 6 });
      expect(await crashed.get(second, 'y')).toBeUndefined();
      expect((await crashed.checkpoints()).map((c) => c.name)).not.toContain(checkpoint);
      await crashed.close();

      const next = new MongoReadStore(url());
      await next.finishInterrupted();
      expect(await next.get(first, 'x')).toEqual({ _id: 'x', n: 6 });
      expect(await next.get(second, 'y')).toEqual({ _id: 'y', n: 2 });
      expect((await next.checkpoints()).find((c) => c.name === checkpoint)?.position).toBe(12);
      // Finished once: a second call finds nothing left to write.
      await next.finishInterrupted();
      expect(await next.get(first, 'x')).toEqual({ _id: 'x', n: 6 });
      for (const c of [first, second]) await next.dropCollection(c);
      await next.close();
    });

    it('keeps no journal once a batch is written', async () => {
      const { first, second } = names();
      const store = new MongoReadStore(url());
      await store.apply(batch(first, second), []);
      const client = new MongoClient(url());
      expect(await client.db().collection('journal').countDocuments({})).toBe(0);
      await client.close();
      for (const c of [first, second]) await store.dropCollection(c);
      await store.close();
    });
  });
});
