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

  it('given the last day there is, then its end where the business is, or past every stored instant when that end is past the year 9999', () => {
    const last = '9999-12-31T23:59:59.999Z';
    for (const zone of ['UTC', 'Pacific/Pago_Pago']) {
      const range = periodRange('2026-12-01', '9999-12-31', zone);
      expect(range.$lt! > last).toBe(true);
    }
    expect(periodRange('2026-12-01', '9999-12-31', 'Europe/Tallinn')).toEqual({
      $gte: '2026-11-30T22:00:00.000Z',
      $lt: '9999-12-31T22:00:00.000Z',
    });
    expect(periodRange(undefined, '9999-12-31T23:00:00-11:00', 'UTC').$lt! > last).toBe(true);
    expect(periodRange(undefined, '9999-12-30', 'Europe/Tallinn')).toEqual({
      $lt: '9999-12-30T22:00:00.000Z',
    });
    // A start on the last day: east of UTC it begins the day before in UTC; a start past it, past all.
    expect(periodRange('9999-12-31', undefined, 'Pacific/Kiritimati')).toEqual({
      $gte: '9999-12-30T10:00:00.000Z',
    });
    expect(periodRange('9999-12-31T23:00:00-11:00', undefined, 'UTC').$gte! > last).toBe(true);
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

  it('given the last day there is, then its last moment where the business is, or the last instant stored when that is later', () => {
    expect(asOfInstant('9999-12-31', 'Europe/Tallinn')).toBe('9999-12-31T21:59:59.999Z');
    expect(asOfInstant('9999-12-31', 'UTC')).toBe('9999-12-31T23:59:59.999Z');
    expect(asOfInstant('9999-12-31', 'Pacific/Pago_Pago')).toBe('9999-12-31T23:59:59.999Z');
    expect(asOfInstant('9999-12-30', 'Pacific/Pago_Pago')).toBe('9999-12-31T10:59:59.999Z');
  });
});
