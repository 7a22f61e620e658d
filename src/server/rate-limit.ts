// Per-token rate limits: a token bucket per token id (refilled continuously), on the injected clock.

/** Limits: a steady rate and a burst. */
export interface RateLimit {
  /** Requests per second, sustained. */
  readonly perSecond: number;
  /** Requests allowed at once after a quiet spell. */
  readonly burst: number;
}

/** Takes one request from a key's bucket. */
export interface RateLimiter {
  /** 0 when allowed, else the whole seconds to wait. */
  take(key: string): number;
  /** The limits in force. */
  readonly limit: RateLimit;
}

/**
 * A limiter on the clock `nowMs`.
 *
 * @example
 * const limiter = createRateLimiter({ perSecond: 50, burst: 100 }, () => Date.now());
 * limiter.take(tokenId) // 0, or seconds until retry
 */
export const createRateLimiter = (limit: RateLimit, nowMs: () => number): RateLimiter => {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    limit,
    take(key) {
      const now = nowMs();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, atMs: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.atMs) / 1000) * limit.perSecond);
      bucket.atMs = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    },
  };
};
