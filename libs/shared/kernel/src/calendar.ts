import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { InvalidInput } from './errors';

/**
 * The statutory calendar: calendar days (日) and working days (工作日) in Asia/Shanghai.
 *
 * Days are 'YYYY-MM-DD' strings and all arithmetic runs on UTC epoch days, so nothing here
 * depends on the process time zone. Holidays and 调休 make-up workdays come from the raw data
 * of `chinese-days`; its date functions are not used because they shift a day unless the
 * process runs in UTC or Asia/Shanghai.
 *
 * Error codes (all `InvalidInput`):
 * - `DAY_INVALID`            a day that is not a real 'YYYY-MM-DD' date
 * - `INSTANT_INVALID`        an instant that is not a valid Date or ISO 8601 string with a zone
 * - `PERIOD_AMOUNT_INVALID`  a period amount that is not an integer in 1..3650
 * - `PERIOD_UNIT_INVALID`    a period unit other than 'day' or 'workingDay'
 * - `PAUSE_INVALID`          a pause without a start, or one that ends before it starts
 * - `CALENDAR_DATA_MISSING`  a day outside the holiday data, with `beyondData: 'error'`
 * - `CALENDAR_OPTION_INVALID` a bad constructor option or `approachingWithin`
 */

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type Day = string;

/** An instant: a Date, an ISO 8601 string with 'Z' or an offset, or a 'YYYY-MM-DD' Shanghai day (its 00:00+08:00). */
export type InstantInput = Date | string;

export type PeriodUnit = 'day' | 'workingDay';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'workingDay'];

export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}

/** An interval during which the period does not run (materials missing, verification, appraisal). */
export interface Pause {
  readonly from: InstantInput;
  /** Absent while the pause is still open. */
  readonly to?: InstantInput;
}

export interface DeadlineOptions {
  readonly pauses?: readonly Pause[];
}

export interface RunningDeadline {
  readonly status: 'running';
  readonly period: Period;
  /** The Shanghai day of the start instant; never counted. */
  readonly startDay: Day;
  /** The period ends at 24:00 of this day. */
  readonly lastDay: Day;
  /** 24:00 Shanghai time of `lastDay`, i.e. the next day's 00:00+08:00, as a UTC ISO string. */
  readonly dueAt: string;
  /** Days between the start day and the last day that were paused (calendar days, whatever the unit). */
  readonly pausedDays: number;
  readonly warnings: readonly string[];
}

export interface PausedDeadline {
  readonly status: 'paused';
  readonly period: Period;
  readonly startDay: Day;
  /** The start of the open pause, as a UTC ISO string. */
  readonly pausedSince: string;
  readonly pausedSinceDay: Day;
  /** Units of the period (days or working days) that had run before the pause. */
  readonly used: number;
  readonly remaining: number;
  readonly warnings: readonly string[];
}

export type Deadline = RunningDeadline | PausedDeadline;

export type DeadlineStatus = 'pending' | 'approaching' | 'overdue' | 'paused';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayDescription {
  readonly day: Day;
  readonly working: boolean;
  readonly kind: DayKind;
  /** The holiday the day belongs to (a make-up workday names the holiday it makes up for), e.g. '春节'. */
  readonly holiday?: { readonly en: string; readonly zh: string };
  /** True when the day lies outside the holiday data and only weekends were considered ('warn' mode). */
  readonly estimated: boolean;
}

/** Holidays and make-up workdays keyed by 'YYYY-MM-DD'; values are "English name,中文名,days" as in chinese-days. */
export interface HolidayData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

export interface StatutoryCalendarOptions {
  /** What to do with a day outside the holiday data: refuse ('error', the default) or assume weekends only and warn. */
  readonly beyondData?: 'error' | 'warn';
  /** Defaults to the data shipped in `chinese-days`; inject a newer State Council arrangement here. */
  readonly holidayData?: HolidayData;
}

export interface StatusOptions {
  /** Working days, counting today, at or below which a deadline is 'approaching'. Default 1. */
  readonly approachingWithin?: number;
}

export const MAX_PERIOD_AMOUNT = 3650;

const DAY_MS = 86_400_000;
// China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every
// date the holiday data can cover; Intl would cost far more per call for the same answer.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate(year: number, month: number, dayOfMonth: number): boolean {
  return month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= daysInMonth(year, month);
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD'. */
export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function assertDay(value: unknown, what = 'day'): Day {
  if (!isDay(value)) {
    throw new InvalidInput('DAY_INVALID', `${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      value,
    });
  }
  return value;
}

function epochDay(day: Day): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function dayFromEpochDay(value: number): Day {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

/** The day `amount` days after (or before, if negative) `day`. */
export function addDays(day: Day, amount: number): Day {
  return dayFromEpochDay(epochDay(assertDay(day)) + amount);
}

function weekday(day: Day): number {
  return new Date(epochDay(day) * DAY_MS).getUTCDay();
}

export function instantMs(value: InstantInput, what: string): number {
  const invalid = () =>
    new InvalidInput(
      'INSTANT_INVALID',
      `${what} must be a valid Date, an ISO 8601 instant with 'Z' or an offset, or a YYYY-MM-DD day, got ${show(value)}`,
      { value: show(value) },
    );
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms) || !withinFourDigitYears(ms)) throw invalid();
    return ms;
  }
  if (typeof value !== 'string') throw invalid();
  if (isDay(value)) return epochDay(value) * DAY_MS - SHANGHAI_OFFSET_MS;
  // Without a zone designator JavaScript reads the string in the process time zone: refused.
  const match = INSTANT_PATTERN.exec(value);
  if (!match) throw invalid();
  const [, y, mo, d, h, mi, s] = match;
  if (!isRealDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    throw invalid();
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !withinFourDigitYears(ms)) throw invalid();
  return ms;
}

function withinFourDigitYears(ms: number): boolean {
  const year = new Date(ms + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return year >= 1000 && year <= 9998;
}

function show(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The calendar date in Asia/Shanghai of an instant, whatever the process time zone. */
export function shanghaiDate(instant: InstantInput): Day {
  return dayFromEpochDay(Math.floor((instantMs(instant, 'instant') + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** 24:00 Shanghai time at the end of `day`, as a UTC ISO string. */
export function endOfShanghaiDay(day: Day): string {
  return new Date((epochDay(assertDay(day)) + 1) * DAY_MS - SHANGHAI_OFFSET_MS).toISOString();
}

function parseHolidayName(value: string): { en: string; zh: string } {
  const [en = '', zh = ''] = value.split(',');
  return { en, zh };
}

interface PausedSpan {
  readonly fromMs: number;
  readonly fromDay: Day;
  /** Absent while open. */
  readonly toDay?: Day;
}

interface WarningLog {
  readonly messages: string[];
  note(day: Day, coverage: string): void;
}

/** The beyond-data warnings of one computation, one per year. */
function warningLog(): WarningLog {
  const years = new Set<string>();
  const messages: string[] = [];
  const note = (day: Day, coverage: string) => {
    const year = day.slice(0, 4);
    if (years.has(year)) return;
    years.add(year);
    messages.push(
      `CALENDAR_DATA_MISSING: ${day} is outside the statutory holiday data (${coverage}); working days in ${year} ` +
        `were assumed to be Monday to Friday without holidays or 调休. Check the State Council's arrangement for ${year}.`,
    );
  };
  return { messages, note };
}

export class StatutoryCalendar {
  private readonly beyondData: 'error' | 'warn';
  private readonly holidays: Readonly<Record<string, string>>;
  private readonly workdays: Readonly<Record<string, string>>;
  private readonly coveredYears: ReadonlySet<string>;
  /** First and last covered day, derived from the data. */
  readonly coverage: { readonly from: Day; readonly to: Day };

  constructor(options: StatutoryCalendarOptions = {}) {
    const beyondData = options.beyondData ?? 'error';
    if (beyondData !== 'error' && beyondData !== 'warn') {
      throw new InvalidInput('CALENDAR_OPTION_INVALID', `beyondData must be 'error' or 'warn', got ${show(beyondData)}`);
    }
    this.beyondData = beyondData;
    const data = options.holidayData ?? chineseDaysData;
    this.holidays = data.holidays;
    this.workdays = data.workdays;
    // Every published arrangement names at least one holiday (元旦), so a year with none has no data.
    const years = new Set<string>();
    for (const day of Object.keys(this.holidays)) {
      assertDay(day, 'a holiday in the calendar data');
      years.add(day.slice(0, 4));
    }
    for (const day of Object.keys(this.workdays)) assertDay(day, 'a make-up workday in the calendar data');
    if (years.size === 0) {
      throw new InvalidInput('CALENDAR_OPTION_INVALID', 'holidayData has no holidays: no year would be covered');
    }
    this.coveredYears = years;
    const sorted = [...years].sort();
    this.coverage = { from: `${sorted[0]}-01-01`, to: `${sorted[sorted.length - 1]}-12-31` };
  }

  /** Whether the holiday data covers `day` (its whole year was published). */
  covers(day: Day): boolean {
    return this.coveredYears.has(assertDay(day).slice(0, 4));
  }

  /**
   * Outside the data, 'error' mode refuses and 'warn' mode answers from weekends only with
   * `estimated: true`; `isWorkingDay` alone does not carry that flag, so prefer `describeDay`
   * in 'warn' mode when the answer matters.
   */
  describeDay(day: Day): DayDescription {
    return this.describe(assertDay(day));
  }

  isWorkingDay(day: Day): boolean {
    return this.describe(assertDay(day)).working;
  }

  shanghaiDate(instant: InstantInput): Day {
    return shanghaiDate(instant);
  }

  private describe(day: Day, warnings?: WarningLog): DayDescription {
    const weekend = weekday(day) === 0 || weekday(day) === 6;
    if (!this.coveredYears.has(day.slice(0, 4))) {
      const coverage = `${this.coverage.from}..${this.coverage.to}`;
      if (this.beyondData === 'error') {
        throw new InvalidInput(
          'CALENDAR_DATA_MISSING',
          `No statutory holiday data for ${day}: the calendar covers ${coverage}`,
          { day, coveredFrom: this.coverage.from, coveredTo: this.coverage.to },
        );
      }
      warnings?.note(day, coverage);
      return { day, working: !weekend, kind: weekend ? 'weekend' : 'workday', estimated: true };
    }
    const makeUp = this.workdays[day];
    if (makeUp !== undefined) return { day, working: true, kind: 'makeUpWorkday', holiday: parseHolidayName(makeUp), estimated: false };
    const holiday = this.holidays[day];
    if (holiday !== undefined) return { day, working: false, kind: 'holiday', holiday: parseHolidayName(holiday), estimated: false };
    return { day, working: !weekend, kind: weekend ? 'weekend' : 'workday', estimated: false };
  }

  /**
   * When a period that starts at `start` ends.
   *
   * 民法典 Art. 201: the starting day is not counted, counting begins the next day.
   * 民法典 Art. 203: a period ends at 24:00 of its last day; if that day is a statutory holiday
   * (or weekend rest day) the next working day is the last day.
   * A working-day period counts working days after the start day; its last day is a working day.
   *
   * Paused days: a day D is paused by a pause when shanghaiDate(from) < D <= shanghaiDate(to). The
   * day work stopped still counts; the resume day is, like a new start day, not counted. Paused
   * days (or paused working days) do not count, so they extend the period. Overlapping pauses
   * pause a day once. With a pause still open when the count would reach the end, the result is
   * 'paused' with what was used and what remains; a pause opened after the period had already
   * run out changes nothing.
   */
  deadline(start: InstantInput, period: Period, options: DeadlineOptions = {}): Deadline {
    const checked = checkPeriod(period);
    const startDay = shanghaiDate(start);
    const pauses = checkPauses(options.pauses ?? []);
    const warnings = warningLog();
    const firstOpen = pauses.filter((pause) => pause.toDay === undefined).sort((a, b) => a.fromMs - b.fromMs)[0];
    const isPaused = (day: Day) =>
      pauses.some((pause) => pause.fromDay < day && (pause.toDay === undefined || day <= pause.toDay));
    const counts = (day: Day) => checked.unit === 'day' || this.describe(day, warnings).working;
    // Paused while Art. 203 still looks for a working day, all units are used and none remain.
    const pausedAt = (open: PausedSpan, used: number): PausedDeadline => ({
      status: 'paused',
      period: checked,
      startDay,
      pausedSince: new Date(open.fromMs).toISOString(),
      pausedSinceDay: open.fromDay,
      used,
      remaining: checked.amount - used,
      warnings: warnings.messages,
    });

    let used = 0;
    let pausedDays = 0;
    let day = startDay;
    while (used < checked.amount) {
      day = dayFromEpochDay(epochDay(day) + 1);
      if (firstOpen && day > firstOpen.fromDay) return pausedAt(firstOpen, used);
      if (isPaused(day)) {
        pausedDays += 1;
        continue;
      }
      if (counts(day)) used += 1;
    }
    // 民法典 Art. 203: a last day on a rest day or holiday moves to the next working day.
    while (isPaused(day) || !this.describe(day, warnings).working) {
      day = dayFromEpochDay(epochDay(day) + 1);
      if (firstOpen && day > firstOpen.fromDay) return pausedAt(firstOpen, used);
      if (isPaused(day)) pausedDays += 1;
    }
    return {
      status: 'running',
      period: checked,
      startDay,
      lastDay: day,
      dueAt: endOfShanghaiDay(day),
      pausedDays,
      warnings: warnings.messages,
    };
  }

  /**
   * Where a deadline stands at `now`. 'approaching' when the working days left, counting today
   * if it is one and the last day, are at most `approachingWithin` (default 1: the last working
   * day itself, and any rest days just before it). 'overdue' from `dueAt` on.
   */
  /** `status` for a stored due instant (24:00 Shanghai of the last day), as read models keep it. */
  statusOfDue(dueAt: InstantInput, now: InstantInput, options: StatusOptions = {}): DeadlineStatus {
    const dueMs = instantMs(dueAt, 'dueAt');
    // The last day is the Shanghai day that ends at `dueAt`: the day of the instant just before it.
    const lastDay = shanghaiDate(new Date(dueMs - 1));
    return this.status({ status: 'running', lastDay, dueAt: new Date(dueMs).toISOString() } as RunningDeadline, now, options);
  }

  status(deadline: Deadline, now: InstantInput, options: StatusOptions = {}): DeadlineStatus {
    const within = options.approachingWithin ?? 1;
    if (!Number.isInteger(within) || within < 0 || within > MAX_PERIOD_AMOUNT) {
      throw new InvalidInput(
        'CALENDAR_OPTION_INVALID',
        `approachingWithin must be an integer in 0..${MAX_PERIOD_AMOUNT}, got ${show(within)}`,
      );
    }
    if (deadline.status === 'paused') return 'paused';
    assertDay(deadline.lastDay, 'deadline.lastDay');
    const nowMs = instantMs(now, 'now');
    if (nowMs >= Date.parse(deadline.dueAt)) return 'overdue';
    if (within === 0) return 'pending';
    const today = shanghaiDate(new Date(nowMs));
    // Walk back from the last day; the day after the (within + 1)-th working day back opens the window.
    let workingDaysSeen = 0;
    for (let day = deadline.lastDay; day >= today; day = dayFromEpochDay(epochDay(day) - 1)) {
      if (this.describe(day).working) workingDaysSeen += 1;
      if (workingDaysSeen > within) return 'pending';
    }
    return 'approaching';
  }
}

function checkPeriod(period: Period): Period {
  if (typeof period !== 'object' || period === null) {
    throw new InvalidInput('PERIOD_AMOUNT_INVALID', `period must be { amount, unit }, got ${show(period)}`);
  }
  const { amount, unit } = period;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_PERIOD_AMOUNT) {
    throw new InvalidInput(
      'PERIOD_AMOUNT_INVALID',
      `period amount must be an integer from 1 to ${MAX_PERIOD_AMOUNT}, got ${show(amount)}`,
      { amount: show(amount) },
    );
  }
  if (!PERIOD_UNITS.includes(unit)) {
    throw new InvalidInput('PERIOD_UNIT_INVALID', `period unit must be one of ${PERIOD_UNITS.join(', ')}, got ${show(unit)}`, {
      unit: show(unit),
    });
  }
  return { amount, unit };
}

function checkPauses(pauses: readonly Pause[]): PausedSpan[] {
  if (!Array.isArray(pauses)) throw new InvalidInput('PAUSE_INVALID', `pauses must be an array, got ${show(pauses)}`);
  return pauses.map((pause, index) => {
    if (typeof pause !== 'object' || pause === null || pause.from === undefined) {
      throw new InvalidInput('PAUSE_INVALID', `pause #${index} needs a 'from' instant, got ${show(pause)}`, { index });
    }
    const fromMs = instantMs(pause.from, `pause #${index} from`);
    const fromDay = shanghaiDate(pause.from);
    if (pause.to === undefined) return { fromMs, fromDay };
    const toMs = instantMs(pause.to, `pause #${index} to`);
    const toDay = shanghaiDate(pause.to);
    const bothInstants = !isDay(pause.from) && !isDay(pause.to);
    if (toDay < fromDay || (bothInstants && toMs < fromMs)) {
      throw new InvalidInput('PAUSE_INVALID', `pause #${index} ends (${show(pause.to)}) before it starts (${show(pause.from)})`, {
        index,
      });
    }
    return { fromMs, fromDay, toDay };
  });
}

/**
 * A business line's 限时办结 configuration: its calendar and every period, the line's defaults filled
 * in and each checked, so a misconfigured deployment fails at start with the period named.
 */
export function deadlinePolicy<D extends { readonly [K in keyof D]: Period }>(
  input: { readonly calendar: StatutoryCalendar; readonly deadlines?: Partial<D> } | undefined,
  defaults: D,
  code: string,
  what: string,
): { readonly calendar: StatutoryCalendar; readonly deadlines: D } {
  if (typeof input?.calendar?.deadline !== 'function') throw new InvalidInput(code, `the ${what} policy needs a StatutoryCalendar`);
  const deadlines = { ...defaults, ...input.deadlines } as D;
  for (const [name, period] of Object.entries(deadlines)) {
    const { amount, unit } = (period ?? {}) as Partial<Period>;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_PERIOD_AMOUNT || !PERIOD_UNITS.includes(unit as PeriodUnit)) {
      throw new InvalidInput(code, `deadline ${name} must be { amount: 1..${MAX_PERIOD_AMOUNT}, unit: day | workingDay }, got ${JSON.stringify(period)}`);
    }
  }
  return { calendar: input.calendar, deadlines };
}
