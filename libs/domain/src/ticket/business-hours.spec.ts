import { addBusinessHours, type BusinessCalendar, localDateTime, localDay } from './business-hours';

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

describe("addBusinessHours, against the zone's own formatter", () => {
  /** The walk as first written: every step asks the zone's formatter afresh. */
  const told = (from: string, hours: number, calendar: BusinessCalendar) => {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: calendar.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    let t = Math.floor(Date.parse(from) / 60_000) * 60_000;
    let remaining = Math.round(hours * 60);
    while (remaining > 0) {
      const parts = format.formatToParts(t);
      const part = (type: string) => parts.find((p) => p.type === type)!.value;
      const weekday = weekdays.indexOf(part('weekday')) + 1;
      const hour = Number(part('hour'));
      const toNextHour = 60 - Number(part('minute'));
      const working =
        calendar.days.includes(weekday) && hour >= calendar.startHour && hour < calendar.endHour;
      const step = working ? Math.min(remaining, toNextHour) : toNextHour;
      if (working) remaining -= step;
      t += step * 60_000;
    }
    return new Date(t).toISOString();
  };

  it.each([
    ['Europe/Tallinn', '2026-03-27T00:00:00Z'],
    ['Europe/Tallinn', '2026-10-23T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-03T00:00:00Z'],
    ['America/St_Johns', '2026-10-30T00:00:00Z'],
    ['Asia/Kathmandu', '2026-03-02T00:00:00Z'],
  ])('gives the same deadlines in %s around %s', (timeZone, around) => {
    const calendars: BusinessCalendar[] = [
      { timeZone, days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
      { timeZone, days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24 },
      { timeZone, days: [6, 7], startHour: 1, endHour: 4 },
    ];
    for (let step = 0; step < 72; step++) {
      const from = new Date(Date.parse(around) + step * 4_270_000).toISOString();
      for (const calendar of calendars)
        for (const hours of [0.5, 2, 8, 40])
          expect([from, hours, addBusinessHours(from, hours, calendar)]).toEqual([
            from,
            hours,
            told(from, hours, calendar),
          ]);
    }
  });
});

describe('localDay', () => {
  /** The day as the zone's own formatter tells it, asked afresh every time. */
  const told = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(ms);

  it.each([
    // Tallinn's clocks go forward at 01:00 UTC on 29 March 2026 and back on 25 October.
    ['Europe/Tallinn', '2026-03-28T18:00:00Z'],
    ['Europe/Tallinn', '2026-10-24T18:00:00Z'],
    // Lord Howe moves by half an hour (UTC+11 → +10:30 on 5 April 2026, back on 4 October).
    ['Australia/Lord_Howe', '2026-04-04T10:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T10:00:00Z'],
    // Newfoundland is 3:30 behind and changes on 8 March and 1 November 2026.
    ['America/St_Johns', '2026-03-08T00:00:00Z'],
    ['America/St_Johns', '2026-11-01T00:00:00Z'],
    ['Asia/Kathmandu', '2026-06-30T12:00:00Z'],
  ])(
    'given instants across a day and a clock change in %s from %s, then each is on the day and at the time the zone tells',
    (timeZone, from) => {
      const start = Date.parse(from);
      // Swedish short dates and times read `2026-03-28 18:00`.
      const clock = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'short',
        hourCycle: 'h23',
      });
      // Every 7 minutes and 13 seconds for 36 hours, asked twice (the second time from what is kept).
      for (let round = 0; round < 2; round++)
        for (let ms = start; ms < start + 36 * 3_600_000; ms += 433_000) {
          expect([ms, localDay(ms, timeZone)]).toEqual([ms, told(ms, timeZone)]);
          expect([ms, localDateTime(ms, timeZone)]).toEqual([ms, clock.format(ms)]);
        }
    },
  );
});
