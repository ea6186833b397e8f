/**
 * The access log: every read and write of personal data on the server, as who, which role, from
 * which device, which document, what, and when. It is append-only: no route writes or deletes it,
 * and the server only ever adds entries. Entries are keyed by pupil (or by document when a record is
 * about no pupil) and time, so "who looked at this child's records" is one range read. No body,
 * password or key is ever in an entry.
 */
import type { Database } from 'pouchdb';
import type { HomeroomDoc } from '../../../src/domain/envelope';

export interface AuditEntry {
  _id: string;
  at: string;
  accountId: string;
  personId: string;
  roles: string[];
  device: string;
  docId: string;
  docType: string;
  pupilId?: string;
  action: 'read' | 'write';
}

export interface Actor {
  accountId: string;
  personId: string;
  roles: string[];
  device: string | undefined;
}

/** Types whose documents are personal data. Settings, classes and events are not. */
const PERSONAL = new Set([
  'pupil',
  'profile',
  'guardian',
  'staff',
  'guardianship',
  'attendance',
  'note',
  'achievement',
  'plan',
  'request',
  'media',
  'absence',
  'receipt',
]);
const FLUSH_MS = 200;
const FLUSH_AT = 1000;

export class AuditLog {
  private pending: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database<AuditEntry>) {}

  /** Records access to documents; only personal ones are logged. */
  record(
    actor: Actor,
    action: 'read' | 'write',
    docs: readonly Pick<HomeroomDoc, '_id' | 'type' | 'pupilId'>[],
  ) {
    const at = new Date().toISOString();
    for (const doc of docs) {
      if (!PERSONAL.has(doc.type)) continue;
      const key = doc.pupilId ? `p:${doc.pupilId}` : `d:${doc._id}`;
      this.counter = (this.counter + 1) % 1_000_000;
      const entry: AuditEntry = {
        _id: `${key}:${at}:${String(this.counter).padStart(6, '0')}`,
        at,
        accountId: actor.accountId,
        personId: actor.personId,
        roles: actor.roles,
        device: actor.device ?? 'unknown',
        docId: doc._id,
        docType: doc.type,
        action,
      };
      if (doc.pupilId) entry.pupilId = doc.pupilId;
      this.pending.push(entry);
    }
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending; resolves when everything recorded so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length > 0) await this.db.bulkDocs(batch);
    });
    return this.flushing;
  }

  /** Entries about one pupil, newest first. */
  async forPupil(pupilId: string, limit: number): Promise<AuditEntry[]> {
    await this.flush();
    const prefix = `p:${pupilId}:`;
    const rows = await this.db.allDocs({
      include_docs: true,
      descending: true,
      startkey: `${prefix}\uffff`,
      endkey: prefix,
    });
    return rows.rows.slice(0, limit).flatMap((row) => (row.doc ? [row.doc] : []));
  }
}
