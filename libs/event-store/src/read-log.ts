import { type EventStore, type Position, type StoredEvent } from './event-store.port';

/**
 * The global log in pages, from after `from` up to `until` (inclusive; the head at the start
 * when absent): for scans, exports and rebuilds that must stop at a known position.
 */
export async function* readLog(
  events: Pick<EventStore, 'readAll' | 'headPosition'>,
  options: { from?: Position; until?: Position; raw?: boolean; pageSize?: number } = {},
): AsyncGenerator<StoredEvent[]> {
  const until = options.until ?? (await events.headPosition());
  for (let from = options.from ?? 0; from < until;) {
    const page = await events.readAll(from, {
      limit: options.pageSize ?? 2000,
      ...(options.raw ? { raw: true } : {}),
    });
    const kept = page.filter((e) => e.position <= until);
    if (kept.length > 0) yield kept;
    if (kept.length < page.length || page.length === 0) return;
    from = page[page.length - 1]!.position;
  }
}
