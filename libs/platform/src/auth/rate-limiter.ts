type Bucket = { tokens: number; at: number };

/** A token bucket per key: `perSecond` sustained, `burst` at once; 0 per second is unlimited. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one request's token; the answer is 0 when allowed, else seconds until the next one. */
  take(key: string, nowMs: number): number {
    if (this.perSecond <= 0) return 0;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = nowMs;
    if (this.buckets.size > 50_000) this.prune(nowMs);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /** Forgets buckets that have refilled completely: they behave exactly like new ones. */
  private prune(nowMs: number) {
    for (const [key, b] of this.buckets)
      if (b.tokens + ((nowMs - b.at) / 1000) * this.perSecond >= this.burst)
        this.buckets.delete(key);
  }
}
