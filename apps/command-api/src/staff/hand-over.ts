import { type OwnedKind, reassign } from '#commands';
import { type AggregateRepository, type CommandMeta, deterministicId } from '#commands';

export type OwnedItem = { kind: OwnedKind; itemId: string };

/** Where a hand-over finds what the leaving member owns: the portfolio read model. */
export type PortfolioSource = {
  /** Resolves once the read model has applied every event up to `position`. */
  caughtUp(position: number): Promise<void>;
  openItems(staffId: string): Promise<OwnedItem[]>;
};

/** The hand-over could not finish now; retrying completes it. */
export class HandOverIncompleteError extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} items still await reassignment; retry the request to complete it`);
    this.name = 'HandOverIncompleteError';
  }
}

export type HandOverResult = {
  correlationId: string;
  position: number;
  reassigned: Record<OwnedKind, number>;
};

const MAX_ROUNDS = 5;

/**
 * Moves every open item of a deactivated member to the successor, one reassignment event per
 * item, all with one correlation id derived from the member. Each item's command id derives
 * from that id and the item, and each decider moves an item only while the leaving member
 * still owns it and it is open: a retried or resumed hand-over never moves anything twice.
 * Rounds repeat until the read model, caught up to the last move, shows nothing left.
 */
export class HandOver {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly portfolio: PortfolioSource,
  ) {}

  static correlationOf(staffId: string): string {
    return deterministicId(`hand-over\n${staffId}`);
  }

  async run(
    staffId: string,
    successorId: string,
    deactivatedAt: number,
    meta: CommandMeta,
  ): Promise<HandOverResult> {
    const correlationId = HandOver.correlationOf(staffId);
    const reassigned: Record<OwnedKind, number> = {
      lead: 0,
      customer: 0,
      deal: 0,
      activity: 0,
      ticket: 0,
    };
    let position = deactivatedAt;
    let remaining = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await this.portfolio.caughtUp(position);
      const items = await this.portfolio.openItems(staffId);
      remaining = items.length;
      if (items.length === 0) return { correlationId, position, reassigned };
      for (const { kind, itemId } of items) {
        const r = await reassign(
          this.repository,
          kind,
          itemId,
          { fromStaffId: staffId, toStaffId: successorId, handOver: true, now: meta.now },
          {
            ...meta,
            commandId: deterministicId(`${correlationId}\n${kind}-${itemId}`),
            correlationId,
            causationId: meta.commandId,
            idempotent: true,
          },
        );
        if (r.appended > 0) reassigned[kind] += 1;
        position = Math.max(position, r.position);
      }
    }
    throw new HandOverIncompleteError(remaining);
  }
}
