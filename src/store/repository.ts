/**
 * The encrypted document store of one unlocked user. Every write seals first (WebCrypto cannot run
 * inside an IndexedDB transaction) and then puts the rows, the outbox entries and, for pulls, the
 * checkpoint in one Dexie transaction, so a crash never leaves one without the other.
 */
import type { HomeroomDoc } from '../domain/envelope';
import { fromRow, toRow } from './rows';
import type { OutboxEntry, UserDb } from './userDb';

/**
 * An opaque position in the server's changes feed (base64url from Homeroom's server), stored and
 * sent back exactly as received; numbers only come from checkpoints of older versions.
 */
export type Seq = string | number;

/** One row of a pulled batch: the server's version, or its removal from what the user may read. */
export interface PulledChange {
  id: string;
  deleted: boolean;
  /** The document left the user's view (access lost): it goes, with any edit queued for it. */
  removed?: boolean;
  doc?: HomeroomDoc | undefined;
}

/** The document to keep when a pulled version meets a pending local edit. */
export type MergeRule = (local: HomeroomDoc, server: HomeroomDoc) => HomeroomDoc;

export interface AppliedChanges {
  upserted: HomeroomDoc[];
  removed: string[];
  /** Queued local edits dropped because their document left the user's view. */
  dropped: number;
}

/** A local edit raced the pull; the batch is recomputed. */
class OutboxMoved extends Error {}

/** Pull retries when local edits keep landing on the same documents; a tap is rarely that fast. */
const MAX_APPLY_ATTEMPTS = 5;

export class Repository {
  constructor(
    readonly db: UserDb,
    private readonly key: CryptoKey,
  ) {}

  async loadAll(): Promise<HomeroomDoc[]> {
    const rows = await this.db.docs.toArray();
    return Promise.all(rows.map((row) => fromRow(this.key, row)));
  }

  async get(id: string): Promise<HomeroomDoc | undefined> {
    const row = await this.db.docs.get(id);
    return row ? fromRow(this.key, row) : undefined;
  }

  /**
   * Stores local edits and queues them for push, in one transaction. The base revision is always
   * the stored row's: a local edit never changes which server version it was based on.
   */
  async saveLocal(docs: readonly HomeroomDoc[]): Promise<void> {
    const rows = await Promise.all(docs.map((doc) => toRow(this.key, doc)));
    const queuedAt = new Date(Date.now()).toISOString();

    await this.db.transaction('rw', this.db.docs, this.db.outbox, async () => {
      const ids = rows.map((row) => row._id);
      const [existing, entries] = await Promise.all([
        this.db.docs.bulkGet(ids),
        this.db.outbox.bulkGet(ids),
      ]);
      rows.forEach((row, index) => {
        const base = existing[index]?._rev;
        if (base === undefined) delete row._rev;
        else row._rev = base;
      });
      await this.db.docs.bulkPut(rows);
      await this.db.outbox.bulkPut(
        rows.map((row, index) => {
          const editSeq = (entries[index]?.editSeq ?? 0) + 1;
          return { docId: row._id, editSeq, queuedAt };
        }),
      );
    });
  }

  pendingCount(): Promise<number> {
    return this.db.outbox.count();
  }

  pendingEntries(): Promise<OutboxEntry[]> {
    return this.db.outbox.toArray();
  }

  async readCheckpoint(key: string): Promise<Seq | undefined> {
    return (await this.db.checkpoints.get(key))?.since;
  }

  /**
   * Applies one pulled batch and its checkpoint in one transaction. A document with a pending local
   * edit is merged by `merge` and stays queued, now based on the server's revision; a deletion of a
   * document with a pending edit is ignored, so the edit is pushed and the server decides. A
   * document that left the user's view (`removed`) goes with its queued edit: the server would
   * refuse that edit now, and keeping it would keep the document on the device.
   */
  async applyPulled(
    changes: readonly PulledChange[],
    checkpoint: { key: string; since: Seq },
    merge: MergeRule,
  ): Promise<AppliedChanges> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryApply(changes, checkpoint, merge);
      } catch (error) {
        if (!(error instanceof OutboxMoved) || attempt >= MAX_APPLY_ATTEMPTS) throw error;
      }
    }
  }

  private async tryApply(
    changes: readonly PulledChange[],
    checkpoint: { key: string; since: Seq },
    merge: MergeRule,
  ): Promise<AppliedChanges> {
    const ids = changes.map((change) => change.id);
    const seen = await this.queuedAmong(ids);
    const upserted: HomeroomDoc[] = [];
    const removed: string[] = [];
    const revoked: string[] = [];

    for (const change of changes) {
      const dirty = seen.has(change.id);
      if (change.removed) {
        removed.push(change.id);
        if (dirty) revoked.push(change.id);
        continue;
      }
      const gone = change.deleted || !change.doc || change.doc._deleted === true;
      if (gone) {
        if (!dirty) removed.push(change.id);
        continue;
      }
      const server = change.doc as HomeroomDoc;
      const local = dirty ? await this.get(change.id) : undefined;
      upserted.push(local ? { ...merge(local, server), _rev: server._rev } : server);
    }
    const rows = await Promise.all(upserted.map((doc) => toRow(this.key, doc)));

    await this.db.transaction('rw', this.db.docs, this.db.outbox, this.db.checkpoints, async () => {
      if (!sameEdits(seen, await this.queuedAmong(ids))) throw new OutboxMoved();
      await this.db.docs.bulkPut(rows);
      if (removed.length > 0) await this.db.docs.bulkDelete(removed);
      if (revoked.length > 0) await this.db.outbox.bulkDelete(revoked);
      await this.db.checkpoints.put({ key: checkpoint.key, since: checkpoint.since });
    });
    return { upserted, removed, dropped: revoked.length };
  }

  /**
   * The queued edits of these documents, by id. One range read of the outbox, which holds only
   * unsent edits, instead of a lookup per pulled document: a first sync pulls thousands.
   */
  private async queuedAmong(ids: readonly string[]): Promise<Map<string, OutboxEntry>> {
    const entries = await this.db.outbox.where('docId').anyOf(ids).toArray();
    return new Map(entries.map((entry) => [entry.docId, entry]));
  }

  /**
   * The server stored `editSeq` of a document as `rev`. The row now rests on that revision; the
   * outbox entry goes only if no newer local edit was made meanwhile.
   */
  async acknowledge(docId: string, editSeq: number, rev: string): Promise<void> {
    await this.db.transaction('rw', this.db.docs, this.db.outbox, async () => {
      const entry = await this.db.outbox.get(docId);
      await this.db.docs.update(docId, { _rev: rev });
      if (entry?.editSeq === editSeq) await this.db.outbox.delete(docId);
    });
  }

  /**
   * After a conflict: stores the merged document on top of the server's revision and keeps it
   * queued. Returns false (and changes nothing) when the user edited it again meanwhile.
   */
  async requeue(merged: HomeroomDoc, editSeq: number): Promise<boolean> {
    const row = await toRow(this.key, merged);
    return this.db.transaction('rw', this.db.docs, this.db.outbox, async () => {
      const entry = await this.db.outbox.get(merged._id);
      if (entry?.editSeq !== editSeq) return false;
      await this.db.docs.put(row);
      await this.db.outbox.put({ docId: entry.docId, editSeq, queuedAt: entry.queuedAt });
      return true;
    });
  }

  /** The server refused this version: keep it queued and remember why, for the status line. */
  async reject(docId: string, editSeq: number, code: string): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, async () => {
      const entry = await this.db.outbox.get(docId);
      if (entry?.editSeq === editSeq) {
        await this.db.outbox.put({ ...entry, rejected: { editSeq, code } });
      }
    });
  }

  /**
   * Takes back local documents by queuing their deletion on top of whatever the row rests on. A
   * push of the earlier version may be in flight, so nothing is dropped here: the sync client
   * drops a deletion that still has no server revision when its turn to be pushed comes.
   */
  async discardLocal(docs: readonly HomeroomDoc[]): Promise<void> {
    await this.saveLocal(docs.map((doc) => ({ ...doc, _deleted: true })));
  }

  /**
   * Forgets a deletion of a document the server never had, when no newer edit was queued.
   * Returns false when there was a newer edit.
   */
  async dropUnsent(docId: string, editSeq: number): Promise<boolean> {
    return this.db.transaction('rw', this.db.docs, this.db.outbox, async () => {
      const [row, entry] = await Promise.all([this.db.docs.get(docId), this.db.outbox.get(docId)]);
      if (entry?.editSeq !== editSeq || row?._rev !== undefined) return false;
      await this.db.docs.delete(docId);
      await this.db.outbox.delete(docId);
      return true;
    });
  }
}

/** True when both hold the same queued edits: no local edit landed in between. */
function sameEdits(
  before: ReadonlyMap<string, OutboxEntry>,
  now: ReadonlyMap<string, OutboxEntry>,
): boolean {
  if (before.size !== now.size) return false;
  for (const [id, entry] of before) if (now.get(id)?.editSeq !== entry.editSeq) return false;
  return true;
}
