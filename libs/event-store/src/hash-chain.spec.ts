import { type StoredEvent } from './event-store.port';
import { linkAfter, type ChainLink, verifyChains } from './hash-chain';

/** A log of `streams` streams of three events each, interleaved, chained as a store chains them. */
const log = (streams: number): StoredEvent[] => {
  const links = new Map<string, ChainLink>();
  const out: StoredEvent[] = [];
  for (let round = 0; round < 3; round++)
    for (let s = 0; s < streams; s++) {
      const streamId = `activity-${s}`;
      const linked = linkAfter(streamId, links.get(streamId), [
        {
          eventId: `e-${s}-${round}`,
          type: 'ActivityCompleted',
          data: { round },
          metadata: {
            eventId: `e-${s}-${round}`,
            schemaVersion: 1,
            occurredAt: '2026-12-04T10:00:00.000Z',
            actorId: 'a',
            commandId: 'c',
            correlationId: 'c',
            causationId: 'c',
          },
        },
      ]);
      links.set(streamId, linked.link);
      const e = linked.events[0]!;
      out.push({ ...e, streamId, revision: round, position: out.length + 1 });
    }
  return out;
};

const storeOf = (events: StoredEvent[]) => ({
  headPosition: () => Promise.resolve(events.length),
  readAll: (from: number, options: { limit: number }) =>
    Promise.resolve(events.filter((e) => e.position > from).slice(0, options.limit)),
});

describe('following every chain of a log', () => {
  it('given more streams than it may hold at once, then it reads the log in parts and finds what one pass finds', async () => {
    const events = log(40);
    // An event edited after it was stored: the next one in its stream no longer links to it.
    const edited = events.findIndex((e) => e.streamId === 'activity-7' && e.revision === 1);
    events[edited] = { ...events[edited]!, data: { round: 99 } };
    const whole = await verifyChains(storeOf(events), { until: events.length });
    expect(whole).toMatchObject({ ok: false, checked: 120, streams: 40, passes: 1 });
    expect(whole.firstBroken).toMatchObject({ streamId: 'activity-7', revision: 2 });

    const seen: [number, number][] = [];
    const parts = await verifyChains(storeOf(events), {
      until: events.length,
      maxStreams: 8,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(parts.passes).toBeGreaterThanOrEqual(5);
    expect({ ...parts, passes: 1 }).toEqual(whole);
    // Progress counts every pass, and ends at the total.
    expect(seen.at(-1)).toEqual([parts.passes * events.length, parts.passes * events.length]);
  });

  it('given two broken streams in different parts, then the first broken link is the earliest in the log', async () => {
    const events = log(30);
    for (const s of ['activity-21', 'activity-3']) {
      const i = events.findIndex((e) => e.streamId === s && e.revision === 0);
      events[i] = { ...events[i]!, data: { round: -1 } };
    }
    const parts = await verifyChains(storeOf(events), { until: events.length, maxStreams: 4 });
    expect(parts.passes).toBeGreaterThan(1);
    expect(parts.firstBroken).toMatchObject({ streamId: 'activity-3', revision: 1 });
  });
});
