import { collections, type PortfolioItemDoc, projections } from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { HandOverIncompleteError, type OwnedItem, type PortfolioSource } from './hand-over';

/** The portfolio read model as a hand-over's source, waiting (bounded) for the projector. */
export class ReadModelPortfolio implements PortfolioSource {
  constructor(
    private readonly store: ReadStore,
    private readonly maxWaitMs = 30_000,
  ) {}

  async caughtUp(position: number): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
      const saved = await this.store.checkpoints();
      const reached = saved.find((c) => c.name === projections.portfolio)?.position ?? 0;
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new HandOverIncompleteError(-1);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  async openItems(staffId: string): Promise<OwnedItem[]> {
    const docs = await findAll<PortfolioItemDoc>(
      this.store,
      collections.portfolio,
      { ownerId: staffId, open: true },
      [['_id', 1]],
    );
    return docs.map((d) => ({ kind: d.kind, itemId: d.itemId }));
  }
}
