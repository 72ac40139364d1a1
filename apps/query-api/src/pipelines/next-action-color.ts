export type NextActionColor = 'red' | 'green' | 'grey' | 'none';

/** red: overdue; green: due today; grey: in the future; none: nothing scheduled. */
export const nextActionColor = (dueOn: string | undefined, today: string): NextActionColor =>
  dueOn === undefined ? 'none' : dueOn < today ? 'red' : dueOn === today ? 'green' : 'grey';

const rank: Record<NextActionColor, number> = { red: 0, green: 1, none: 2, grey: 3 };

/** Cards needing action first: red, green, none, grey; then the newest. */
export const byUrgency = <T extends { nextActionColor: NextActionColor; openedAt: string }>(
  a: T,
  b: T,
) => rank[a.nextActionColor] - rank[b.nextActionColor] || b.openedAt.localeCompare(a.openedAt);
