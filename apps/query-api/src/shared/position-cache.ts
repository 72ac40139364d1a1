import { type ReadStore } from '#read-store';

/**
 * Answers that are costly to compute (a segment's report walks every member), kept while the
 * read models stay where they are: each is filed under the checkpoints of every projection,
 * so once any projection applies an event the next request computes afresh. At most `size`
 * answers are kept, the least recently used going first.
 */
export class PositionCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly store: Pick<ReadStore, 'checkpoints'>,
    private readonly size = 100,
  ) {}

  async answer(key: string, compute: () => Promise<T>): Promise<T> {
    const at = (await this.store.checkpoints())
      .map((c) => `${c.name}:${c.position}`)
      .sort()
      .join(',');
    const filed = `${key}\n${at}`;
    const kept = this.entries.get(filed);
    if (kept !== undefined) {
      this.entries.delete(filed);
      this.entries.set(filed, kept);
      return kept;
    }
    const value = await compute();
    this.entries.set(filed, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.size) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
