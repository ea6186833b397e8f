/**
 * One school's documents in PouchDB, with the grant index kept beside them and a signal for
 * long-polling feeds. All writes of the server go through here.
 */
import { EventEmitter } from 'node:events';
import PouchDB, { type Database, type LiveChanges } from 'pouchdb';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { Grants, isGrantDoc } from '../../../src/domain/grants';
import { ChannelIndex } from '../routing/channelIndex';

const CATCH_UP_BATCH = 2000;

/** A stored document as PouchDB hands it back. */
export type StoredDoc = HomeroomDoc & { _id: string; _rev: string; _conflicts?: string[] };

export type SchoolDb = Database<HomeroomDoc>;

export class SchoolStore {
  readonly grants = new Grants();
  readonly index = new ChannelIndex();
  private readonly changes = new EventEmitter();
  private feed?: LiveChanges<HomeroomDoc>;
  private catchingUp: Promise<void> = Promise.resolve();
  private nextPass: Promise<void> | undefined;

  private constructor(
    readonly name: string,
    readonly db: SchoolDb,
  ) {
    this.changes.setMaxListeners(0);
  }

  static async open(name: string, location: string, options?: object): Promise<SchoolStore> {
    const store = new SchoolStore(name, new PouchDB<HomeroomDoc>(location, options));
    await store.catchUp();
    store.feed = store.db.changes({ live: true, since: 'now' }).on('change', () => {
      void store.catchUp();
    });
    return store;
  }

  /**
   * Takes every change the index has not seen into the index and the grants, in order. Calls are
   * serialised, so the index never skips or repeats a change.
   */
  catchUp(): Promise<void> {
    // A burst of writes fires one live change each; one pass that has not started yet takes
    // them all, so calls made meanwhile share it.
    if (this.nextPass) return this.nextPass;
    const pass = this.catchingUp.then(async () => {
      this.nextPass = undefined;
      await this.takeChanges();
    });
    this.nextPass = pass;
    this.catchingUp = pass.catch(() => undefined);
    return pass;
  }

  private async takeChanges(): Promise<void> {
    let taken = 0;
    for (;;) {
      const batch = await this.db.changes({
        since: this.index.lastSeq,
        limit: CATCH_UP_BATCH,
        include_docs: true,
      });
      for (const change of batch.results) {
        const doc = change.doc;
        if (doc && isGrantDoc(doc)) this.grants.apply(doc);
        this.index.add(Number(change.seq), change.id, doc);
      }
      taken += batch.results.length;
      if (batch.results.length < CATCH_UP_BATCH) break;
    }
    if (taken > 0) this.changes.emit('change');
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
  async getWinning(id: string): Promise<StoredDoc | undefined> {
    try {
      return await this.db.get(id);
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
    this.feed?.cancel();
    await this.db.close();
  }
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
