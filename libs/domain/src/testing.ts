import { type Decider, DomainError } from './decider';

/** then `run` is refused by the business rule `rule` */
export const expectRejected = (run: () => unknown, rule: string): void => {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).rule).toBe(rule);
};

/** given / when / then for deciders, so tests read as specifications. */
export const specFor =
  <C, E, S>(decider: Decider<C, E, S>) =>
  (given: E[]) => ({
    when: (command: C) => {
      const run = () =>
        decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: E[]) => {
          expect(run()).toEqual(expected);
        },
        thenNothingHappened: () => {
          expect(run()).toEqual([]);
        },
        thenRejectedWith: (rule: string) => {
          expectRejected(run, rule);
        },
      };
    },
  });
