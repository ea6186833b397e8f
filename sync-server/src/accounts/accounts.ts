/**
 * Accounts live in their own database beside the school's, never replicated: logins, password
 * hashes and account roles. Which classes and children an account reaches comes from the grant
 * documents in the school's database, not from here.
 */
import type { Database } from 'pouchdb';
import type { AccountRoles } from '../../../src/domain/grants';
import { normalizeLogin } from '../../../src/domain/login';

export interface Account {
  _id: string;
  _rev?: string;
  /** Canonical logins (e-mail, phone) that name this account. */
  logins: string[];
  passwordHash: string;
  schoolId: string;
  db: string;
  personId: string;
  admin: boolean;
  staff: boolean;
  guardian: boolean;
  /** A pupil's own account: the pupil it belongs to. */
  pupilId?: string;
  /** A demo account: its password works only while the server runs in demo mode. */
  demo?: boolean;
  /** Raised to end every session of the account (password change, block). */
  sessionEpoch: number;
  blocked?: boolean;
  /** A one-time invitation code to set the password: its keyed hash and expiry (ms). */
  invitation?: { hash: string; expiresAt: number } | undefined;
}

export function accountRoles(account: Account): AccountRoles {
  return {
    schoolId: account.schoolId,
    personId: account.personId,
    admin: account.admin,
    staff: account.staff,
    pupilId: account.pupilId,
  };
}

/** CouchDB-style role names for `userCtx.roles`. */
export function roleNames(account: Account): string[] {
  const roles: string[] = [];
  if (account.admin) roles.push('admin');
  if (account.staff) roles.push('staff');
  if (account.guardian) roles.push('guardian');
  if (account.pupilId) roles.push('pupil');
  return roles;
}

const REVOKED_ID = '_local/revoked-sessions';

interface RevokedDoc {
  _id: string;
  _rev?: string;
  /** Session id → its expiry, in seconds since the epoch. */
  sessions: Record<string, number>;
}

export class Accounts {
  private readonly byLogin = new Map<string, Account>();
  private readonly byId = new Map<string, Account>();
  private revoked: RevokedDoc = { _id: REVOKED_ID, sessions: {} };

  private constructor(private readonly db: Database<Account>) {}

  static async open(db: Database<Account>): Promise<Accounts> {
    const accounts = new Accounts(db);
    try {
      accounts.revoked = (await db.get(REVOKED_ID)) as unknown as RevokedDoc;
    } catch {
      // No session was ever ended: nothing to load.
    }
    const all = await db.allDocs({ include_docs: true });
    for (const row of all.rows) {
      if (row.doc && !row.id.startsWith('_design/')) accounts.remember(row.doc);
    }
    return accounts;
  }

  private remember(account: Account): void {
    const old = this.byId.get(account._id);
    for (const login of old?.logins ?? []) this.byLogin.delete(login);
    this.byId.set(account._id, account);
    for (const login of account.logins) this.byLogin.set(login, account);
  }

  get size(): number {
    return this.byId.size;
  }

  findByLogin(login: string): Account | undefined {
    const canonical = normalizeLogin(login);
    return canonical ? this.byLogin.get(canonical) : undefined;
  }

  findById(id: string): Account | undefined {
    return this.byId.get(id);
  }

  /** Every account, for the rare questions no index answers (an invitation code's holder). */
  all(): IterableIterator<Account> {
    return this.byId.values();
  }

  isRevoked(sid: string): boolean {
    return sid in this.revoked.sessions;
  }

  /** Ends one session for good; expired entries are dropped as new ones arrive. */
  async revokeSession(sid: string, expiresAt: number): Promise<void> {
    const now = Date.now() / 1000;
    const sessions = Object.fromEntries(
      Object.entries(this.revoked.sessions).filter(([, until]) => until > now),
    );
    sessions[sid] = expiresAt;
    const result = await this.db.put({ ...this.revoked, sessions });
    this.revoked = { ...this.revoked, sessions, _rev: result.rev };
  }

  /** Adds or replaces accounts; refuses a login that another account already has. */
  async save(accounts: Account[]): Promise<void> {
    for (const account of accounts) {
      for (const login of account.logins) {
        const holder = this.byLogin.get(login);
        if (holder && holder._id !== account._id) {
          throw new Error(`The login ${login} belongs to another account already.`);
        }
      }
    }
    for (let start = 0; start < accounts.length; start += 1000) {
      const batch = accounts.slice(start, start + 1000);
      const results = await this.db.bulkDocs(batch);
      results.forEach((result, index) => {
        const account = batch[index];
        if ('error' in result || !account) {
          throw new Error(
            `Saving account failed: ${'reason' in result ? String(result.reason) : ''}`,
          );
        }
        this.remember({ ...account, _rev: result.rev });
      });
    }
  }
}
