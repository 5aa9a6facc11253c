/** Time comes in through a port so that deciders stay pure and tests can move time on purpose. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests and the demo can set and advance explicitly. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new RangeError(`ManualClock: not a date: ${String(start)}`);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    const next = new Date(to).getTime();
    if (Number.isNaN(next)) throw new RangeError(`ManualClock: not a date: ${String(to)}`);
    this.current = next;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock: cannot advance by ${ms} ms`);
    this.current += ms;
  }
}
