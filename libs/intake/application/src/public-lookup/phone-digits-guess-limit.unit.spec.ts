import { MemoryReadStore } from '@pls/infrastructure';
import { ManualClock } from '@pls/shared-kernel';
import { PhoneDigitsGuessLimit, type PhoneGuessLimit } from './phone-digits-guess-limit';

const CODE = 'SC-AMAQ-6KVA';

function replicas(count: number, limit: Partial<PhoneGuessLimit> = {}) {
  const readStore = new MemoryReadStore();
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  return { clock, limits: Array.from({ length: count }, () => new PhoneDigitsGuessLimit(readStore, clock, { phoneGuessLimit: limit })) };
}

async function failTimes(limit: PhoneDigitsGuessLimit, times: number): Promise<void> {
  for (let index = 0; index < times; index++) await limit.recordFailure(CODE);
}

describe('the limit on guessing the last four phone digits', () => {
  it('given four wrong answers, when the fifth comes, then the case code is locked for 30 minutes with TOO_MANY_ATTEMPTS', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await failTimes(limit, 4);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
    await limit.recordFailure(CODE);
    await expect(limit.assertOpen(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', category: 'FORBIDDEN', details: { lockedUntil: '2026-03-02T01:30:00.000Z', retryAfterSeconds: 1800 } });
    clock.advance(30 * 60_000 - 1);
    await expect(limit.assertOpen(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock.advance(1);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
  });

  it('given wrong answers older than the window, when more come, then only those inside the rolling window count', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await failTimes(limit, 4);
    clock.advance(15 * 60_000 + 1);
    await failTimes(limit, 4);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
    await limit.recordFailure(CODE);
    await expect(limit.assertOpen(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('given a lock that expired, when a wrong answer comes, then counting starts afresh', async () => {
    const { clock, limits: [limit] } = replicas(1);
    await failTimes(limit, 5);
    clock.advance(30 * 60_000);
    await limit.recordFailure(CODE);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
  });

  it('given wrong answers through two gateway replicas at once, then each one counts and together they lock the code', async () => {
    const { limits: [first, second] } = replicas(2);
    await Promise.all([failTimes(first, 3), failTimes(second, 2)]);
    await expect(first.assertOpen(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    await expect(second.assertOpen(CODE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('given the rightful applicant answers, then earlier wrong answers no longer count, and other codes are never affected', async () => {
    const { limits: [limit] } = replicas(1);
    await failTimes(limit, 4);
    await limit.recordSuccess(CODE);
    await failTimes(limit, 4);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
    await expect(limit.assertOpen('SC-OTHR-CODE')).resolves.toBeUndefined();
  });

  it('follows the configured threshold, window and lock period', async () => {
    const { clock, limits: [limit] } = replicas(1, { maxFailures: 2, windowSeconds: 60, lockSeconds: 120 });
    await failTimes(limit, 2);
    await expect(limit.assertOpen(CODE)).rejects.toMatchObject({ details: { retryAfterSeconds: 120 } });
    clock.advance(120_000);
    await expect(limit.assertOpen(CODE)).resolves.toBeUndefined();
  });
});
