import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { type Deadline, type Period, type RunningDeadline, StatutoryCalendar, addDays, deadlinePolicy, endOfShanghaiDay, shanghaiDate } from './calendar';
import { InvalidInput } from './errors';

const calendar = new StatutoryCalendar();
const lenient = new StatutoryCalendar({ beyondData: 'warn' });

const days = (amount: number): Period => ({ amount, unit: 'day' });
const workingDays = (amount: number): Period => ({ amount, unit: 'workingDay' });

function thrown(act: () => unknown): InvalidInput {
  try {
    act();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected an InvalidInput to be thrown');
}

function running(deadline: Deadline): RunningDeadline {
  if (deadline.status !== 'running') throw new Error(`expected a running deadline, got ${JSON.stringify(deadline)}`);
  return deadline;
}

function daysBetween(from: string, to: string): string[] {
  const result: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) result.push(day);
  return result;
}

describe('the holiday data of chinese-days', () => {
  it('given 2026, Spring Festival is a holiday from 15 to 23 February with Saturdays 14 and 28 February worked in lieu', () => {
    for (const day of daysBetween('2026-02-15', '2026-02-23')) {
      expect(calendar.describeDay(day)).toMatchObject({ working: false, kind: 'holiday', holiday: { zh: '春节' } });
    }
    expect(calendar.describeDay('2026-02-14')).toMatchObject({ working: true, kind: 'makeUpWorkday', holiday: { zh: '春节' } });
    expect(calendar.describeDay('2026-02-28')).toMatchObject({ working: true, kind: 'makeUpWorkday', holiday: { zh: '春节' } });
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('given 2026, National Day is a holiday from 1 to 7 October with Sunday 20 September and Saturday 10 October worked in lieu', () => {
    for (const day of daysBetween('2026-10-01', '2026-10-07')) {
      expect(calendar.describeDay(day)).toMatchObject({ working: false, kind: 'holiday', holiday: { zh: '国庆节' } });
    }
    expect(calendar.describeDay('2026-09-20')).toMatchObject({ working: true, kind: 'makeUpWorkday', holiday: { zh: '国庆节' } });
    expect(calendar.describeDay('2026-10-10')).toMatchObject({ working: true, kind: 'makeUpWorkday', holiday: { zh: '国庆节' } });
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('given 2026, Mid-Autumn (25 to 27 September) is a holiday of its own, not joined to National Day', () => {
    for (const day of daysBetween('2026-09-25', '2026-09-27')) {
      expect(calendar.describeDay(day)).toMatchObject({ working: false, kind: 'holiday', holiday: { zh: '中秋' } });
    }
    expect(calendar.isWorkingDay('2026-09-28')).toBe(true);
  });

  it('an ordinary Saturday is a rest day and an ordinary Wednesday a working day', () => {
    expect(calendar.describeDay('2026-03-07')).toEqual({ day: '2026-03-07', working: false, kind: 'weekend', estimated: false });
    expect(calendar.describeDay('2026-03-04')).toEqual({ day: '2026-03-04', working: true, kind: 'workday', estimated: false });
  });

  it('the covered range is derived from the data, 2004-01-01 to 2026-12-31 for chinese-days 1.5', () => {
    expect(calendar.coverage).toEqual({ from: '2004-01-01', to: '2026-12-31' });
    expect(calendar.covers('2026-12-31')).toBe(true);
    expect(calendar.covers('2027-01-01')).toBe(false);
  });

  it('given holiday data for 2026 only, 2025 is beyond the data', () => {
    const only2026 = {
      holidays: Object.fromEntries(Object.entries(chineseDaysData.holidays).filter(([day]) => day.startsWith('2026'))),
      workdays: Object.fromEntries(Object.entries(chineseDaysData.workdays).filter(([day]) => day.startsWith('2026'))),
    };
    const narrow = new StatutoryCalendar({ holidayData: only2026 });
    expect(narrow.coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(thrown(() => narrow.isWorkingDay('2025-12-31')).code).toBe('CALENDAR_DATA_MISSING');
  });
});

describe('shanghaiDate', () => {
  it('an instant at 16:30 UTC on 1 March is already 2 March in Shanghai', () => {
    expect(shanghaiDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  });

  it('an instant one second before midnight Shanghai time still belongs to that day', () => {
    expect(shanghaiDate('2026-03-02T15:59:59Z')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-02T16:00:00Z')).toBe('2026-03-03');
  });

  it('an instant with an offset is read with that offset', () => {
    expect(shanghaiDate('2026-03-01T08:30:00-08:00')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-02T00:00:00+08:00')).toBe('2026-03-02');
  });

  it('a bare day is taken as that Shanghai day', () => {
    expect(shanghaiDate('2026-03-02')).toBe('2026-03-02');
  });

  it('the end of a Shanghai day is 16:00 UTC of the same date', () => {
    expect(endOfShanghaiDay('2026-10-08')).toBe('2026-10-08T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('a deadline', () => {
  it('does not count the start day: one day from Monday 2 March 2026 ends at 24:00 on Tuesday 3 March', () => {
    const deadline = running(calendar.deadline('2026-03-02T09:00:00+08:00', days(1)));
    expect(deadline).toEqual({
      status: 'running',
      period: days(1),
      startDay: '2026-03-02',
      lastDay: '2026-03-03',
      dueAt: '2026-03-03T16:00:00.000Z',
      pausedDays: 0,
      warnings: [],
    });
  });

  it('does not count the start day for working days either: one working day from Friday 6 March ends on Monday 9 March', () => {
    expect(running(calendar.deadline('2026-03-06T17:00:00+08:00', workingDays(1))).lastDay).toBe('2026-03-09');
  });

  it('starts on the Shanghai date of an instant near midnight: 2026-03-01T16:30Z starts on 2 March', () => {
    const deadline = running(calendar.deadline('2026-03-01T16:30:00Z', days(1)));
    expect(deadline.startDay).toBe('2026-03-02');
    expect(deadline.lastDay).toBe('2026-03-03');
  });

  it('starting at 23:59 Shanghai time counts from the next day as if it had started at 09:00', () => {
    expect(calendar.deadline('2026-03-02T23:59:00+08:00', days(10))).toEqual(calendar.deadline('2026-03-02T09:00:00+08:00', days(10)));
  });

  it('may start on a bare day', () => {
    expect(calendar.deadline('2026-03-02', days(10))).toEqual(calendar.deadline('2026-03-02T09:00:00+08:00', days(10)));
  });

  it('of calendar days ending on National Day moves to the next working day, 8 October', () => {
    const deadline = running(calendar.deadline('2026-09-22T10:00:00+08:00', days(10)));
    expect(deadline.lastDay).toBe('2026-10-08');
    expect(deadline.dueAt).toBe('2026-10-08T16:00:00.000Z');
  });

  it('of calendar days ending on a make-up working Saturday ends on that Saturday', () => {
    expect(running(calendar.deadline('2026-10-01T10:00:00+08:00', days(9))).lastDay).toBe('2026-10-10');
  });

  it('of calendar days ending on an ordinary Sunday moves to Monday', () => {
    expect(running(calendar.deadline('2026-03-02T10:00:00+08:00', days(6))).lastDay).toBe('2026-03-09');
  });

  it('of calendar days counts the holidays inside it: 15 days from 10 February end on 25 February', () => {
    expect(running(calendar.deadline('2026-02-10T10:00:00+08:00', days(15))).lastDay).toBe('2026-02-25');
  });

  it('of working days spanning Spring Festival counts the make-up Saturday and skips the holiday', () => {
    // 13 Feb (1), 14 Feb make-up Saturday (2), 15–23 Feb holiday, 24 (3), 25 (4), 26 (5).
    const deadline = running(calendar.deadline('2026-02-12T10:00:00+08:00', workingDays(5)));
    expect(deadline.lastDay).toBe('2026-02-26');
    expect(deadline.dueAt).toBe('2026-02-26T16:00:00.000Z');
  });

  it('of working days starting on a holiday counts from the first working day after it', () => {
    expect(running(calendar.deadline('2026-10-03T10:00:00+08:00', workingDays(1))).lastDay).toBe('2026-10-08');
    expect(running(calendar.deadline('2026-10-03T10:00:00+08:00', workingDays(3))).lastDay).toBe('2026-10-10');
  });

  it('of 30 working days from 1 September 2026 skips Mid-Autumn and National Day and counts both make-up days', () => {
    // Working days after 1 Sep: 2–4 (3), 7–11 (8), 14–18 (13), 20 make-up Sunday (14), 21–24 (18),
    // 28–30 (21), 8–9 Oct (23), 10 make-up Saturday (24), 12–16 (29), 19 Oct (30).
    expect(running(calendar.deadline('2026-09-01T10:00:00+08:00', workingDays(30))).lastDay).toBe('2026-10-19');
  });
});

describe('a deadline with paused intervals', () => {
  const start = '2026-03-02T09:00:00+08:00';

  it('without pauses, 15 days from 2 March end on Tuesday 17 March', () => {
    expect(running(calendar.deadline(start, days(15))).lastDay).toBe('2026-03-17');
  });

  it('a closed pause extends it by the paused days: the stop day counts, the resume day does not', () => {
    // Stopped 5 March (counts), resumed 9 March: 6, 7, 8, 9 March paused; 17 + 4 = Saturday 21 → Monday 23.
    const deadline = running(
      calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00', to: '2026-03-09T09:00:00+08:00' }] }),
    );
    expect(deadline.lastDay).toBe('2026-03-23');
    expect(deadline.pausedDays).toBe(4);
  });

  it('a pause given by days is the same as one given by instants on those days', () => {
    expect(calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05', to: '2026-03-09' }] })).toEqual(
      calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00', to: '2026-03-09T09:00:00+08:00' }] }),
    );
  });

  it('a pause stopped and resumed on the same day pauses nothing', () => {
    const deadline = running(
      calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00', to: '2026-03-05T16:00:00+08:00' }] }),
    );
    expect(deadline.lastDay).toBe('2026-03-17');
    expect(deadline.pausedDays).toBe(0);
  });

  it('overlapping pauses pause each day once', () => {
    const deadline = running(
      calendar.deadline(start, days(15), {
        pauses: [
          { from: '2026-03-05T10:00:00+08:00', to: '2026-03-08T10:00:00+08:00' },
          { from: '2026-03-07T10:00:00+08:00', to: '2026-03-09T10:00:00+08:00' },
        ],
      }),
    );
    expect(deadline.pausedDays).toBe(4);
    expect(deadline.lastDay).toBe('2026-03-23');
  });

  it('a working-day period is extended by the paused working days only', () => {
    // Without the pause: 3, 4, 5, 6, 9 March. Paused 5 and 6 March: 3, 4, 9, 10, 11 March.
    expect(running(calendar.deadline(start, workingDays(5))).lastDay).toBe('2026-03-09');
    const deadline = running(
      calendar.deadline(start, workingDays(5), { pauses: [{ from: '2026-03-04T10:00:00+08:00', to: '2026-03-06T18:00:00+08:00' }] }),
    );
    expect(deadline.lastDay).toBe('2026-03-11');
    expect(deadline.pausedDays).toBe(2);
  });

  it('an open pause reports the deadline as paused, with the days used and remaining', () => {
    expect(calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00' }] })).toEqual({
      status: 'paused',
      period: days(15),
      startDay: '2026-03-02',
      pausedSince: '2026-03-05T02:00:00.000Z',
      pausedSinceDay: '2026-03-05',
      used: 3,
      remaining: 12,
      warnings: [],
    });
  });

  it('resuming an open pause continues the count after the resume day', () => {
    // Paused 6 to 10 March (5 days): 17 + 5 = Sunday 22 → Monday 23.
    const deadline = running(
      calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00', to: '2026-03-10T08:00:00+08:00' }] }),
    );
    expect(deadline.pausedDays).toBe(5);
    expect(deadline.lastDay).toBe('2026-03-23');
  });

  it('a pause opened after the period had run out changes nothing', () => {
    const deadline = running(calendar.deadline(start, days(3), { pauses: [{ from: '2026-03-10T10:00:00+08:00' }] }));
    expect(deadline.lastDay).toBe('2026-03-05');
  });

  it('a pause opened on the last day itself lets that day count and ends the period there', () => {
    const deadline = running(calendar.deadline(start, days(3), { pauses: [{ from: '2026-03-05T10:00:00+08:00' }] }));
    expect(deadline.lastDay).toBe('2026-03-05');
  });

  it('a pause during the holiday that Art. 203 skips moves the last day past the pause', () => {
    // 10 days from 22 Sep end on 2 Oct (holiday); paused 6 to 9 Oct, so 8 and 9 Oct are lost: Saturday 10 Oct.
    const deadline = running(
      calendar.deadline('2026-09-22T10:00:00+08:00', days(10), { pauses: [{ from: '2026-10-05', to: '2026-10-09' }] }),
    );
    expect(deadline.lastDay).toBe('2026-10-10');
    expect(deadline.pausedDays).toBe(4);
  });

  it('a pause opened during that holiday leaves the deadline paused with nothing remaining', () => {
    expect(calendar.deadline('2026-09-22T10:00:00+08:00', days(10), { pauses: [{ from: '2026-10-03T10:00:00+08:00' }] })).toMatchObject({
      status: 'paused',
      used: 10,
      remaining: 0,
    });
  });

  it('an open pause counts working days used and remaining for a working-day period', () => {
    // Working days 3 to 6 March used (4), paused from Monday 9 March: 6 remain.
    const deadline = calendar.deadline(start, workingDays(10), { pauses: [{ from: '2026-03-08T10:00:00+08:00' }] });
    expect(deadline).toMatchObject({ status: 'paused', used: 4, remaining: 6, pausedSinceDay: '2026-03-08' });
  });
});

describe('the status of a deadline', () => {
  const deadline = calendar.deadline('2026-03-02T09:00:00+08:00', days(15));

  it('is pending while more than one working day remains', () => {
    expect(calendar.status(deadline, '2026-03-16T10:00:00+08:00')).toBe('pending');
  });

  it('is approaching on the last day', () => {
    expect(calendar.status(deadline, '2026-03-17T00:00:00+08:00')).toBe('approaching');
    expect(calendar.status(deadline, '2026-03-17T23:59:59+08:00')).toBe('approaching');
  });

  it('is approaching within two working days when asked for two', () => {
    expect(calendar.status(deadline, '2026-03-16T10:00:00+08:00', { approachingWithin: 2 })).toBe('approaching');
    expect(calendar.status(deadline, '2026-03-13T10:00:00+08:00', { approachingWithin: 2 })).toBe('pending');
  });

  it('is approaching over the weekend before a Monday last day, only one working day being left', () => {
    const monday = calendar.deadline('2026-03-02T09:00:00+08:00', days(6));
    expect(running(monday).lastDay).toBe('2026-03-09');
    expect(calendar.status(monday, '2026-03-07T10:00:00+08:00')).toBe('approaching');
    expect(calendar.status(monday, '2026-03-06T10:00:00+08:00')).toBe('pending');
  });

  it('is overdue from 24:00 of the last day on', () => {
    expect(calendar.status(deadline, '2026-03-17T16:00:00Z')).toBe('overdue');
    expect(calendar.status(deadline, '2026-03-17T15:59:59.999Z')).toBe('approaching');
  });

  it('is never approaching with a window of zero', () => {
    expect(calendar.status(deadline, '2026-03-17T10:00:00+08:00', { approachingWithin: 0 })).toBe('pending');
  });

  it('is paused while a pause is open', () => {
    const paused = calendar.deadline('2026-03-02T09:00:00+08:00', days(15), { pauses: [{ from: '2026-03-05T10:00:00+08:00' }] });
    expect(calendar.status(paused, '2026-06-01T10:00:00+08:00')).toBe('paused');
  });

  it('refuses a window that is not a whole number of working days', () => {
    expect(thrown(() => calendar.status(deadline, '2026-03-16T10:00:00+08:00', { approachingWithin: 1.5 })).code).toBe(
      'CALENDAR_OPTION_INVALID',
    );
  });
});

describe('the calendar in another process time zone', () => {
  // Jest gives each test file a copy of process.env, so assigning TZ inside a test never reaches
  // Node's time zone: the check runs in a child Node process, which switches process.env.TZ at
  // run time before each computation (Node resets its zone cache on that assignment).
  const zones = ['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati'];
  const probe = `
    const { StatutoryCalendar, shanghaiDate } = require(${JSON.stringify(join(__dirname, 'calendar.ts'))});
    const calendar = new StatutoryCalendar();
    const days = (amount) => ({ amount, unit: 'day' });
    const results = {};
    for (const zone of ${JSON.stringify(zones)}) {
      process.env.TZ = zone;
      results[zone] = {
        localOffsetMinutes: new Date('2026-03-01T16:30:00Z').getTimezoneOffset(),
        nearMidnight: shanghaiDate('2026-03-01T16:30:00Z'),
        springFestival: calendar.deadline('2026-02-12T10:00:00+08:00', { amount: 5, unit: 'workingDay' }),
        nationalDay: calendar.deadline('2026-09-22T10:00:00+08:00', days(10)),
        fromUtcEvening: calendar.deadline(new Date('2026-09-21T17:00:00Z'), days(10)),
        paused: calendar.deadline('2026-03-02T09:00:00+08:00', days(15), { pauses: [{ from: '2026-03-05', to: '2026-03-09' }] }),
        makeUpSaturday: calendar.isWorkingDay('2026-02-14'),
        status: calendar.status(calendar.deadline('2026-03-02T09:00:00+08:00', days(6)), '2026-03-07T10:00:00+08:00'),
      };
    }
    process.stdout.write(JSON.stringify(results));
  `;
  const results: Record<string, Record<string, unknown>> = JSON.parse(
    execFileSync(process.execPath, ['-r', join(__dirname, '../../../../tools/ts-register.cjs'), '-e', probe], { encoding: 'utf8' }),
  );

  const expected = {
    nearMidnight: '2026-03-02',
    springFestival: calendar.deadline('2026-02-12T10:00:00+08:00', workingDays(5)),
    nationalDay: calendar.deadline('2026-09-22T10:00:00+08:00', days(10)),
    fromUtcEvening: calendar.deadline(new Date('2026-09-21T17:00:00Z'), days(10)),
    paused: calendar.deadline('2026-03-02T09:00:00+08:00', days(15), { pauses: [{ from: '2026-03-05', to: '2026-03-09' }] }),
    makeUpSaturday: true,
    status: 'approaching',
  };

  it('the expected results are the Shanghai ones', () => {
    expect(expected).toMatchObject({
      springFestival: { lastDay: '2026-02-26', dueAt: '2026-02-26T16:00:00.000Z' },
      nationalDay: { lastDay: '2026-10-08', dueAt: '2026-10-08T16:00:00.000Z' },
      fromUtcEvening: { startDay: '2026-09-22', lastDay: '2026-10-08' },
      paused: { lastDay: '2026-03-23', pausedDays: 4 },
    });
  });

  it.each([
    ['America/Los_Angeles', 480],
    ['UTC', 0],
    ['Asia/Shanghai', -480],
    ['Pacific/Kiritimati', -840],
  ])('given the process runs in %s (local offset %i minutes), the results are those of Shanghai', (zone, offset) => {
    const { localOffsetMinutes, ...sample } = results[zone];
    expect(localOffsetMinutes).toBe(offset);
    expect(sample).toEqual(expected);
  });
});

describe('days beyond the holiday data', () => {
  it('a calendar-day period whose last day falls in 2027 is refused, naming the day and the covered range', () => {
    const error = thrown(() => calendar.deadline('2026-12-20T09:00:00+08:00', days(30)));
    expect(error.code).toBe('CALENDAR_DATA_MISSING');
    expect(error.message).toContain('2027-01-19');
    expect(error.message).toContain('2004-01-01..2026-12-31');
    expect(error.details).toEqual({ day: '2027-01-19', coveredFrom: '2004-01-01', coveredTo: '2026-12-31' });
  });

  it('a working-day period reaching into 2027 is refused at the first day of 2027', () => {
    const error = thrown(() => calendar.deadline('2026-12-25T09:00:00+08:00', workingDays(10)));
    expect(error.code).toBe('CALENDAR_DATA_MISSING');
    expect(error.details).toMatchObject({ day: '2027-01-01' });
  });

  it('asking whether a day of 2027 is a working day is refused by default', () => {
    expect(thrown(() => calendar.isWorkingDay('2027-01-04')).code).toBe('CALENDAR_DATA_MISSING');
    expect(thrown(() => calendar.describeDay('2003-12-31')).code).toBe('CALENDAR_DATA_MISSING');
  });

  it('a period inside the data that only counts calendar days across nothing beyond it needs no data beyond', () => {
    expect(running(calendar.deadline('2026-12-01T09:00:00+08:00', days(10))).lastDay).toBe('2026-12-11');
  });

  it('in warn mode a calendar-day period ending in 2027 is computed from weekends only, with a warning', () => {
    const deadline = running(lenient.deadline('2026-12-20T09:00:00+08:00', days(30)));
    expect(deadline.lastDay).toBe('2027-01-19');
    expect(deadline.warnings).toHaveLength(1);
    expect(deadline.warnings[0]).toMatch(
      /^CALENDAR_DATA_MISSING: 2027-01-19 is outside the statutory holiday data \(2004-01-01\.\.2026-12-31\)/,
    );
  });

  it('in warn mode a working-day period into 2027 treats 1 January 2027 as a working day, and says so once', () => {
    // 28–31 Dec 2026 (4), then Friday 1 Jan 2027 counted as a working day (5), 4–8 Jan (10).
    const deadline = running(lenient.deadline('2026-12-25T09:00:00+08:00', workingDays(10)));
    expect(deadline.lastDay).toBe('2027-01-08');
    expect(deadline.warnings).toEqual([expect.stringContaining('2027-01-01 is outside the statutory holiday data')]);
  });

  it('in warn mode a day of 2027 is described as an estimate', () => {
    expect(lenient.describeDay('2027-01-01')).toEqual({ day: '2027-01-01', working: true, kind: 'workday', estimated: true });
    expect(lenient.describeDay('2027-01-02')).toEqual({ day: '2027-01-02', working: false, kind: 'weekend', estimated: true });
  });

  it('in warn mode a period inside the data carries no warning', () => {
    expect(running(lenient.deadline('2026-02-12T10:00:00+08:00', workingDays(5))).warnings).toEqual([]);
  });

  it('in warn mode an open pause reaching into 2027 is reported as paused with the warning', () => {
    // 22–25 and 28–31 Dec (8), 1 Jan 2027 as a weekday (9), 4, 5 and the stop day 6 Jan (12).
    const deadline = lenient.deadline('2026-12-21T09:00:00+08:00', workingDays(20), { pauses: [{ from: '2027-01-06T09:00:00+08:00' }] });
    expect(deadline).toMatchObject({ status: 'paused', used: 12, remaining: 8 });
    expect(deadline.warnings).toHaveLength(1);
  });
});

describe('bad input to the calendar', () => {
  const start = '2026-03-02T09:00:00+08:00';

  it.each([-1, 0, 1.5, 3651, Number.NaN, Number.POSITIVE_INFINITY, '10', null])('refuses the period amount %p', (amount) => {
    expect(thrown(() => calendar.deadline(start, { amount, unit: 'day' } as unknown as Period)).code).toBe('PERIOD_AMOUNT_INVALID');
  });

  it('accepts the largest amount, 3650 days', () => {
    expect(lenient.deadline(start, days(3650)).status).toBe('running');
  });

  it.each(['week', 'month', 'workday', '', undefined])('refuses the period unit %p', (unit) => {
    expect(thrown(() => calendar.deadline(start, { amount: 1, unit } as unknown as Period)).code).toBe('PERIOD_UNIT_INVALID');
  });

  it.each([
    'not a date',
    '2026-03-01T10:00:00',
    '2026-02-30T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026/03/01',
    '',
    new Date(Number.NaN),
    1_772_409_600_000,
    null,
  ])('refuses the instant %p', (instant) => {
    expect(thrown(() => calendar.deadline(instant as unknown as string, days(1))).code).toBe('INSTANT_INVALID');
    expect(thrown(() => shanghaiDate(instant as unknown as string)).code).toBe('INSTANT_INVALID');
  });

  it.each(['2026-2-3', '2026-02-30', '20260301', '2026-13-01', 'today', 20260301])('refuses the day %p', (day) => {
    expect(thrown(() => calendar.isWorkingDay(day as unknown as string)).code).toBe('DAY_INVALID');
  });

  it('refuses a pause that ends before it starts', () => {
    const error = thrown(() =>
      calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-09T10:00:00+08:00', to: '2026-03-05T10:00:00+08:00' }] }),
    );
    expect(error.code).toBe('PAUSE_INVALID');
    expect(
      thrown(() => calendar.deadline(start, days(15), { pauses: [{ from: '2026-03-09T10:00:00+08:00', to: '2026-03-09T09:00:00+08:00' }] }))
        .code,
    ).toBe('PAUSE_INVALID');
  });

  it('refuses a pause without a start', () => {
    expect(thrown(() => calendar.deadline(start, days(15), { pauses: [{ to: '2026-03-09' } as never] })).code).toBe('PAUSE_INVALID');
  });

  it('refuses a pause with an unparsable instant', () => {
    expect(thrown(() => calendar.deadline(start, days(15), { pauses: [{ from: 'yesterday' }] })).code).toBe('INSTANT_INVALID');
  });

  it('refuses an unknown beyondData mode', () => {
    expect(thrown(() => new StatutoryCalendar({ beyondData: 'ignore' as never })).code).toBe('CALENDAR_OPTION_INVALID');
  });
});

describe('deadlinePolicy', () => {
  const calendar = new StatutoryCalendar();
  const defaults = { decision: { amount: 7, unit: 'day' as const }, feedback: { amount: 3, unit: 'workingDay' as const } };

  it('fills in the line\'s defaults and keeps what the deployment overrides', () => {
    expect(deadlinePolicy({ calendar, deadlines: { feedback: { amount: 5, unit: 'workingDay' } } }, defaults, 'X_POLICY_INVALID', 'x').deadlines).toEqual({
      decision: { amount: 7, unit: 'day' },
      feedback: { amount: 5, unit: 'workingDay' },
    });
  });

  it.each([
    [{ amount: 0, unit: 'day' }],
    [{ amount: 2.5, unit: 'day' }],
    [{ amount: 3, unit: 'week' }],
  ])('refuses the period %p with the line\'s code, naming the deadline', (period) => {
    expect(() => deadlinePolicy({ calendar, deadlines: { decision: period as never } }, defaults, 'X_POLICY_INVALID', 'x')).toThrow(
      expect.objectContaining({ code: 'X_POLICY_INVALID', message: expect.stringContaining('decision') }),
    );
  });

  it('refuses a policy without a calendar', () => {
    expect(() => deadlinePolicy(undefined, defaults, 'X_POLICY_INVALID', 'x')).toThrow(expect.objectContaining({ code: 'X_POLICY_INVALID' }));
  });
});
