import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  evolveWorkflowEngine,
  initialEngineState,
  localDay,
  offerHandled,
  type Trigger,
} from '#domain';
import { type EventStore, type StoredEvent } from '#event-store';
import { logFailure, Poller, readConfig } from '#platform';
import { operational, type WorkflowEngineDoc, workflowEngineId } from '#read-models';
import { type LeaseKeeper } from '#read-store';
import { DutyLeases } from '../stores.module';
import {
  DayChecked,
  LoggedEvent,
  type ReactionOutcome,
  type WorkflowInput,
} from './workflow-sagas';
import { EVENT_STORE } from '#commands';
import { DutyRecords } from '../worker-reads';

type Checkpoint = Omit<WorkflowEngineDoc, '_id' | 'savedAt'>;

const PAGE = 200;

const triggerOf = (stored: StoredEvent): Trigger =>
  ({
    type: stored.type,
    data: stored.data,
    eventId: stored.eventId,
    occurredAt: stored.metadata.occurredAt,
    correlationId: stored.metadata.correlationId,
    actorId: stored.metadata.actorId,
  }) as Trigger;

const counted = (reactions: Record<string, number>, outcomes: ReactionOutcome[]) => {
  const next = { ...reactions };
  for (const { reaction } of outcomes) next[reaction.ruleId] = (next[reaction.ruleId] ?? 0) + 1;
  return next;
};

export class ReactionFailedError extends Error {
  constructor(readonly outcome: Extract<ReactionOutcome, { result: 'failed' }>) {
    super(
      `reaction of rule ${outcome.reaction.ruleId} to ${outcome.reaction.cause.type} ` +
        `${outcome.reaction.cause.eventId} failed: ${String(outcome.error)}`,
    );
  }
}

/**
 * Runs the workflow rules over the event log: reads the events after its checkpoint in log
 * order, publishes each to the sagas with the rules' state before it, waits for every
 * reaction, folds the event into the state, and checkpoints position and state together.
 * Reactions carry ids derived from rule and cause, so those repeated after a crash (between a
 * reaction and the checkpoint) are replays: each fires once. A failed reaction stops the
 * runner at that event until it succeeds. Once up to date, the day is checked for offers past
 * their valid-until.
 */
@Injectable()
export class WorkflowRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly poller: Poller;
  private readonly timeZone = readConfig().sla.calendar.timeZone;
  private last: Checkpoint | undefined;
  private lastError: string | null = null;
  private readonly lease: LeaseKeeper;
  private leaseToken: number | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly records: DutyRecords,
    private readonly bus: EventBus,
    leases: DutyLeases,
  ) {
    this.lease = leases.for('workflows');
    this.poller = new Poller(
      'workflows',
      () => this.round(),
      readConfig().workflows.pollMs,
      (error) => {
        this.lastError = String(error);
        logFailure('workflows')(error);
      },
      this.lease,
    );
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async status() {
    const active = this.lease.held() !== undefined;
    // A copy standing by reads the checkpoint as the active one stored it.
    const checkpoint = active && this.last ? this.last : await this.load();
    const head = await this.events.headPosition();
    const rules = Object.values(checkpoint.state.rules);
    return {
      running: true,
      active,
      position: checkpoint.position,
      head,
      ...(this.events.densePositions ? { behind: head - checkpoint.position } : {}),
      rules: { enabled: rules.filter((r) => r.enabled).length, total: rules.length },
      openOffers: Object.keys(checkpoint.state.openOffers).length,
      reactions: checkpoint.reactions,
      lastError: this.lastError,
    };
  }

  private async load(): Promise<Checkpoint> {
    const doc = await this.records.get<WorkflowEngineDoc>(
      operational.workflowEngine,
      workflowEngineId,
    );
    return doc
      ? { position: doc.position, state: doc.state, reactions: doc.reactions }
      : { position: 0, state: initialEngineState(), reactions: {} };
  }

  private async save(checkpoint: Checkpoint) {
    await this.records.put(
      [
        {
          collection: operational.workflowEngine,
          id: workflowEngineId,
          set: { ...checkpoint, savedAt: new Date().toISOString() },
        },
      ],
      this.lease.fence(),
    );
    this.last = checkpoint;
  }

  /** Publishes an input to the sagas and waits for the reactions it led to. */
  private async publish(input: WorkflowInput): Promise<ReactionOutcome[]> {
    this.bus.publish(input);
    return Promise.all(input.outcomes);
  }

  /** One round: every new event in order, then the day's expiries. */
  async round(): Promise<void> {
    // The runner holding the lease is the checkpoint's only writer: read once it took the
    // lease, then kept (another copy may have moved it on meanwhile).
    if (!this.last || this.lease.token() !== this.leaseToken) {
      this.last = await this.load();
      this.leaseToken = this.lease.token();
    }
    let checkpoint = this.last;
    for (;;) {
      const page = await this.events.readAll(checkpoint.position, { limit: PAGE });
      if (page.length === 0) break;
      for (const stored of page) {
        if (this.poller.stopping) return this.save(checkpoint);
        const trigger = triggerOf(stored);
        const outcomes = await this.publish(new LoggedEvent(trigger, checkpoint.state));
        const failed = outcomes.find((o) => o.result === 'failed');
        if (failed) {
          await this.save(checkpoint);
          throw new ReactionFailedError(failed);
        }
        checkpoint = {
          position: stored.position,
          state: evolveWorkflowEngine(checkpoint.state, trigger),
          reactions: counted(checkpoint.reactions, outcomes),
        };
      }
      await this.save(checkpoint);
    }
    const today = localDay(Date.now(), this.timeZone);
    const outcomes = await this.publish(new DayChecked(today, checkpoint.state));
    if (outcomes.length === 0) {
      this.lastError = null;
      return;
    }
    let state = checkpoint.state;
    for (const { reaction, result } of outcomes)
      if (result !== 'failed' && reaction.kind === 'expire-offer')
        state = offerHandled(state, reaction.offerId);
    const handled = outcomes.filter((o) => o.result !== 'failed');
    await this.save({ ...checkpoint, state, reactions: counted(checkpoint.reactions, handled) });
    const failed = outcomes.find((o) => o.result === 'failed');
    if (failed) throw new ReactionFailedError(failed);
    this.lastError = null;
  }
}
