import { type StoredEvent } from '#event-store';
import { batches } from './batches';

const event = (position: number): StoredEvent => ({
  eventId: `e${position}`,
  type: 'LeadQualified',
  data: {},
  streamId: 's',
  revision: position,
  position,
  metadata: {
    eventId: `e${position}`,
    schemaVersion: 1,
    occurredAt: 'x',
    actorId: 'a',
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
  },
});

async function* source(positions: number[], pauseAfter?: number) {
  for (const p of positions) {
    yield event(p);
    if (p === pauseAfter) await new Promise((r) => setTimeout(r, 50));
  }
}

const collect = async (it: AsyncIterable<StoredEvent[]>) => {
  const out: number[][] = [];
  for await (const batch of it) out.push(batch.map((e) => e.position));
  return out;
};

describe('batches', () => {
  it('closes a batch when it is full', async () => {
    expect(await collect(batches(source([1, 2, 3, 4, 5]), 2, 1000))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('never splits events that share a position (one commit)', async () => {
    expect(await collect(batches(source([1, 2, 2, 2, 3, 4]), 2, 1000))).toEqual([
      [1, 2, 2, 2],
      [3, 4],
    ]);
  });

  it('closes a batch when the source goes quiet', async () => {
    expect(await collect(batches(source([1, 2, 3, 4], 2), 100, 10))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('with no wait, closes a batch once the source has nothing ready in this turn of the loop', async () => {
    async function* bursts() {
      // Events that arrive together (one poll, one network read) come a microtask apart.
      for (const p of [1, 2, 3]) {
        await Promise.resolve();
        yield event(p);
      }
      await new Promise((r) => setTimeout(r, 5));
      yield event(4);
    }
    expect(await collect(batches(bursts(), 100, 0))).toEqual([[1, 2, 3], [4]]);
  });
});

describe('batches, when the consumer fails at the head of the log', () => {
  it('gives the failure back at once, though the source is waiting for an event that does not come', async () => {
    // A live source at its head: after its events it waits until closed.
    let close: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      close = resolve;
    });
    async function* live() {
      yield event(1);
      yield event(2);
      await closed;
    }
    const consume = async () => {
      for await (const batch of batches(live(), 100, 0)) {
        expect(batch.map((e) => e.position)).toEqual([1, 2]);
        throw new Error('the batch could not be written');
      }
    };
    const outcome = await Promise.race([
      consume().then(
        () => 'finished',
        (error: unknown) => (error instanceof Error ? error.message : 'not an error'),
      ),
      new Promise((r) => {
        setTimeout(() => {
          r('still waiting');
        }, 1000);
      }),
    ]);
    close();
    expect(outcome).toBe('the batch could not be written');
  });
});
