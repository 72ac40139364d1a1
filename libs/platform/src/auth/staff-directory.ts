import { staffDecider, type StaffState } from '#domain';
import { type EventStore } from '#event-store';
import { type StaffEvent } from '#events';

type Entry = { state: StaffState; revision: number };

type Waiting = { resolve: (state: StaffState) => void; reject: (error: unknown) => void }[];

/**
 * Who a token's subject is now, read from the staff stream itself (only the events after the
 * cached revision), so a deactivation counts from the moment it is stored. The requests of one
 * staff member that arrive in one turn of the event loop share one read, made after all of
 * them arrived: each sees every event stored before it came.
 */
export class StaffDirectory {
  private readonly cache = new Map<string, Entry>();
  private waiting = new Map<string, Waiting>();

  constructor(private readonly store: EventStore) {}

  lookup(staffId: string): Promise<StaffState> {
    return new Promise((resolve, reject) => {
      const waiting = this.waiting.get(staffId);
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      if (this.waiting.size === 0)
        setImmediate(() => {
          this.readWaiting();
        });
      this.waiting.set(staffId, [{ resolve, reject }]);
    });
  }

  private readWaiting() {
    const waiting = this.waiting;
    this.waiting = new Map();
    for (const [staffId, waiters] of waiting)
      this.read(staffId).then(
        (state) => {
          for (const w of waiters) w.resolve(state);
        },
        (error: unknown) => {
          for (const w of waiters) w.reject(error);
        },
      );
  }

  private async read(staffId: string): Promise<StaffState> {
    const cached = this.cache.get(staffId) ?? { state: staffDecider.initialState(), revision: -1 };
    const tail = await this.store.readStream(`staff-${staffId}`, cached.revision + 1);
    if (tail.length === 0) return cached.state;
    let state = cached.state;
    for (const e of tail)
      state = staffDecider.evolve(state, { type: e.type, data: e.data } as StaffEvent);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(staffId, { state, revision: tail[tail.length - 1]!.revision });
    return state;
  }
}
