import { randomUUID } from 'node:crypto';
import {
  type EventStore,
  type NewEvent,
  type StoredEvent,
  WrongExpectedRevisionError,
} from './event-store.port';
import { ChainVerifier, eventHash, GENESIS } from './hash-chain';

/** The one contract every event store adapter must pass (DESIGN.md §2). */
export const eventStoreContract = (name: string, open: () => Promise<EventStore>) => {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const event = (type = 'LeadQualified', data: Record<string, unknown> = { n: 1 }): NewEvent => {
      const eventId = randomUUID();
      return {
        eventId,
        type,
        data,
        metadata: {
          eventId,
          schemaVersion: 1,
          occurredAt: '2026-03-01T09:00:00.000Z',
          actorId: 'actor',
          commandId: 'cmd',
          correlationId: 'cor',
          causationId: 'cmd',
        },
      };
    };
    const stream = () => `lead-${randomUUID()}`;
    const drain = async (from: number, count: number, during?: () => Promise<void>) => {
      const subscription = store.subscribe(from);
      const seen: StoredEvent[] = [];
      const pending = during?.();
      for await (const e of subscription) {
        seen.push(e);
        if (seen.length >= count) break;
      }
      await subscription.close();
      await pending;
      return seen;
    };

    it('appends to a new stream with no_stream and reads it back in order', async () => {
      const s = stream();
      const events = [event('LeadQualified', { a: 1 }), event('LeadQualified', { a: 2 })];
      const result = await store.append(s, events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.eventId, e.revision, e.data])).toEqual([
        [events[0]!.eventId, 0, { a: 1 }],
        [events[1]!.eventId, 1, { a: 2 }],
      ]);
      expect(read[1]!.metadata).toEqual({
        ...events[1]!.metadata,
        previousHash: eventHash(read[0]!),
      });
      expect(result.position).toBe(read[1]!.position);
    });

    it('rejects no_stream on an existing stream with a typed conflict', async () => {
      const s = stream();
      await store.append(s, [event()], 'no_stream');
      await expect(store.append(s, [event()], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('checks an exact revision', async () => {
      const s = stream();
      await store.append(s, [event(), event()], 'no_stream');
      await expect(store.append(s, [event()], 0)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(s, [event()], 5)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const ok = await store.append(s, [event()], 1);
      expect(ok.nextExpectedRevision).toBe(2);
    });

    it('rejects an exact revision on a missing stream', async () => {
      await expect(store.append(stream(), [event()], 0)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
    });

    it('appends anywhere with any', async () => {
      const s = stream();
      await store.append(s, [event()], 'any');
      const result = await store.append(s, [event()], 'any');
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('treats re-appending the same event ids as a no-op returning the first result', async () => {
      const s = stream();
      const events = [event(), event()];
      const first = await store.append(s, events, 'no_stream');
      await store.append(s, [event()], 1);
      const again = await store.append(s, events, 'no_stream');
      expect(again).toEqual(first);
      expect(await store.readStream(s)).toHaveLength(3);
    });

    it('reads a stream from a revision, and a missing stream as empty', async () => {
      const s = stream();
      await store.append(s, [event(), event(), event()], 'no_stream');
      expect((await store.readStream(s, 1)).map((e) => e.revision)).toEqual([1, 2]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads all from a position, exclusive, in commit order with a limit', async () => {
      const head = await store.headPosition();
      const a = stream();
      const b = stream();
      await store.append(a, [event()], 'no_stream');
      await store.append(b, [event()], 'no_stream');
      await store.append(a, [event()], 0);
      const all = await store.readAll(head, { limit: 10 });
      expect(all.map((e) => [e.streamId, e.revision])).toEqual([
        [a, 0],
        [b, 0],
        [a, 1],
      ]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      expect(await store.readAll(all[0]!.position, { limit: 1 })).toEqual([all[1]]);
      expect(await store.headPosition()).toBe(all[2]!.position);
    });

    it('gives each event of one append a position of its own, in the order of the log', async () => {
      const head = await store.headPosition();
      const s = stream();
      const result = await store.append(s, [event(), event(), event()], 'no_stream');
      await store.append(stream(), [event()], 'no_stream');
      const all = await store.readAll(head, { limit: 10 });
      const positions = all.map((e) => e.position);
      expect(new Set(positions).size).toBe(4);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(result.position).toBe(all[2]!.position);
      expect((await store.readStream(s)).map((e) => e.position)).toEqual(positions.slice(0, 3));
      expect(await store.headPosition()).toBe(all[3]!.position);
      // A reader that resumes inside an append gets the rest of it, one page at a time.
      const walked: number[] = [];
      for (let from = head; walked.length < 4;) {
        const page = await store.readAll(from, { limit: 1 });
        if (page.length === 0) break;
        walked.push(page[0]!.position);
        from = page[0]!.position;
      }
      expect(walked).toEqual(positions);
      const live = await drain(all[0]!.position, 3);
      expect(live.map((e) => e.position)).toEqual(positions.slice(1));
    });

    it('subscribes: catch-up then live, without gaps or duplicates across the switch', async () => {
      const from = await store.headPosition();
      const s = stream();
      for (let i = 0; i < 20; i++) await store.append(s, [event('LeadQualified', { i })], 'any');
      const seen = await drain(from, 40, async () => {
        for (let i = 20; i < 40; i++) {
          await store.append(s, [event('LeadQualified', { i })], 'any');
          if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      });
      expect(seen.map((e) => (e.data as { i: number }).i)).toEqual([...Array(40).keys()]);
      expect(seen.map((e) => e.revision)).toEqual([...Array(40).keys()]);
    });

    it('lets exactly one of two concurrent appenders at one revision win', async () => {
      const s = stream();
      await store.append(s, [event()], 'no_stream');
      const results = await Promise.allSettled([
        store.append(s, [event()], 0),
        store.append(s, [event()], 0),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('lets exactly one of many concurrent creators of a stream win', async () => {
      const s = stream();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.append(s, [event()], 'no_stream')),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('lifts old payloads to the current schema on read', async () => {
      const s = stream();
      const old = event('LeadCreated', { leadId: 'l', name: 'Mari', source: 'web' });
      old.metadata.schemaVersion = 1;
      await store.append(s, [old], 'no_stream');
      const [read] = await store.readStream(s);
      expect(read!.metadata.schemaVersion).toBe(2);
      expect(read!.data).toEqual({ leadId: 'l', personName: 'Mari', source: 'web' });
      const [raw] = await store.readStream(s, 0, { raw: true });
      expect(raw!.metadata.schemaVersion).toBe(1);
      expect(raw!.data).toEqual({ leadId: 'l', name: 'Mari', source: 'web' });
    });

    it('links each appended event to the one before it in its stream', async () => {
      const s = stream();
      await store.append(s, [event(), event()], 'no_stream');
      await store.append(s, [event()], 'any');
      await store.append(stream(), [event()], 'no_stream');
      const raw = await store.readStream(s, 0, { raw: true });
      expect(raw.map((e) => e.metadata.previousHash)).toEqual([
        GENESIS,
        eventHash(raw[0]!),
        eventHash(raw[1]!),
      ]);
      const verifier = new ChainVerifier();
      for (const e of await store.readAll(0, { limit: 100, raw: true })) verifier.add(e);
      expect(verifier.ok).toBe(true);
      expect(verifier.headOf(s)).toBe(eventHash(raw[2]!));
    });

    it('keeps the chain whole under concurrent appends to one stream', async () => {
      const s = stream();
      await store.append(s, [event()], 'no_stream');
      await Promise.allSettled(Array.from({ length: 5 }, () => store.append(s, [event()], 'any')));
      const verifier = new ChainVerifier();
      for (const e of await store.readStream(s, 0, { raw: true })) verifier.add(e);
      expect(verifier.checked).toBeGreaterThan(1);
      expect(verifier.firstBroken).toBeUndefined();
    });
  });
};
