import { InvalidInput } from '@pls/shared-kernel';

export interface BucketLimit {
  /** Requests that may arrive at once. */
  readonly burst: number;
  /** Requests refilled per second. */
  readonly perSecond: number;
}

export interface RateLimits {
  readonly perIp: BucketLimit;
  readonly perUser: BucketLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perIp: { burst: 600, perSecond: 30 }, perUser: { burst: 300, perSecond: 10 } };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * In-memory token buckets, one per key (an IP or a user id). Each process limits on its own, which
 * is enough for the embedded platform; a fleet would put this in the ingress or a shared store.
 * The map is bounded: when full, the least recently touched buckets are dropped (a dropped bucket
 * comes back full, which only ever errs towards letting a request through).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 100_000,
  ) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0)) throw new InvalidInput('BAD_RATE_LIMIT', 'a rate limit needs burst >= 1 and perSecond > 0');
  }

  /** Takes one token for the key; answers the seconds to wait when there is none (0: allowed). */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    // Re-insert so the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }
}
