import { type EventEmitter } from 'node:events';
import { type Position, type StoredEvent, type Subscription } from './event-store.port';

type Reader = (from: Position, options: { limit: number }) => Promise<StoredEvent[]>;

/**
 * Catch-up then live over `readAll`: the same query serves both phases, so the switch can
 * neither skip nor repeat an event. While idle it sleeps until woken by a local append or
 * the poll interval passes (appends from other processes).
 */
export const pollingSubscription = (
  readAll: Reader,
  from: Position,
  wake: (listener: () => void) => () => void,
  options: { batch?: number; idleMs?: number } = {},
): Subscription => {
  const batch = options.batch ?? 500;
  const idleMs = options.idleMs ?? 10;
  let closed = false;
  /** Read through a function: `close()` flips the flag while the generator awaits. */
  const isClosed = () => closed;
  let stopWaiting: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, idleMs);
      const unsubscribe = wake(done);
      stopWaiting = done;
      function done() {
        clearTimeout(timer);
        unsubscribe();
        stopWaiting = undefined;
        resolve();
      }
    });

  async function* run(): AsyncGenerator<StoredEvent> {
    let position = from;
    while (!isClosed()) {
      const events = await readAll(position, { limit: batch });
      for (const event of events) {
        if (isClosed()) return;
        position = event.position;
        yield event;
      }
      if (events.length < batch && !isClosed()) await sleep();
    }
  }

  return {
    [Symbol.asyncIterator]: run,
    close: () => {
      closed = true;
      stopWaiting?.();
      return Promise.resolve();
    },
  };
};

/** Wakes a sleeping subscription on the next `append` the emitter announces. */
export const onAppend =
  (emitter: EventEmitter) =>
  (listener: () => void): (() => void) => {
    emitter.once('append', listener);
    return () => emitter.off('append', listener);
  };
