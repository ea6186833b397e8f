/**
 * The administration's routes for an imported roster: accounts for the imported people, and
 * invitation codes (also for a class teacher, for the families of their class); and the one public
 * route that redeems a code, throttled like logins.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts } from '../accounts/accounts';
import {
  accountsForPeople,
  findInvitation,
  INVITATION_TTL_MS,
  invitationHash,
  newInvitationCode,
  redeemInvitation,
  type PersonDoc,
} from '../accounts/invitations';
import { LoginThrottle } from '../accounts/loginThrottle';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwords';
import type { Contexts, DbContext } from './context';
import { HttpError } from './httpError';

interface Deps {
  accounts: Accounts;
  secret: Buffer;
}

async function peopleOf(ctx: DbContext): Promise<PersonDoc[]> {
  const people: PersonDoc[] = [];
  for (const type of ['staff', 'guardian'] as const) {
    const rows = await ctx.store.db.allDocs({
      startkey: `${type}:`,
      endkey: `${type}:\ufff0`,
      include_docs: true,
    });
    for (const row of rows.rows) {
      const doc = row.doc as unknown as PersonDoc | undefined;
      if (doc?.personId && !(doc as { _deleted?: boolean })._deleted) people.push(doc);
    }
  }
  return people;
}

/** The administration for anyone; a class teacher for guardians of their own class. */
async function requireInviter(ctx: DbContext, personId: string): Promise<void> {
  const guardian = await ctx.store.getWinning(`guardian:${personId}`);
  const staff = await ctx.store.getWinning(`staff:${personId}`);
  const known = [guardian, staff].some((doc) => doc && !doc._deleted);
  if (ctx.scope.admin && known) return;
  const ownFamily =
    guardian !== undefined &&
    !guardian._deleted &&
    guardian.classIds.some((classId) => ctx.scope.classes.has(classId));
  if (!ownFamily) {
    throw new HttpError(
      'forbidden',
      'Only the administration, or the class teacher for the families of the class, may do this.',
    );
  }
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

export function registerImportRoutes(app: FastifyInstance, contexts: Contexts, deps: Deps): void {
  const throttle = new LoginThrottle();

  app.post('/couch/_homeroom/accounts', async (request) => {
    const ctx = await contexts.forOwnDb(request);
    if (!ctx.scope.admin) throw new HttpError('forbidden', 'Only the administration may do this.');
    const school = { schoolId: ctx.scope.schoolId, db: ctx.account.db };
    return { ok: true, ...(await accountsForPeople(deps.accounts, await peopleOf(ctx), school)) };
  });

  app.post('/couch/_homeroom/invitations', async (request) => {
    const ctx = await contexts.forOwnDb(request);
    const personId = bodyOf(request).personId;
    if (typeof personId !== 'string' || personId === '') {
      throw new HttpError('bad_request', 'Name the person: {"personId": "…"}.');
    }
    await requireInviter(ctx, personId);
    const account = deps.accounts.findById(`account:${personId}`);
    if (account?.schoolId !== ctx.scope.schoolId) {
      throw new HttpError('not_found', 'This person has no account yet: create accounts first.');
    }
    const code = newInvitationCode();
    const expiresAt = Date.now() + INVITATION_TTL_MS;
    const invitation = { hash: invitationHash(deps.secret, code), expiresAt };
    await deps.accounts.save([{ ...account, invitation }]);
    return { ok: true, code, expiresAt: new Date(expiresAt).toISOString(), logins: account.logins };
  });

  app.post('/couch/_homeroom/invitations/redeem', async (request) => {
    contexts.checkDevice(request);
    const { code, password } = bodyOf(request);
    if (typeof code !== 'string' || typeof password !== 'string') {
      throw new HttpError('bad_request', 'Send {"code": "…", "password": "…"}.');
    }
    const key = `invitation:${request.ip}`;
    const waitMs = throttle.waitMs(key);
    if (waitMs > 0) {
      throw new HttpError('login_locked', 'Too many wrong codes; wait.', Math.ceil(waitMs / 1000));
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new HttpError(
        'bad_request',
        `The password needs at least ${String(MIN_PASSWORD_LENGTH)} characters.`,
      );
    }
    const account = findInvitation(deps.accounts, deps.secret, code);
    if (!account) {
      throttle.fail(key);
      throw new HttpError('unauthorized', 'The code is wrong, used or expired.');
    }
    throttle.succeed(key);
    await redeemInvitation(deps.accounts, account, password);
    return { ok: true, logins: account.logins };
  });
}
