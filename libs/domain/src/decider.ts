/** A pure decider (DESIGN.md §4): the clock and new ids arrive on the command. */
export type Decider<Command, Event, State> = {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
};

export type DomainErrorCode = 'not_found' | 'already_exists' | 'rule_violated';

/** A command rejected by a business rule; nothing is appended. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A kind of thing as its problem type names it (`web-form`) and as a sentence does (`web form`). */
const inWords = (kind: string) => kind.replace(/-/g, ' ').replace(/\bemail\b/, 'e-mail');

/** `kind` in lower case words joined by `-`: `bank-statement`, `workflow-rule`. */
export const notFound = (kind: string, id: string): DomainError =>
  new DomainError('not_found', `${kind}-not-found`, `${inWords(kind)} ${id} does not exist`);

export const alreadyExists = (kind: string, id: string): DomainError =>
  new DomainError('already_exists', `${kind}-exists`, `${inWords(kind)} ${id} already exists`);

export const violated = (rule: string, message: string): DomainError =>
  new DomainError('rule_violated', rule, message);

/**
 * What happened is recorded once it has: a day still to come (after `today`, the business's
 * day) is refused as `rule`, the message naming `what` happened on it.
 */
export const notAhead = (rule: string, what: string, day: string, today: string): void => {
  if (day > today)
    throw violated(rule, `${what} on ${day}, a day still to come (today is ${today})`);
};

export const unreachable = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};

/** Folds events into state, from the decider's initial state or a cached one. */
export const fold = <E, S>(
  decider: Pick<Decider<unknown, E, S>, 'evolve'>,
  state: S,
  events: Iterable<E>,
): S => {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
};
