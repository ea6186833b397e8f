/**
 * The access log: every read and write of personal data on the server, as who, which role, from
 * which device, which document, what, and when. It is append-only: no route writes or deletes it,
 * and the server only adds entries, and removes those past their retention period (`prune`). Entries are keyed by pupil (or by document when a record is
 * about no pupil) and time, so "who looked at this child's records" is one range read. No body,
 * password or key is ever in an entry.
 *
 * The log is a LevelDB of its own, one key per entry, written in batches: a roll call of thirty
 * marks adds thirty entries, and as PouchDB documents (revision trees, sequence numbers, a read of
 * each key before it is written) they cost as much as the marks themselves. Nothing here needs
 * revisions or replication.
 */
import fs from 'node:fs';
import leveldown, { type LevelDown } from 'leveldown';
import PouchDB from 'pouchdb';
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
const PRUNE_BATCH = 1000;
/** The time in an entry's key: `p:<pupil>:<ISO time>:<counter>` or `d:<doc id>:<ISO time>:<counter>`. */
const ENTRY_TIME = /:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z):\d{6}$/;
const FLUSH_AT = 1000;

export class AuditLog {
  private pending: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(private readonly db: LevelDown) {}

  /** Opens (or creates) the log's LevelDB folder. */
  static async open(location: string): Promise<AuditLog> {
    const db = leveldown(location);
    await done((callback) => {
      db.open({ createIfMissing: true }, callback);
    });
    return new AuditLog(db);
  }

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
    if (this.pending.length >= FLUSH_AT) this.flushUnwatched();
    else if (this.pending.length > 0) this.timer ??= setTimeout(this.flushUnwatched, FLUSH_MS);
  }

  /**
   * Writes what is pending; resolves when everything recorded so far is stored. Entries a failed
   * write could not store stay pending for the next flush.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    const written = this.flushing.then(() => this.append(batch));
    this.flushing = written.catch(() => {
      this.pending.unshift(...batch);
    });
    return written;
  }

  /** Entries about one pupil, newest first. */
  async forPupil(pupilId: string, limit: number): Promise<AuditEntry[]> {
    await this.flush();
    // Keys are `p:<pupilId>:<time>:<counter>`; `;` is the character after `:`.
    const iterator = this.db.iterator({
      gte: `p:${pupilId}:`,
      lt: `p:${pupilId};`,
      reverse: true,
      limit,
      keyAsBuffer: false,
      valueAsBuffer: false,
    });
    const entries: AuditEntry[] = [];
    try {
      for (let next = await iterator.next(); next; next = await iterator.next()) {
        entries.push({ ...(JSON.parse(next[1]) as Omit<AuditEntry, '_id'>), _id: next[0] });
      }
    } finally {
      await done((callback) => {
        iterator.end(callback);
      });
    }
    return entries;
  }

  /**
   * Removes the entries made before `before`, in batches; returns how many. The time is read from
   * the key (`…:<ISO time>:<counter>`), so values are never read.
   */
  async prune(before: Date): Promise<number> {
    await this.flush();
    const limit = before.toISOString();
    const iterator = this.db.iterator({ values: false, keyAsBuffer: false });
    let removed = 0;
    let batch: { type: 'del'; key: string }[] = [];
    const removeBatch = async () => {
      const operations = batch;
      batch = [];
      removed += operations.length;
      await done((callback) => {
        this.db.batch(operations, callback);
      });
    };
    try {
      for (let next = await iterator.next(); next; next = await iterator.next()) {
        const key = next[0];
        const at = ENTRY_TIME.exec(key)?.[1];
        if (at !== undefined && at < limit) batch.push({ type: 'del', key });
        if (batch.length >= PRUNE_BATCH) await removeBatch();
      }
    } finally {
      await done((callback) => {
        iterator.end(callback);
      });
    }
    if (batch.length > 0) await removeBatch();
    return removed;
  }

  /** Stores what is pending and closes the log. */
  async close(): Promise<void> {
    await this.flush();
    await done((callback) => {
      this.db.close(callback);
    });
  }

  /** Adds entries under their keys; an entry stored again (a move cut short) is the same entry. */
  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // An entry moved from PouchDB still carries its revision, which means nothing here.
    const operations = entries.map((entry) => {
      const { _id, _rev, ...fields } = entry as AuditEntry & { _rev?: string };
      return { type: 'put' as const, key: _id, value: JSON.stringify(fields) };
    });
    await done((callback) => {
      this.db.batch(operations, callback);
    });
  }

  /** A flush nobody awaits has no one to tell of a failure: its entries wait for the next one. */
  private readonly flushUnwatched = () => {
    this.flush().catch(() => undefined);
  };
}

const MOVE_BATCH = 1000;

/**
 * Earlier versions kept the log in a PouchDB database in `location`. Its entries move into the log
 * under the same keys, so a move cut short is simply made again at the next start, and then the old
 * database is removed. Returns the number of entries moved.
 */
export async function moveEntriesFromPouch(log: AuditLog, location: string): Promise<number> {
  if (!fs.existsSync(location)) return 0;
  const old = new PouchDB<AuditEntry>(location);
  let moved = 0;
  let after: string | undefined;
  for (;;) {
    const page = await old.allDocs({
      include_docs: true,
      limit: MOVE_BATCH,
      ...(after === undefined ? {} : { startkey: after, skip: 1 }),
    });
    const entries = page.rows.flatMap((row) => (row.doc ? [row.doc] : []));
    await log.append(entries);
    moved += entries.length;
    if (page.rows.length < MOVE_BATCH) break;
    after = page.rows.at(-1)?.id;
  }
  await old.destroy();
  return moved;
}

function done(start: (callback: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    start((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
