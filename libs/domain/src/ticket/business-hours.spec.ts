import { addBusinessHours, type BusinessCalendar } from './business-hours';

const tallinn: BusinessCalendar = {
  timeZone: 'Europe/Tallinn',
  days: [1, 2, 3, 4, 5],
  startHour: 9,
  endHour: 17,
};

describe('addBusinessHours', () => {
  it('counts within one working day', () => {
    // Tue 2026-03-03 10:00 Tallinn (08:00Z) + 4 h = 14:00 local
    expect(addBusinessHours('2026-03-03T08:00:00.000Z', 4, tallinn)).toBe(
      '2026-03-03T12:00:00.000Z',
    );
  });
  it('continues the next working morning', () => {
    // Tue 16:00 local + 3 h → Wed 11:00 local
    expect(addBusinessHours('2026-03-03T14:00:00.000Z', 3, tallinn)).toBe(
      '2026-03-04T09:00:00.000Z',
    );
  });
  it('skips the weekend', () => {
    // Fri 2026-03-06 16:30 local + 1 h → Mon 09:30 local
    expect(addBusinessHours('2026-03-06T14:30:00.000Z', 1, tallinn)).toBe(
      '2026-03-09T07:30:00.000Z',
    );
  });
  it('starts counting at opening time when opened at night', () => {
    // Sat 23:00 local + 2 h → Mon 11:00 local
    expect(addBusinessHours('2026-03-07T21:00:00.000Z', 2, tallinn)).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });
  it('follows the daylight-saving change', () => {
    // Fri 2026-03-27 16:00 local (EET, 14:00Z) + 2 h → Mon 2026-03-30 10:00 local (EEST, 07:00Z)
    expect(addBusinessHours('2026-03-27T14:00:00.000Z', 2, tallinn)).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });
});
