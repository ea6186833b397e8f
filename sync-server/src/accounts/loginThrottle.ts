/**
 * Slows down password guessing per login: after a few failures each attempt must wait longer,
 * and after many the login is locked for a while. Kept in memory; a restart forgives, which only
 * helps the legitimate user.
 */
export const FREE_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;
const MAX_DELAY_MS = 60_000;

interface Failures {
  count: number;
  lastAt: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  /** Milliseconds until this login may try again; 0 when it may try now. */
  waitMs(login: string, now = Date.now()): number {
    const entry = this.failures.get(login);
    if (!entry || entry.count < FREE_FAILURES) return 0;
    const delay =
      entry.count >= LOCK_AFTER_FAILURES
        ? LOCK_MS
        : Math.min(MAX_DELAY_MS, 1000 * 2 ** (entry.count - FREE_FAILURES));
    return Math.max(0, entry.lastAt + delay - now);
  }

  fail(login: string, now = Date.now()): void {
    const entry = this.failures.get(login);
    const expired = entry && now - entry.lastAt > LOCK_MS;
    this.failures.set(login, { count: expired || !entry ? 1 : entry.count + 1, lastAt: now });
  }

  succeed(login: string): void {
    this.failures.delete(login);
  }
}
