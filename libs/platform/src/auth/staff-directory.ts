import { staffDecider, type StaffState } from '#domain';
import { type EventStore } from '#event-store';
import { type StaffEvent } from '#events';

type Entry = { state: StaffState; revision: number };

/**
 * Who a token's subject is now, read from the staff stream itself on every request (only the
 * events after the cached revision), so a deactivation counts from the moment it is stored.
 */
export class StaffDirectory {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly store: EventStore) {}

  async lookup(staffId: string): Promise<StaffState> {
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
