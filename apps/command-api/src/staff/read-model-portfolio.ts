import { projections } from '#read-models';
import { type OwnedItem, type PortfolioSource } from './hand-over';
import { type CommandReads } from '#commands';

/** The portfolio read model as a hand-over's source, waiting (bounded) for the projector. */
export class ReadModelPortfolio implements PortfolioSource {
  constructor(private readonly reads: CommandReads) {}

  caughtUp(position: number): Promise<void> {
    return this.reads.caughtUp(projections.portfolio, position);
  }

  openItems(staffId: string): Promise<OwnedItem[]> {
    return this.reads.openPortfolio(staffId);
  }
}
