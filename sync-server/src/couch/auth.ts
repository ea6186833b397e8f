/**
 * Who is asking: from the AuthSession cookie or HTTP Basic credentials. Verified Basic credentials
 * are remembered for a few minutes by a hash, since stock PouchDB sends them on every request and
 * each scrypt check costs ~0.1 s.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { normalizeLogin } from '../../../src/domain/login';
import type { Account, Accounts } from '../accounts/accounts';
import type { LoginThrottle } from '../accounts/loginThrottle';
import { verifyPassword } from '../accounts/passwords';
import { SESSION_COOKIE, type SessionClaims, type SessionSigner } from '../accounts/sessions';
import { HttpError } from './httpError';

const BASIC_CACHE_MS = 5 * 60_000;

export interface AuthDeps {
  accounts: Accounts;
  signer: SessionSigner;
  throttle: LoginThrottle;
  demo: boolean;
}

export class Authenticator {
  private readonly basicCache = new Map<
    string,
    { accountId: string; epoch: number; until: number }
  >();

  constructor(private readonly deps: AuthDeps) {}

  /**
   * Checks a login and password; throws `unauthorized` or `login_locked`. Failures count per
   * account, whichever of its logins is used, and an attempt counts before its password is
   * checked, so guesses sent in parallel are throttled too.
   */
  async checkPassword(login: string, password: string): Promise<Account> {
    const canonical = normalizeLogin(login) ?? login.trim().toLowerCase();
    const account = this.deps.accounts.findByLogin(canonical);
    const key = account ? account._id : `login:${canonical}`;
    const waitMs = this.deps.throttle.waitMs(key);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(
        'login_locked',
        `Too many failed attempts for this login. Try again in ${seconds} s.`,
        seconds,
      );
    }

    this.deps.throttle.fail(key);
    const ok =
      account !== undefined &&
      !account.blocked &&
      (!account.demo || this.deps.demo) &&
      (await verifyPassword(password, account.passwordHash));
    if (!ok) throw new HttpError('unauthorized', 'Name or password is incorrect.');
    this.deps.throttle.succeed(key);
    return account;
  }

  /** The session a request's cookie names, if it is valid and not ended. */
  session(request: FastifyRequest): SessionClaims | undefined {
    const token = request.cookies[SESSION_COOKIE];
    const claims = token ? this.deps.signer.verify(token) : undefined;
    return claims && !this.deps.accounts.isRevoked(claims.sid) ? claims : undefined;
  }

  /** The account behind a request, or undefined for an anonymous one. */
  async identify(request: FastifyRequest): Promise<Account | undefined> {
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) return this.fromBasic(header);

    const claims = this.session(request);
    const account = claims && this.deps.accounts.findById(claims.accountId);
    if (!account || account.blocked || account.sessionEpoch !== claims.epoch) return undefined;
    if (account.demo && !this.deps.demo) return undefined;
    return account;
  }

  /** After a password change: remembered Basic credentials of the account must be checked again. */
  forgetBasic(accountId: string): void {
    for (const [key, cached] of this.basicCache) {
      if (cached.accountId === accountId) this.basicCache.delete(key);
    }
  }

  private async fromBasic(header: string): Promise<Account> {
    const key = createHash('sha256').update(header).digest('base64');
    const cached = this.basicCache.get(key);
    const cachedAccount =
      cached && cached.until > Date.now() && this.deps.accounts.findById(cached.accountId);
    if (cachedAccount && !cachedAccount.blocked && cachedAccount.sessionEpoch === cached.epoch) {
      return cachedAccount;
    }

    const decoded = Buffer.from(header.slice(6), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new HttpError('unauthorized', 'Malformed Basic credentials.');
    const account = await this.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
    this.basicCache.set(key, {
      accountId: account._id,
      epoch: account.sessionEpoch,
      until: Date.now() + BASIC_CACHE_MS,
    });
    return account;
  }
}
