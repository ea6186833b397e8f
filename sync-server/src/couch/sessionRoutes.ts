/**
 * `/couch/_session`: cookie login as CouchDB does it, plus a `homeroom` block that tells the app
 * which database and person the account is.
 * https://docs.couchdb.org/en/stable/api/server/authn.html#cookie-authentication
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleNames, type Account, type Accounts } from '../accounts/accounts';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionSigner } from '../accounts/sessions';
import type { Authenticator } from './auth';
import type { Contexts } from './context';
import { HttpError } from './httpError';

function homeroomInfo(account: Account) {
  return { db: account.db, personId: account.personId, schoolId: account.schoolId };
}

function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}

export function registerSessionRoutes(
  app: FastifyInstance,
  auth: Authenticator,
  signer: SessionSigner,
  accounts: Accounts,
  contexts: Contexts,
): void {
  app.post<{ Body: unknown }>('/couch/_session', async (request, reply: FastifyReply) => {
    contexts.checkDevice(request);
    const body = (request.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof body.name !== 'string' || typeof body.password !== 'string') {
      throw new HttpError('bad_request', 'Send {"name": "<login>", "password": "<password>"}.');
    }
    const account = await auth.checkPassword(body.name, body.password);
    const token = signer.issue(account._id, account.sessionEpoch);
    void reply.setCookie(SESSION_COOKIE, token, {
      ...cookieOptions(request),
      maxAge: SESSION_TTL_SECONDS,
    });
    return {
      ok: true,
      name: account.logins[0] ?? null,
      roles: roleNames(account),
      homeroom: homeroomInfo(account),
    };
  });

  app.get('/couch/_session', async (request) => {
    contexts.checkDevice(request);
    const account = await auth.identify(request);
    return {
      ok: true,
      userCtx: { name: account?.logins[0] ?? null, roles: account ? roleNames(account) : [] },
      info: { authentication_handlers: ['cookie', 'default'] },
      ...(account ? { homeroom: homeroomInfo(account) } : {}),
    };
  });

  // Logging out ends this session on the server too: the same cookie replayed later is refused.
  app.delete('/couch/_session', async (request, reply) => {
    const claims = auth.session(request);
    if (claims) await accounts.revokeSession(claims.sid, claims.expiresAt);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return { ok: true };
  });
}
