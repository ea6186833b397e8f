/**
 * The per-request facts every guarded route needs: who asks, from which device, in which school,
 * with what scope. Blocked devices and accounts over their request rate stop here.
 */
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../../src/domain/access';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { accountRoles, roleNames, type Account } from '../accounts/accounts';
import { DEVICE_HEADER, deviceIdOf, type Devices } from '../accounts/devices';
import type { RateLimit } from '../accounts/rateLimit';
import type { AuditLog } from '../audit/auditLog';
import type { SchoolStore } from '../storage/schoolStore';
import type { Authenticator } from './auth';
import { HttpError } from './httpError';

export interface DbContext {
  account: Account;
  store: SchoolStore;
  scope: Scope;
  /** Records what this request read or wrote in the access log. */
  audit(action: 'read' | 'write', docs: readonly HomeroomDoc[]): void;
}

export interface ContextDeps {
  auth: Authenticator;
  schools: ReadonlyMap<string, SchoolStore>;
  devices: Devices;
  rateLimit: RateLimit;
  auditLog: AuditLog;
}

export class Contexts {
  constructor(private readonly deps: ContextDeps) {}

  /** Refuses a blocked device before anything else, signed in or not. */
  checkDevice(request: FastifyRequest): string | undefined {
    const device = deviceIdOf(request.headers[DEVICE_HEADER]);
    if (this.deps.devices.isBlocked(device)) {
      throw new HttpError(
        'device_blocked',
        'This device was blocked by the school administration.',
      );
    }
    return device;
  }

  async account(request: FastifyRequest): Promise<Account> {
    const device = this.checkDevice(request);
    const account = await this.deps.auth.identify(request);
    if (!account) throw new HttpError('unauthorized', 'You are not logged in.');
    if (!this.deps.rateLimit.take(account._id)) {
      throw new HttpError(
        'too_many_requests',
        'Too many requests from this account; wait a moment.',
      );
    }
    if (device) void this.deps.devices.seen(device, account._id);
    return account;
  }

  /** The context of the signed-in account's own school, for routes that name no database. */
  async forOwnDb(request: FastifyRequest): Promise<DbContext> {
    const account = await this.account(request);
    return this.contextOf(request, account, account.db);
  }

  /** The context for `/couch/:db/...`; another school's database answers as a missing one. */
  async forDb(request: FastifyRequest, dbName: string): Promise<DbContext> {
    return this.contextOf(request, await this.account(request), dbName);
  }

  private contextOf(request: FastifyRequest, account: Account, dbName: string): DbContext {
    const store = this.deps.schools.get(dbName);
    if (!store || account.db !== dbName) {
      throw new HttpError('not_found', 'Database does not exist.');
    }
    const actor = {
      accountId: account._id,
      personId: account.personId,
      roles: roleNames(account),
      device: deviceIdOf(request.headers[DEVICE_HEADER]),
    };
    return {
      account,
      store,
      scope: store.grants.scopeFor(accountRoles(account)),
      audit: (action, docs) => {
        this.deps.auditLog.record(actor, action, docs);
      },
    };
  }
}
