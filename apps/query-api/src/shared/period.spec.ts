import { asOfInstant, periodRange } from './period';

describe('periodRange', () => {
  it('given days, then whole days where the business is: from the first moment of the first through the last moment of the last', () => {
    expect(periodRange('2026-12-01', '2026-12-05', 'Europe/Tallinn')).toEqual({
      $gte: '2026-11-30T22:00:00.000Z',
      $lt: '2026-12-05T22:00:00.000Z',
    });
    // Across the clocks going forward on 29 March.
    expect(periodRange('2026-03-29', '2026-03-29', 'Europe/Tallinn')).toEqual({
      $gte: '2026-03-28T22:00:00.000Z',
      $lt: '2026-03-29T21:00:00.000Z',
    });
    expect(periodRange('2026-12-01', '2026-12-01', 'UTC')).toEqual({
      $gte: '2026-12-01T00:00:00.000Z',
      $lt: '2026-12-02T00:00:00.000Z',
    });
  });

  it('given timestamps, then those instants, offsets resolved; the end before it, or at it when inclusive', () => {
    expect(periodRange('2026-12-01T10:00:00+02:00', '2026-12-01T12:00:00Z', 'UTC')).toEqual({
      $gte: '2026-12-01T08:00:00.000Z',
      $lt: '2026-12-01T12:00:00.000Z',
    });
    expect(periodRange(undefined, '2026-12-01T12:00:00Z', 'UTC', true)).toEqual({
      $lte: '2026-12-01T12:00:00.000Z',
    });
    expect(periodRange(undefined, undefined, 'UTC')).toEqual({});
  });
});

describe('asOfInstant', () => {
  it('given a day, then its last moment where the business is; given a timestamp, then that instant', () => {
    expect(asOfInstant('2026-11-30', 'Europe/Tallinn')).toBe('2026-11-30T21:59:59.999Z');
    expect(asOfInstant('2026-11-30', 'UTC')).toBe('2026-11-30T23:59:59.999Z');
    expect(asOfInstant('2026-03-29', 'Europe/Tallinn')).toBe('2026-03-29T20:59:59.999Z');
    expect(asOfInstant('2026-12-01T10:00:00+02:00', 'Europe/Tallinn')).toBe(
      '2026-12-01T08:00:00.000Z',
    );
  });
});
