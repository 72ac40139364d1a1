import { plain } from './time-travel';

describe('a folded state as JSON carries it', () => {
  it('writes sets as lists and maps as objects, at any depth; the rest as it is', () => {
    const state = {
      status: 'paid',
      paid: 1000,
      payments: new Map([['bank-tx-1', 1000]]),
      creditNotes: new Set(['cn-1']),
      lines: [{ tags: new Set(['a', 'b']) }],
      settledBy: null,
      at: new Date('2026-03-01T09:00:00.000Z'),
    };
    expect(JSON.parse(JSON.stringify(plain(state)))).toEqual({
      status: 'paid',
      paid: 1000,
      payments: { 'bank-tx-1': 1000 },
      creditNotes: ['cn-1'],
      lines: [{ tags: ['a', 'b'] }],
      settledBy: null,
      at: '2026-03-01T09:00:00.000Z',
    });
    // As JSON alone writes them, which the audit answered before.
    expect((JSON.parse(JSON.stringify(state)) as { payments: unknown }).payments).toEqual({});
  });
});
