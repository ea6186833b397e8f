/**
 * `/couch/_homeroom/password`: a signed-in user changes their own password by giving the old one
 * and the new one. Only the scrypt hash is replaced: the session of the device that asks stays
 * valid (the device rewraps its data key with the new password itself), and the account's other
 * sessions are not ended here (that is what blocking a device or an account is for).
 */
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../accounts/accounts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../accounts/passwords';
import type { Authenticator } from './auth';
import type { Contexts } from './context';
import { HttpError } from './httpError';

/** Far above any real password; stops a megabyte of text from reaching scrypt. */
const MAX_PASSWORD_LENGTH = 256;

export function registerPasswordRoutes(
  app: FastifyInstance,
  auth: Authenticator,
  accounts: Accounts,
  contexts: Contexts,
): void {
  app.post<{ Body: unknown }>('/couch/_homeroom/password', async (request) => {
    const account = await contexts.account(request);
    const body = (request.body ?? {}) as { oldPassword?: unknown; newPassword?: unknown };
    const { oldPassword, newPassword } = body;
    if (typeof oldPassword !== 'string' || typeof newPassword !== 'string') {
      throw new HttpError('bad_request', 'Send {"oldPassword": "…", "newPassword": "…"}.');
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > MAX_PASSWORD_LENGTH) {
      throw new HttpError(
        'bad_request',
        `The new password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      );
    }
    // The old password is checked like a login: throttled and locked after repeated failures.
    await auth.checkPassword(account.logins[0] ?? '', oldPassword);
    await accounts.save([{ ...account, passwordHash: await hashPassword(newPassword) }]);
    auth.forgetBasic(account._id);
    return { ok: true };
  });
}
