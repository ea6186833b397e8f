/**
 * The user's local database: one per user per device, named by a hash of origin and login, never
 * by the login itself. Rows keep only the clear envelope fields (for indexes) and the whole
 * document as AES-GCM ciphertext.
 */
import { Dexie, type Table } from 'dexie';
import type { Envelope } from '../domain/envelope';
import type { Sealed } from '../crypto/seal';

/** A stored document: clear envelope fields plus the sealed whole document. */
export type DocRow = Envelope & Sealed;

/**
 * A pending local edit. One entry per document; `editSeq` grows with every local edit so an
 * acknowledgement of an older version never clears a newer one.
 */
export interface OutboxEntry {
  docId: string;
  editSeq: number;
  queuedAt: string;
  /** The server refused this edit (forbidden, invalid_doc): kept, shown, not retried as is. */
  rejected?: { editSeq: number; code: string };
}

export interface CheckpointRow {
  /** Hash of server origin, database and person: a second user never resumes from another's. */
  key: string;
  since: string | number;
}

/**
 * The marker row: written when the database is created by a sign-in, never by anything else. A
 * database without it was recreated empty after the browser cleared or evicted the real one.
 */
export interface MetaRow {
  key: 'marker';
  createdAt: string;
}

export const MARKER_KEY = 'marker';

export class UserDb extends Dexie {
  docs!: Table<DocRow, string>;
  outbox!: Table<OutboxEntry, string>;
  checkpoints!: Table<CheckpointRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(name: string) {
    super(name);
    const schema = {
      docs: '&_id, type, *classIds, pupilId, eventId, personId, date',
      outbox: '&docId',
      checkpoints: '&key',
    };
    this.version(1).stores(schema);
    // Dexie runs an upgrade only over an existing database, never over a freshly created one, so
    // a database that the browser emptied and Dexie reopened stays without its marker.
    this.version(2)
      .stores({ ...schema, meta: '&key' })
      .upgrade((tx) =>
        tx.table('meta').put({ key: MARKER_KEY, createdAt: new Date(Date.now()).toISOString() }),
      );
  }
}

export function userDbName(accountHash: string): string {
  return `homeroom-u-${accountHash}`;
}
