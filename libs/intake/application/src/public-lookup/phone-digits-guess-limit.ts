import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, READ_STORE, type ReadCollection, type ReadDocument, type ReadStore } from '@pls/event-sourcing';
import { Forbidden, type Clock } from '@pls/shared-kernel';
import { INTAKE_OPTIONS, type IntakeOptions } from '../shared/intake.options';

export interface PhoneGuessLimit {
  /** Wrong answers for one case code, within the window, that lock it. */
  readonly maxFailures: number;
  /** The rolling window the wrong answers are counted in. */
  readonly windowSeconds: number;
  /** How long the case code's public look-ups stay locked. */
  readonly lockSeconds: number;
}

/** Four digits are 10,000 guesses: five wrong answers in 15 minutes lock the code for 30 minutes. */
export const DEFAULT_PHONE_GUESS_LIMIT: PhoneGuessLimit = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 30 * 60 };

export const PHONE_GUESSES_COLLECTION = 'intake.public-lookup-guesses';

interface GuessDocument extends ReadDocument {
  /** The normalised case code. */
  readonly _id: string;
  /** Instants of the wrong answers still inside the window. */
  readonly failures: readonly string[];
  readonly lockedUntil: string | null;
  /** Bumped on every write: the compare-and-set that keeps gateway replicas from losing a count. */
  readonly version: number;
}

const MAX_WRITE_ATTEMPTS = 8;

/**
 * The limit on guessing the last four phone digits (publicProgress, rateMyMatter, the progress
 * page). Counted per case code, not per IP, so rotating addresses does not help; kept in the read
 * store, not in process memory, so every gateway replica and service sees the same count.
 */
@Injectable()
export class PhoneDigitsGuessLimit {
  private readonly limit: PhoneGuessLimit;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) options: IntakeOptions,
  ) {
    this.limit = { ...DEFAULT_PHONE_GUESS_LIMIT, ...options.phoneGuessLimit };
  }

  /**
   * Call before checking an answer: refuses it while the code is locked, otherwise counts it as a
   * wrong answer until `answeredRightly` says otherwise. Counting first, in one compare-and-set,
   * is what stops a burst of parallel guesses from all passing the check before any is counted.
   */
  async beginAttempt(caseCode: string): Promise<void> {
    await this.write(caseCode, (current) => {
      const now = this.clock.now();
      if (current?.lockedUntil && Date.parse(current.lockedUntil) > now.getTime()) throw locked(current.lockedUntil, now);
      const windowStart = now.getTime() - this.limit.windowSeconds * 1000;
      // A lock that has run out starts the count afresh.
      const lockExpired = Boolean(current?.lockedUntil);
      const failures = [...(lockExpired ? [] : (current?.failures ?? [])).filter((at) => Date.parse(at) > windowStart), now.toISOString()];
      const version = (current?.version ?? -1) + 1;
      // The answer that reaches the threshold is still checked; if it is wrong, the lock stands.
      if (failures.length >= this.limit.maxFailures) return { _id: caseCode, failures, lockedUntil: new Date(now.getTime() + this.limit.lockSeconds * 1000).toISOString(), version };
      return { _id: caseCode, failures, lockedUntil: null, version };
    });
  }

  /** The rightful applicant answered: the attempt, and earlier wrong ones, no longer count. */
  async answeredRightly(caseCode: string): Promise<void> {
    await this.write(caseCode, (current) => ({ _id: caseCode, failures: [], lockedUntil: null, version: (current?.version ?? -1) + 1 }));
  }

  private async write(caseCode: string, next: (current: GuessDocument | null) => GuessDocument | null): Promise<void> {
    const collection = await this.collection();
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await collection.get(caseCode);
      const version = (current?.version ?? -1) + 1;
      // applyGuarded is atomic per document: a version another replica already wrote is skipped, and we re-read.
      const outcome = await collection.applyGuarded(caseCode, 'guesses', version, () => next(current));
      if (outcome.kind !== 'skipped') return;
    }
    throw new Forbidden('TOO_MANY_ATTEMPTS', 'too many simultaneous answers for this case code; try again later');
  }

  /** Whether the code is locked now (for tests and operators; answers go through beginAttempt). */
  async lockedUntil(caseCode: string): Promise<string | null> {
    const document = await (await this.collection()).get(caseCode);
    return document?.lockedUntil && Date.parse(document.lockedUntil) > this.clock.now().getTime() ? document.lockedUntil : null;
  }

  private collection(): Promise<ReadCollection<GuessDocument>> {
    return this.readStore.collection<GuessDocument>(PHONE_GUESSES_COLLECTION, { name: PHONE_GUESSES_COLLECTION, indexes: [] });
  }
}

function locked(lockedUntil: string, now: Date): Forbidden {
  return new Forbidden(
    'TOO_MANY_ATTEMPTS',
    `too many wrong answers for this case code: its public look-ups are locked until ${lockedUntil}; try again later or ask the desk that registered it`,
    { lockedUntil, retryAfterSeconds: Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000) },
  );
}
