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

export class UserDb extends Dexie {
  docs!: Table<DocRow, string>;
  outbox!: Table<OutboxEntry, string>;
  checkpoints!: Table<CheckpointRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      docs: '&_id, type, *classIds, pupilId, eventId, personId, date',
      outbox: '&docId',
      checkpoints: '&key',
    });
  }
}

export function userDbName(accountHash: string): string {
  return `homeroom-u-${accountHash}`;
}
