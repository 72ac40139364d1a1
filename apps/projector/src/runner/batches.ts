import { type StoredEvent } from '#event-store';

const TIMEOUT = Symbol('timeout');

/**
 * Groups a subscription into batches: a batch closes when it is full or `waitMs` after it
 * started, whichever comes first. A full batch never splits events sharing one position
 * (one EventStoreDB commit), so a checkpoint always falls between commits.
 */
export async function* batches(
  source: AsyncIterable<StoredEvent>,
  max: number,
  waitMs: number,
): AsyncGenerator<StoredEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<StoredEvent>> | undefined;
  let batch: StoredEvent[] = [];
  let deadline: Promise<typeof TIMEOUT> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      pending ??= iterator.next();
      if (batch.length > 0 && !deadline)
        deadline = new Promise((resolve) => {
          timer = setTimeout(() => {
            resolve(TIMEOUT);
          }, waitMs);
        });
      const next = deadline ? await Promise.race([pending, deadline]) : await pending;
      if (next === TIMEOUT) {
        deadline = undefined;
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (next.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      const last = batch[batch.length - 1];
      if (batch.length >= max && last && last.position !== next.value.position) {
        clearTimeout(timer);
        deadline = undefined;
        yield batch;
        batch = [];
      }
      batch.push(next.value);
    }
  } finally {
    clearTimeout(timer);
    await iterator.return?.();
  }
}
