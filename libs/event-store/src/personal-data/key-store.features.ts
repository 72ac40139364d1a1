import { randomUUID } from 'node:crypto';
import { KEY_BYTES, type KeyStore } from './key-store.port';

/** The one contract every key store adapter must pass. */
export const keyStoreContract = (name: string, open: () => Promise<KeyStore>) => {
  describe(`key store contract: ${name}`, () => {
    let keys: KeyStore;
    let subject: string;
    beforeEach(async () => {
      keys = await open();
      subject = `customer:${randomUUID()}`;
    });
    afterEach(() => keys.close());

    it('creates a key on first use and hands out the same one after', async () => {
      const first = await keys.currentKey(subject);
      expect(first.keyId).toBe(`${subject}/1`);
      expect(first.key).toHaveLength(KEY_BYTES);
      const again = await keys.currentKey(subject);
      expect(again.keyId).toBe(first.keyId);
      expect(again.key.equals(first.key)).toBe(true);
      expect((await keys.currentKey(`${subject}-other`)).key.equals(first.key)).toBe(false);
    });

    it('finds live keys by id and leaves out unknown ones', async () => {
      const a = await keys.currentKey(subject);
      const found = await keys.keys([a.keyId, a.keyId, `${subject}/9`]);
      expect([...found.keys()]).toEqual([a.keyId]);
      expect(found.get(a.keyId)!.equals(a.key)).toBe(true);
      expect((await keys.keys([])).size).toBe(0);
    });

    it('destroys a subject for good: its keys are gone, a new generation starts', async () => {
      const first = await keys.currentKey(subject);
      const other = await keys.currentKey(`${subject}-other`);
      expect(await keys.destroy(subject)).toEqual([first.keyId]);
      expect((await keys.keys([first.keyId, other.keyId])).has(first.keyId)).toBe(false);
      expect((await keys.keys([other.keyId])).has(other.keyId)).toBe(true);
      expect(await keys.destroy(subject)).toEqual([]);
      const next = await keys.currentKey(subject);
      expect(next.keyId).toBe(`${subject}/2`);
      expect(next.key.equals(first.key)).toBe(false);
      expect((await keys.keys([first.keyId])).size).toBe(0);
    });

    it('gives each of many subjects asking at once its own key, kept for a store opened later', async () => {
      const subjects = Array.from({ length: 40 }, (_, i) => `${subject}-${i}`);
      const made = await Promise.all(subjects.map((s) => keys.currentKey(s)));
      expect(made.map((k) => k.keyId)).toEqual(subjects.map((s) => `${s}/1`));
      expect(new Set(made.map((k) => k.key.toString('hex'))).size).toBe(subjects.length);
      const later = await open();
      try {
        const found = await later.keys(made.map((k) => k.keyId));
        expect(made.every((k) => found.get(k.keyId)?.equals(k.key))).toBe(true);
        const again = await later.currentKey(subjects[7]!);
        expect(again.key.equals(made[7]!.key)).toBe(true);
      } finally {
        await later.close();
      }
    });

    it('gives one key to callers racing to create it', async () => {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => keys.currentKey(subject)));
      expect(new Set([a!.keyId, b!.keyId, c!.keyId]).size).toBe(1);
      expect(a!.key.equals(b!.key) && b!.key.equals(c!.key)).toBe(true);
    });

    it('gives one key to two stores on the same keys racing to create it', async () => {
      const other = await open();
      try {
        const [a, b] = await Promise.all([keys.currentKey(subject), other.currentKey(subject)]);
        expect(b.keyId).toBe(a.keyId);
        expect(b.key.equals(a.key)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('writes every key asked for before it closes', async () => {
      const asked = keys.currentKey(subject);
      // Closed while the key is on its way to be written.
      await new Promise((resolve) => setImmediate(resolve));
      await keys.close();
      const made = await asked;
      keys = await open();
      expect((await keys.keys([made.keyId])).get(made.keyId)?.equals(made.key)).toBe(true);
    });
  });
};
