import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BlobTooLargeError, type BlobStore } from './blob-store.port';

/** The contract every blob store adapter meets. */
export const blobStoreFeatures = (name: string, create: () => BlobStore) => {
  describe(`blob store contract: ${name}`, () => {
    let store: BlobStore;
    beforeEach(() => {
      store = create();
    });

    it('keeps content under its SHA-256 and gives it back byte for byte', async () => {
      const bytes = Buffer.from('%PDF-1.7 a small document\n'.repeat(1000));
      const stored = await store.put(Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]), 1e6);
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(stored.size).toBe(bytes.length);
      expect(stored.head.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await store.has(stored.sha256)).toBe(true);
      expect(await buffer((await store.get(stored.sha256))!)).toEqual(bytes);
    });

    it('stores the same content once', async () => {
      const a = await store.put(Readable.from([Buffer.from('same')]), 100);
      const b = await store.put(Readable.from([Buffer.from('same')]), 100);
      expect(a.sha256).toBe(b.sha256);
    });

    it('refuses content over the limit and keeps nothing of it', async () => {
      const big = Buffer.alloc(2048, 1);
      await expect(store.put(Readable.from([big]), 1024)).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await store.has(createHash('sha256').update(big).digest('hex'))).toBe(false);
    });

    it('deletes content for good, and only what is asked', async () => {
      const gone = await store.put(Readable.from([Buffer.from('erase me')]), 100);
      const kept = await store.put(Readable.from([Buffer.from('keep me')]), 100);
      expect(await store.delete(gone.sha256)).toBe(true);
      expect(await store.has(gone.sha256)).toBe(false);
      expect(await store.get(gone.sha256)).toBeUndefined();
      expect(await store.delete(gone.sha256)).toBe(false);
      expect(await store.delete('../x')).toBe(false);
      expect(await store.has(kept.sha256)).toBe(true);
    });

    it('lists what it keeps, with when it was stored', async () => {
      const before = Date.now() - 1000;
      const a = await store.put(Readable.from([Buffer.from('first')]), 100);
      const b = await store.put(Readable.from([Buffer.from('second')]), 100);
      await store.delete(a.sha256);
      const listed = [];
      for await (const blob of store.list()) listed.push(blob);
      expect(listed.map((l) => l.sha256)).toEqual([b.sha256]);
      expect(listed[0]!.storedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(await store.sweepTemporary(new Date())).toBe(0);
    });

    it('answers unknown and malformed hashes with nothing', async () => {
      expect(await store.get('0'.repeat(64))).toBeUndefined();
      expect(await store.get('../../etc/passwd')).toBeUndefined();
      expect(await store.has('../x')).toBe(false);
    });
  });
};
