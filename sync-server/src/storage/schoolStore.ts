/**
 * One school's documents in PouchDB, with the grant index and the routing index kept beside them
 * and a signal for long-polling feeds.
 *
 * Every write of the server goes through {@link SchoolStore.write}: writes are taken one group at a
 * time, each group checked against the versions it replaces and stored in one `bulkDocs`, then
 * routed from the documents just written before any of its requests is answered. A write made to
 * `db` directly (seeding, imports with the server stopped, tests) is taken in from the changes
 * feed by the next {@link SchoolStore.catchUp}, which every reader and every write group runs first.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import PouchDB, { type Database, type Response, type WriteError } from 'pouchdb';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { Grants, isGrantDoc } from '../../../src/domain/grants';
import { ChannelIndex } from '../routing/channelIndex';
import { positionKeys, type PositionKeys } from '../routing/feedPosition';

const CATCH_UP_BATCH = 2000;

/**
 * Documents in one write group at most. Requests are limited to 1000 documents, so a group holds
 * at least one whole request; larger groups would only delay the requests waiting behind them.
 */
const MAX_GROUP_DOCS = 2000;

/** A stored document as PouchDB hands it back. */
export type StoredDoc = HomeroomDoc & { _id: string; _rev: string; _conflicts?: string[] };

export type SchoolDb = Database<HomeroomDoc>;

/** The current version of each id a write reads; undefined for one never written. */
export type CurrentVersions = ReadonlyMap<string, StoredDoc | undefined>;

/** PouchDB's answer for one document written. */
export type StoreResult = Response | WriteError;

/** One request's documents, decided in the store's write turn from the versions they replace. */
export interface WriteRequest {
  /** Ids of the documents the request writes. */
  ids: readonly string[];
  /** Other ids whose current versions `prepare` reads, such as the events marks belong to. */
  refs: readonly string[];
  newEdits: boolean;
  /**
   * Decides what is written, from the current version of every id in `ids` and `refs`. It runs in
   * the store's write turn, so nothing is written between its reading them and the write.
   */
  prepare(current: CurrentVersions): HomeroomDoc[];
}

interface QueuedWrite {
  request: WriteRequest;
  reads: Set<string>;
  resolve(results: StoreResult[]): void;
  reject(error: unknown): void;
}

export class SchoolStore {
  readonly grants = new Grants();
  readonly index: ChannelIndex;
  /** Keys and seals of the feed positions this store gives (../routing/feedPosition.ts). */
  readonly positions: PositionKeys;
  private readonly changes = new EventEmitter();
  /** Catch-up passes and write groups, one at a time, so the index never skips or repeats a change. */
  private turn: Promise<void> = Promise.resolve();
  private nextPass: Promise<void> | undefined;
  private readonly queue: QueuedWrite[] = [];
  private groupScheduled = false;

  private constructor(
    readonly name: string,
    readonly db: SchoolDb,
    channelSecret: Buffer,
  ) {
    this.changes.setMaxListeners(0);
    this.positions = positionKeys(channelSecret);
    this.index = new ChannelIndex(this.positions.keyOf);
  }

  /**
   * `channelSecret` keys the channel names in feed positions; kept across restarts, positions
   * stay valid (a fresh one per open, in tests, makes every old position start over).
   */
  static async open(
    name: string,
    location: string,
    options?: object,
    channelSecret: Buffer = randomBytes(32),
  ): Promise<SchoolStore> {
    const store = new SchoolStore(name, new PouchDB<HomeroomDoc>(location, options), channelSecret);
    await store.catchUp();
    return store;
  }

  /**
   * Takes every change the index has not seen into the index and the grants, in order: the writes
   * made to `db` directly. Writes through {@link write} are routed as they are stored.
   */
  catchUp(): Promise<void> {
    // Calls made while a pass waits for its turn share it.
    if (this.nextPass) return this.nextPass;
    const pass = this.turn.then(async () => {
      this.nextPass = undefined;
      await this.takeChanges();
    });
    this.nextPass = pass;
    this.turn = pass.catch(() => undefined);
    return pass;
  }

  /**
   * Writes one request's documents, with those of the requests waiting beside it, and resolves
   * with PouchDB's answer for each document `prepare` returned, once they are routed.
   */
  write(request: WriteRequest): Promise<StoreResult[]> {
    return new Promise((resolve, reject) => {
      const reads = new Set([...request.ids, ...request.refs]);
      this.queue.push({ request, reads, resolve, reject });
      this.scheduleGroup();
    });
  }

  /** Resolves at the next change of the database, or after `timeoutMs`. */
  nextChange(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.changes.off('change', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.changes.on('change', done);
      signal?.addEventListener('abort', done);
    });
  }

  /** The winning version of a document, or its tombstone with the envelope it was deleted with. */
  async getWinning(
    id: string,
    options: { conflicts?: boolean } = {},
  ): Promise<StoredDoc | undefined> {
    try {
      return await this.db.get(id, options);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // PouchDB says why: a document never written is "missing", a deleted one "deleted".
      if ((error as { reason?: string }).reason !== 'deleted') return undefined;
    }
    try {
      // A deleted document: find the tombstone's revision and read it.
      const info = (await this.db.get(id, { revs_info: true, open_revs: 'all' })) as unknown as {
        ok?: StoredDoc;
      }[];
      const tombstones = info.flatMap((entry) => (entry.ok?._deleted ? [entry.ok] : []));
      return tombstones.sort((a, b) => compareRevs(b._rev, a._rev))[0];
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    // Writes already queued are finished before the database closes.
    while (this.queue.length > 0 || this.groupScheduled) await this.turn;
    await this.turn;
    await this.db.close();
  }

  private async takeChanges(): Promise<void> {
    const info = await this.db.info();
    if (Number(info.update_seq) === this.index.lastSeq) return;
    let taken = 0;
    for (;;) {
      const batch = await this.db.changes({
        since: this.index.lastSeq,
        limit: CATCH_UP_BATCH,
        include_docs: true,
      });
      for (const change of batch.results) {
        if (this.takeIn(Number(change.seq), change.id, change.doc)) taken++;
      }
      if (batch.results.length < CATCH_UP_BATCH) break;
    }
    if (taken > 0) this.changes.emit('change');
  }

  /** Routes one change; `doc` is the document's new winning version (or its tombstone). */
  private takeIn(seq: number, id: string, doc: HomeroomDoc | undefined): boolean {
    if (seq <= this.index.lastSeq) return false;
    if (doc && isGrantDoc(doc)) this.grants.apply(doc);
    this.index.add(seq, id, doc);
    return true;
  }

  /** Puts the writes waiting in the queue into the next turn, unless a group is waiting already. */
  private scheduleGroup(): void {
    if (this.groupScheduled) return;
    this.groupScheduled = true;
    const group = this.turn.then(async () => {
      this.groupScheduled = false;
      const members = takeGroup(this.queue);
      if (this.queue.length > 0) this.scheduleGroup();
      await this.writeGroup(members);
    });
    this.turn = group.catch(() => undefined);
  }

  /**
   * Writes a group in one `bulkDocs`. PouchDB refuses a whole batch for some faults of a single
   * document (a malformed revision, say); then each request is written alone, so only its own
   * sender hears of the fault.
   */
  private async writeGroup(members: QueuedWrite[]): Promise<void> {
    try {
      const results = await this.writeTogether(members);
      members.forEach((member, i) => {
        member.resolve(results[i] ?? []);
      });
    } catch (error) {
      if (members.length === 1) {
        members[0]?.reject(error);
        return;
      }
      for (const member of members) await this.writeGroup([member]);
    }
  }

  private async writeTogether(members: QueuedWrite[]): Promise<StoreResult[][]> {
    const newEdits = members[0]?.request.newEdits ?? true;
    await this.takeChanges();
    const before = this.index.lastSeq;
    const current = await this.currentVersions(members, newEdits);
    const prepared = members.map((member) => member.request.prepare(current));
    const docs = prepared.flat();
    if (docs.length === 0) return prepared.map(() => []);

    try {
      // PouchDB sorts the documents of a new_edits=false write in place: it gets a copy.
      const results = await this.db.bulkDocs([...docs], { new_edits: newEdits });
      await this.route(docs, results, current, before, newEdits);
      let next = 0;
      return prepared.map((own) => results.slice(next, (next += own.length)));
    } catch (error) {
      await this.takeChanges();
      throw error;
    }
  }

  /**
   * The current version of every id the group reads. An id the routing index has never seen was
   * never written, so it costs no read; PouchDB's own revision check backs that up for
   * new_edits=true, and a new_edits=false write reads every id.
   */
  private async currentVersions(
    members: readonly QueuedWrite[],
    newEdits: boolean,
  ): Promise<CurrentVersions> {
    const current = new Map<string, StoredDoc | undefined>();
    const reads: Promise<void>[] = [];
    for (const member of members) {
      for (const id of member.reads) {
        if (current.has(id)) continue;
        current.set(id, undefined);
        if (newEdits && !this.index.has(id)) continue;
        reads.push(
          this.getWinning(id, { conflicts: true }).then((doc) => {
            current.set(id, doc);
          }),
        );
      }
    }
    await Promise.all(reads);
    return current;
  }

  /**
   * Routes what a group wrote from the documents themselves. PouchDB gives a batch's new
   * revisions consecutive sequence numbers in the order of the batch, so when the database moved
   * on by exactly the number of documents stored, the n-th stored document has the n-th number
   * after `before`. Where that does not hold, or a stored document might not be its document's
   * winning version (an edit of a document with conflicts, a deletion, a new_edits=false write),
   * the changes feed says what was stored.
   */
  private async route(
    docs: readonly HomeroomDoc[],
    results: readonly StoreResult[],
    current: CurrentVersions,
    before: number,
    newEdits: boolean,
  ): Promise<void> {
    // Channels and grants come from the envelope, which the new revision does not change.
    const stored = docs.filter((_doc, i) => {
      const result = results[i];
      return result !== undefined && 'ok' in result;
    });
    const info = await this.db.info();
    const direct =
      newEdits &&
      Number(info.update_seq) === before + stored.length &&
      this.index.lastSeq === before &&
      docs.every((doc) => becomesWinner(doc, current.get(doc._id)));
    if (!direct) {
      await this.takeChanges();
      return;
    }
    stored.forEach((doc, i) => this.takeIn(before + i + 1, doc._id, doc));
    if (stored.length > 0) this.changes.emit('change');
  }
}

/**
 * The longest run at the head of the queue that can be written as one: all new_edits=true (a
 * new_edits=false write goes alone), and none reading a document that an earlier one writes, so
 * each sees what it would have seen had they been written one after another.
 */
function takeGroup(queue: QueuedWrite[]): QueuedWrite[] {
  const group: QueuedWrite[] = [];
  const written = new Set<string>();
  let docs = 0;
  for (const next of queue) {
    if (group.length > 0) {
      const fits =
        next.request.newEdits &&
        docs + next.request.ids.length <= MAX_GROUP_DOCS &&
        !readsAny(next.reads, written);
      if (!group[0]?.request.newEdits || !fits) break;
    }
    group.push(next);
    docs += next.request.ids.length;
    for (const id of next.request.ids) written.add(id);
  }
  queue.splice(0, group.length);
  return group;
}

function readsAny(reads: ReadonlySet<string>, written: ReadonlySet<string>): boolean {
  for (const id of reads) if (written.has(id)) return true;
  return false;
}

/**
 * Whether a document stored with new_edits=true is sure to be its document's winning version: a
 * new document, or an edit of the only leaf of its revision tree (leaves that are deleted lose to
 * a version that is not).
 */
function becomesWinner(doc: HomeroomDoc, current: StoredDoc | undefined): boolean {
  if ((doc as { _attachments?: unknown })._attachments !== undefined) return false;
  if (!current) return true;
  return (
    !doc._deleted &&
    !current._deleted &&
    !current._conflicts?.length &&
    (doc as { _rev?: string })._rev === current._rev
  );
}

export function isNotFound(error: unknown): boolean {
  return (error as { status?: number } | null)?.status === 404;
}

/** Orders revisions as CouchDB picks a winner: by generation, then by hash. */
export function compareRevs(a: string, b: string): number {
  const [genA = '0', hashA = ''] = a.split('-');
  const [genB = '0', hashB = ''] = b.split('-');
  return Number(genA) - Number(genB) || (hashA < hashB ? -1 : hashA > hashB ? 1 : 0);
}
