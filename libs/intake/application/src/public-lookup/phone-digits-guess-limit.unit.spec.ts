import { MemoryReadStore } from '@pls/infrastructure';
import { ManualClock } from '@pls/shared-kernel';
import { PhoneDigitsGuessLimit, type PhoneGuessLimit } from './phone-digits-guess-limit';

const CODE = 'SC-AMAQ-6KVA';

function replicas(count: number, limit: Partial<PhoneGuessLimit> = {}) {
  const readStore = new MemoryReadStore();
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  return { clock, limits: Array.from({ length: count }, () => new PhoneDigitsGuessLimit(readStore, clock, { phoneGuessLimit: limit })) };
}

/** Wrong answers: attempts never followed by `answeredRightly`. */
async function wrongAnswers(limit: PhoneDigitsGuessLimit, times: number): Promise<void> {
  for (let index = 0; index < times; index++) await limit.beginAttempt(CODE);
}

describe('the limit on guessing the last four phone digits', () => {
  it('given four wrong answers, when the fifth is wrong too, then the next answer is refused with TOO_MANY_ATTEMPTS for 30 minutes', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await wrongAnswers(limit, 4);
    expect(await limit.lockedUntil(CODE)).toBeNull();
    await limit.beginAttempt(CODE);
    await expect(limit.beginAttempt(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', category: 'FORBIDDEN', details: { lockedUntil: '2026-03-02T01:30:00.000Z', retryAfterSeconds: 1800 } });
    clock.advance(30 * 60_000 - 1);
    await expect(limit.beginAttempt(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock.advance(1);
    await expect(limit.beginAttempt(CODE)).resolves.toBeUndefined();
  });

  it('given four wrong answers, when the fifth is right, then nothing is locked and the count starts again', async () => {
    const { limits: [limit] } = replicas(1);
    await wrongAnswers(limit, 4);
    await limit.beginAttempt(CODE);
    await limit.answeredRightly(CODE);
    expect(await limit.lockedUntil(CODE)).toBeNull();
    await wrongAnswers(limit, 4);
    expect(await limit.lockedUntil(CODE)).toBeNull();
  });

  it('given wrong answers older than the window, when more come, then only those inside the rolling window count', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await wrongAnswers(limit, 4);
    clock.advance(15 * 60_000 + 1);
    await wrongAnswers(limit, 4);
    expect(await limit.lockedUntil(CODE)).toBeNull();
    await limit.beginAttempt(CODE);
    expect(await limit.lockedUntil(CODE)).toBe('2026-03-02T01:45:00.001Z');
  });

  it('given a lock that ran out, when a wrong answer comes, then counting starts afresh', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await wrongAnswers(limit, 5);
    clock.advance(30 * 60_000);
    await wrongAnswers(limit, 4);
    expect(await limit.lockedUntil(CODE)).toBeNull();
  });

  it('given a burst of parallel guesses through two gateway replicas, then only five are let through to be checked', async () => {
    const { limits: [first, second] } = replicas(2);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? first : second).beginAttempt(CODE)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.code)).toEqual(Array(7).fill('TOO_MANY_ATTEMPTS'));
    expect(await second.lockedUntil(CODE)).toBe('2026-03-02T01:30:00.000Z');
  });

  it('never affects another case code', async () => {
    const { limits: [limit] } = replicas(1);
    await wrongAnswers(limit, 5);
    await expect(limit.beginAttempt('SC-OTHR-CODE')).resolves.toBeUndefined();
  });

  it('follows the configured threshold, window and lock period', async () => {
    const { clock, limits: [limit] } = replicas(1, { maxFailures: 2, windowSeconds: 60, lockSeconds: 120 });
    await wrongAnswers(limit, 2);
    await expect(limit.beginAttempt(CODE)).rejects.toMatchObject({ details: { retryAfterSeconds: 120 } });
    clock.advance(120_000);
    await expect(limit.beginAttempt(CODE)).resolves.toBeUndefined();
  });
});
