/**
 * Requests per account: a token bucket that allows bursts (a first sync, a roll call pushed at
 * once) and refuses a device that keeps hammering the server.
 */
export const BURST_REQUESTS = 300;
export const REQUESTS_PER_SECOND = 10;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst = BURST_REQUESTS,
    private readonly perSecond = REQUESTS_PER_SECOND,
  ) {}

  /** Takes one request from the account's bucket; false when it is empty. */
  take(accountId: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(accountId) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    const allowed = tokens >= 1;
    this.buckets.set(accountId, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }
}
