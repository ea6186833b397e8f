/** The per-request facts every guarded route needs: who asks, in which school, with what scope. */
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../../src/domain/access';
import { accountRoles, type Account } from '../accounts/accounts';
import type { SchoolStore } from '../storage/schoolStore';
import type { Authenticator } from './auth';
import { HttpError } from './httpError';

export interface DbContext {
  account: Account;
  store: SchoolStore;
  scope: Scope;
}

export class Contexts {
  constructor(
    private readonly auth: Authenticator,
    private readonly schools: ReadonlyMap<string, SchoolStore>,
  ) {}

  async account(request: FastifyRequest): Promise<Account> {
    const account = await this.auth.identify(request);
    if (!account) throw new HttpError('unauthorized', 'You are not logged in.');
    return account;
  }

  /** The context for `/couch/:db/...`; another school's database answers as a missing one. */
  async forDb(request: FastifyRequest, dbName: string): Promise<DbContext> {
    const account = await this.account(request);
    const store = this.schools.get(dbName);
    if (!store || account.db !== dbName) {
      throw new HttpError('not_found', 'Database does not exist.');
    }
    return { account, store, scope: store.grants.scopeFor(accountRoles(account)) };
  }
}
