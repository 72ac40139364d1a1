import { collections, type PortfolioItemDoc, projections } from '#read-models';
import { findAll } from '#read-store';
import { type OwnedItem, type PortfolioSource } from './hand-over';
import { type ReadSide } from '#commands';

/** The portfolio read model as a hand-over's source, waiting (bounded) for the projector. */
export class ReadModelPortfolio implements PortfolioSource {
  constructor(private readonly reads: ReadSide) {}

  caughtUp(position: number): Promise<void> {
    return this.reads.caughtUp(projections.portfolio, position);
  }

  async openItems(staffId: string): Promise<OwnedItem[]> {
    const docs = await findAll<PortfolioItemDoc>(
      this.reads.store,
      collections.portfolio,
      { ownerId: staffId, open: true },
      [['_id', 1]],
    );
    return docs.map((d) => ({ kind: d.kind, itemId: d.itemId }));
  }
}
