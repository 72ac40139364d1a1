import { Injectable, type Type } from '@nestjs/common';
import { Command, type IEvent, ofType, Saga } from '@nestjs/cqrs';
import { mergeMap, type Observable } from 'rxjs';
import {
  closedDealFollowUps,
  offerExpiries,
  offerFollowUps,
  type Reaction,
  registryFills,
  stageFollowUps,
  ticketAssignments,
  type Trigger,
  type WorkflowEngineState,
} from '#domain';
import { readConfig } from '#platform';

/** What a reaction came to: done (or already done), declined by a business rule, or failed. */
export type ReactionOutcome =
  | { reaction: Reaction; result: 'done' | 'declined' }
  | { reaction: Reaction; result: 'failed'; error: unknown };

/**
 * Something the sagas may react to. The runner publishes it on the event bus and waits for
 * every reaction it led to: the reaction handler reports each outcome here as it starts.
 */
export abstract class WorkflowInput implements IEvent {
  readonly outcomes: Promise<ReactionOutcome>[] = [];

  constructor(readonly state: WorkflowEngineState) {}
}

/** An event read from the log, with the rules' state just before it. */
export class LoggedEvent extends WorkflowInput {
  constructor(
    readonly trigger: Trigger,
    state: WorkflowEngineState,
  ) {
    super(state);
  }
}

/** The clock: the runner is up to date with the log on `today`. */
export class DayChecked extends WorkflowInput {
  constructor(
    readonly today: string,
    state: WorkflowEngineState,
  ) {
    super(state);
  }
}

/** A rule's reaction to an input, as a command for the reaction handler. */
export class React extends Command<ReactionOutcome> {
  constructor(
    readonly reaction: Reaction,
    readonly input: WorkflowInput,
  ) {
    super();
  }
}

const reacting =
  <I extends WorkflowInput>(input: Type<I>, reactions: (input: I) => Reaction[]) =>
  (events$: Observable<IEvent>): Observable<React> =>
    events$.pipe(
      ofType(input),
      mergeMap((i: I) => reactions(i).map((r) => new React(r, i))),
    );

/**
 * The workflow rules as sagas: each maps what happened (an event from the log, or a new day)
 * to the commands its rules call for. They hold no state of their own: the runner passes the
 * rules' state along, folded from the log, so a replay reacts the same way.
 */
@Injectable()
export class WorkflowSagas {
  private readonly timeZone = readConfig().sla.calendar.timeZone;

  @Saga()
  stageFollowUps = reacting(LoggedEvent, (i) => stageFollowUps(i.state, i.trigger, this.timeZone));

  @Saga()
  offerFollowUps = reacting(LoggedEvent, (i) => offerFollowUps(i.state, i.trigger, this.timeZone));

  @Saga()
  ticketAssignments = reacting(LoggedEvent, (i) => ticketAssignments(i.state, i.trigger));

  @Saga()
  registryFills = reacting(LoggedEvent, (i) => registryFills(i.state, i.trigger));

  @Saga()
  closedDealFollowUps = reacting(LoggedEvent, (i) => closedDealFollowUps(i.state, i.trigger));

  @Saga()
  offerExpiries = reacting(DayChecked, (i) => offerExpiries(i.state, i.today));
}
