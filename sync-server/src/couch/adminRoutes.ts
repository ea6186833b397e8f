/**
 * Homeroom's own routes beside the CouchDB API, under `/couch/_homeroom/` (CouchDB never names a
 * database with a leading underscore, so these cannot clash): the devices of the school and
 * blocking a lost one, for the administration; and the access log of a pupil, for the
 * administration and the pupil's own guardians.
 */
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../accounts/accounts';
import type { Devices } from '../accounts/devices';
import type { AuditLog } from '../audit/auditLog';
import { fullName, type PersonName } from '../../../src/domain/names';
import type { DbContext, Contexts } from './context';
import { HttpError } from './httpError';
import { intParam } from './params';

interface Deps {
  devices: Devices;
  accounts: Accounts;
  auditLog: AuditLog;
}

const MAX_AUDIT_ENTRIES = 500;

/** A person's name from their staff or guardian record, for an administrator or a family. */
async function nameOf(ctx: DbContext, personId: string): Promise<string | undefined> {
  for (const type of ['staff', 'guardian']) {
    const doc = await ctx.store.getWinning(`${type}:${personId}`);
    if (doc && !doc._deleted) return fullName(doc.body as PersonName);
  }
  return undefined;
}

function requireAdmin(ctx: DbContext): void {
  if (!ctx.scope.admin) throw new HttpError('forbidden', 'Only the administration may do this.');
}

export function registerAdminRoutes(app: FastifyInstance, contexts: Contexts, deps: Deps): void {
  app.get('/couch/_homeroom/devices', async (request) => {
    const ctx = await contexts.forOwnDb(request);
    requireAdmin(ctx);
    const devices = [];
    for (const record of deps.devices.list()) {
      for (const accountId of record.accounts) {
        const account = deps.accounts.findById(accountId);
        if (account?.schoolId !== ctx.scope.schoolId) continue;
        devices.push({
          deviceId: record.deviceId,
          personId: account.personId,
          name: (await nameOf(ctx, account.personId)) ?? null,
          login: account.logins[0] ?? null,
          firstSeen: record.firstSeen,
          lastSeen: record.lastSeen,
          blocked: record.blocked !== undefined,
        });
      }
    }
    return { devices };
  });

  app.post<{ Params: { deviceId: string } }>(
    '/couch/_homeroom/devices/:deviceId/block',
    async (request) => {
      const ctx = await contexts.forOwnDb(request);
      requireAdmin(ctx);
      const known = deps.devices
        .list()
        .find((record) => record.deviceId === request.params.deviceId)
        ?.accounts.some((id) => deps.accounts.findById(id)?.schoolId === ctx.scope.schoolId);
      if (!known) throw new HttpError('not_found', 'No such device in this school.');
      await deps.devices.block(request.params.deviceId, ctx.scope.personId);
      return { ok: true };
    },
  );

  app.get<{ Querystring: { pupilId?: string; limit?: string } }>(
    '/couch/_homeroom/audit',
    async (request) => {
      const ctx = await contexts.forOwnDb(request);
      const pupilId = request.query.pupilId;
      if (!pupilId) throw new HttpError('bad_request', 'Name the pupil: ?pupilId=<id>.');
      const ownChild = ctx.scope.children.has(pupilId);
      const inSchool = ctx.store.grants.classOf(pupilId) !== undefined;
      if (!(ctx.scope.admin && inSchool) && !ownChild) {
        throw new HttpError(
          'forbidden',
          "Only the administration and the pupil's guardians see this.",
        );
      }
      const limit = Math.min(intParam(request.query, 'limit') ?? 200, MAX_AUDIT_ENTRIES);
      const entries = await deps.auditLog.forPupil(pupilId, limit);
      const names = new Map<string, string | undefined>();
      for (const entry of entries) {
        if (!names.has(entry.personId))
          names.set(entry.personId, await nameOf(ctx, entry.personId));
      }
      return {
        entries: entries.map((entry) => ({
          at: entry.at,
          personId: entry.personId,
          name: names.get(entry.personId) ?? null,
          role: entry.roles.join(','),
          device: entry.device,
          docId: entry.docId,
          docType: entry.docType,
          action: entry.action,
        })),
      };
    },
  );
}
