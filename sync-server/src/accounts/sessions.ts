/**
 * Stateless sessions, as CouchDB's AuthSession cookie: the account id, an expiry and the account's
 * session epoch, signed with the server's secret. Raising the epoch ends every session at once.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'AuthSession';
/** Long, because a tablet may work offline for weeks and must still sync when it comes back. */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface SessionClaims {
  accountId: string;
  epoch: number;
  expiresAt: number;
  /** This session's own id, so logging out ends this session and no other. */
  sid: string;
}

export class SessionSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  issue(accountId: string, epoch: number, nowMs = Date.now()): string {
    const expiresAt = Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS;
    const sid = randomBytes(12).toString('base64url');
    const payload = `${accountId}|${epoch}|${expiresAt}|${sid}`;
    return `${Buffer.from(payload).toString('base64url')}.${this.mac(payload).toString('base64url')}`;
  }

  verify(token: string, nowMs = Date.now()): SessionClaims | undefined {
    const [encoded, signature] = token.split('.');
    if (!encoded || !signature) return undefined;
    const payload = Buffer.from(encoded, 'base64url').toString();
    // Compare the encoded text, not decoded bytes: base64 decoding ignores a last character's
    // spare bits, so two different strings can decode to the same signature.
    const expected = Buffer.from(this.mac(payload).toString('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;

    const [accountId, epoch, expiresAt, sid] = payload.split('|');
    if (!accountId || !sid || Number(expiresAt) * 1000 < nowMs) return undefined;
    return { accountId, epoch: Number(epoch), expiresAt: Number(expiresAt), sid };
  }
}
