import { type StoredEvent } from '#event-store';

const TIMEOUT = Symbol('timeout');

/**
 * Groups a subscription into batches: a batch closes when it is full or `waitMs` after it
 * started, whichever comes first; with `waitMs` 0, as soon as the source has no event ready
 * within one turn of the event loop (what one poll or one network read delivered, and what
 * arrived while the last batch was being applied), so a quiet log's event is applied at once
 * and a busy log still comes in large batches. A full batch never splits events sharing one
 * position (one EventStoreDB commit), so a checkpoint always falls between commits.
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
  let cancel: (() => void) | undefined;
  try {
    for (;;) {
      pending ??= iterator.next();
      if (batch.length > 0 && !deadline)
        deadline = new Promise((resolve) => {
          const close = () => {
            resolve(TIMEOUT);
          };
          if (waitMs > 0) {
            const timer = setTimeout(close, waitMs);
            cancel = () => {
              clearTimeout(timer);
            };
          } else {
            const immediate = setImmediate(close);
            cancel = () => {
              clearImmediate(immediate);
            };
          }
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
        cancel?.();
        deadline = undefined;
        yield batch;
        batch = [];
      }
      batch.push(next.value);
    }
  } finally {
    cancel?.();
    // With a read still outstanding (a live source at its head waits for the next event), the
    // source's return would wait for that read: the consumer's failure would hang until an
    // event came. It is asked to return without waiting; closing the subscription ends it.
    if (pending) void iterator.return?.().catch(() => undefined);
    else await iterator.return?.();
  }
}
