export type NextActionColor = 'red' | 'green' | 'grey' | 'none';

/** red: overdue; green: due today; grey: in the future; none: nothing scheduled. */
export const nextActionColor = (dueOn: string | undefined, today: string): NextActionColor =>
  dueOn === undefined ? 'none' : dueOn < today ? 'red' : dueOn === today ? 'green' : 'grey';
