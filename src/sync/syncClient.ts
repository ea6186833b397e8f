/**
 * The sync client: an explicit state machine over the outbox and the changes feed.
 *
 *   offline ──online──▶ pushing ─▶ pulling ─▶ idle ──longpoll answers / local edit──▶ pushing …
 *      ▲                   │          │
 *      └──network error────┴──────────┴──other error──▶ error ──backoff──▶ pushing
 *                                           device_blocked ──▶ error, and the loop ends
 *
 * Push sends every queued document with the revision it was based on; an entry leaves the outbox
 * only when the server acknowledged that very edit. Pull reads `_changes` from the checkpoint in
 * batches; each batch and its checkpoint are applied in one transaction.
 */
import type { ErrorCode } from '../domain/errors';
import type { HomeroomDoc } from '../domain/envelope';
import type { AppliedChanges, Repository } from '../store/repository';
import type { OutboxEntry } from '../store/userDb';
import { ApiError, type ChangesResponse, type CouchApi } from './couchApi';
import { mergeDocs } from './merge';

export type SyncState = 'idle' | 'pulling' | 'pushing' | 'offline' | 'error';
export type SyncErrorCode = ErrorCode | 'network';

export interface SyncSnapshot {
  state: SyncState;
  /** Local edits not yet acknowledged by the server. */
  pending: number;
  /** Why the server refused a queued edit, when it did; the edit stays queued. */
  rejected: SyncErrorCode | null;
  /** The last failed attempt's reason; cleared by the next complete cycle. */
  error: SyncErrorCode | null;
  /** When a cycle last ended with nothing pending (ms since epoch). */
  lastSyncedAt: number | null;
}

export interface SyncOptions {
  api: CouchApi;
  repo: Repository;
  db: string;
  /** Per server, database and user; see checkpointKey in ./checkpoint.ts. */
  checkpointKey: string;
  onDocs: (changes: AppliedChanges) => void;
  onSnapshot: (snapshot: SyncSnapshot) => void;
  batchSize?: number;
  longpollMs?: number;
  /** Tests: a smaller byte budget of a push than MAX_PUSH_BYTES. */
  maxPushBytes?: number;
}

export const PULL_BATCH = 500;
const PUSH_BATCH = 200;
/**
 * A push request carries at most this much JSON: half the server's request limit (8 MB,
 * MAX_BODY_BYTES in sync-server/src/app.ts), which refuses a larger one whole. Ten photos of a
 * megabyte each go in four requests instead of one refused forever.
 */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;
/** A conflict merge is pushed again at once; more rounds mean another device keeps writing. */
const MAX_PUSH_ROUNDS = 3;
/** Retry soon after a blip, but never hammer the school's server: at most once a minute. */
const MAX_BACKOFF_MS = 60_000;

export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

export class SyncClient {
  private snapshot: SyncSnapshot = {
    state: 'idle',
    pending: 0,
    rejected: null,
    error: null,
    lastSyncedAt: null,
  };
  private running = false;
  private online = true;
  private waiting: AbortController | null = null;
  /** Queued edits the server has not refused: what the next push would send. */
  private sendable = 0;
  /** A local edit arrived since the current cycle began. */
  private nudged = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: SyncOptions) {}

  get current(): SyncSnapshot {
    return this.snapshot;
  }

  /** Starts the live loop; call stop() before dropping the client. */
  start(online: boolean): void {
    this.online = online;
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.waiting?.abort();
    await this.loop;
    this.loop = null;
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (!online) this.update({ state: 'offline' });
    this.waiting?.abort();
  }

  /** A local edit was queued: count it now and push without waiting for the long poll. */
  async nudge(): Promise<void> {
    this.nudged = true;
    await this.refreshPending();
    this.waiting?.abort();
  }

  /** One complete cycle: push the outbox, then pull every batch. Throws on failure. */
  async syncOnce(): Promise<void> {
    await this.push();
    await this.pull();
    await this.refreshPending();
    const clean = this.snapshot.pending === 0;
    this.update({
      state: 'idle',
      error: null,
      lastSyncedAt: clean ? Date.now() : this.snapshot.lastSyncedAt,
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    await this.refreshPending();
    while (this.running) {
      if (!this.online) {
        this.update({ state: 'offline' });
        await this.pause(undefined);
        continue;
      }
      try {
        this.nudged = false;
        await this.syncOnce();
        if (this.sendable > 0 && !this.editedMeanwhile()) {
          // Still conflicting after the merge rounds: another device keeps writing. Back off.
          failures += 1;
          await this.pause(backoffMs(failures));
          continue;
        }
        failures = 0;
        await this.longpoll();
      } catch (error) {
        if (this.stopped() || isAbort(error)) continue;
        failures += 1;
        const code = error instanceof ApiError ? error.code : 'internal';
        this.update({ state: code === 'network' ? 'offline' : 'error', error: code });
        // A blocked device is being wiped: it never asks the server again.
        if (code === 'device_blocked') {
          this.running = false;
          break;
        }
        // An expired session needs the password again: wait for resume, not a timer.
        await this.pause(code === 'unauthorized' ? undefined : backoffMs(failures));
      }
    }
  }

  /** Read through a method: TypeScript would narrow the field to its value before the await. */
  private editedMeanwhile(): boolean {
    return this.nudged;
  }

  private stopped(): boolean {
    return !this.running;
  }

  /** Wakes a loop waiting after an expired session, once the session is refreshed. */
  resume(): void {
    this.waiting?.abort();
  }

  private async push(): Promise<void> {
    const { api, repo, db } = this.options;
    for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
      const entries = (await repo.pendingEntries()).filter(
        (entry) => entry.rejected?.editSeq !== entry.editSeq,
      );
      if (entries.length === 0) return;
      this.update({ state: 'pushing' });

      let conflicts = 0;
      for (let start = 0; start < entries.length;) {
        const { batch, next } = await this.load(entries, start);
        start = next;
        if (batch.length === 0) continue;
        const results = await api.bulkDocs(
          db,
          batch.map((item) => item.doc),
        );
        for (const result of results) {
          const item = batch.find((candidate) => candidate.doc._id === result.id);
          if (!item) continue;
          if ('ok' in result) await repo.acknowledge(result.id, item.editSeq, result.rev);
          else if (result.error === 'conflict') conflicts += await this.resolve(item);
          else await repo.reject(result.id, item.editSeq, result.error);
        }
      }
      await this.refreshPending();
      if (conflicts === 0) return;
    }
  }

  /**
   * The next batch to send, from `entries[start]`: at most PUSH_BATCH documents and MAX_PUSH_BYTES
   * of JSON (always at least one), read one at a time, so a queue of photos is never all in
   * memory at once. `next` is where the batch after it starts. A deletion of a document that
   * never reached the server is dropped instead: pushes run one at a time, so by now any earlier
   * push of it has been acknowledged.
   */
  private async load(
    entries: readonly OutboxEntry[],
    start: number,
  ): Promise<{ batch: { doc: HomeroomDoc; editSeq: number }[]; next: number }> {
    const { repo } = this.options;
    const budget = this.options.maxPushBytes ?? MAX_PUSH_BYTES;
    const batch: { doc: HomeroomDoc; editSeq: number }[] = [];
    let bytes = 0;
    let next = start;
    for (; next < entries.length && batch.length < PUSH_BATCH; next++) {
      const entry = entries[next] as OutboxEntry;
      const doc = await repo.get(entry.docId);
      if (!doc) continue;
      if (
        doc._deleted &&
        doc._rev === undefined &&
        (await repo.dropUnsent(doc._id, entry.editSeq))
      ) {
        continue;
      }
      const size = JSON.stringify(doc).length;
      if (batch.length > 0 && bytes + size > budget) break;
      batch.push({ doc, editSeq: entry.editSeq });
      bytes += size;
    }
    return { batch, next };
  }

  /** A conflict: merge with the server's version by the type's rule and queue it again. */
  private async resolve(item: { doc: HomeroomDoc; editSeq: number }): Promise<number> {
    const { api, repo, db } = this.options;
    // The tombstone too: an edit that did not see a deletion is pushed on top of it.
    const server = await api.getCurrent(db, item.doc._id);
    if (!server) {
      await repo.reject(item.doc._id, item.editSeq, 'conflict');
      return 0;
    }
    const merged = {
      ...mergeDocs(item.doc, server),
      updatedAt: new Date(Date.now()).toISOString(),
    };
    if (await repo.requeue(merged, item.editSeq)) {
      this.options.onDocs({ upserted: [merged], removed: [], dropped: 0 });
    }
    return 1;
  }

  /**
   * Pulls every page after the checkpoint. The next page is asked for as soon as one arrives, so
   * the server reads it while the device seals and stores this one; pages are still applied one
   * after another, each with its own checkpoint in its own transaction.
   */
  private async pull(longpollMs?: number, signal?: AbortSignal): Promise<void> {
    const { api, repo, db, checkpointKey } = this.options;
    const limit = this.options.batchSize ?? PULL_BATCH;
    const since = await repo.readCheckpoint(checkpointKey);
    if (longpollMs === undefined) this.update({ state: 'pulling' });
    const first = longpollMs === undefined ? { limit } : { limit, longpollMs, signal };
    let next = api.changes(db, since, first);
    for (;;) {
      const response = await next;
      // A page may end before `limit` when the server bounds it in bytes; `pending` says so.
      const more =
        response.pending === undefined ? response.results.length >= limit : response.pending > 0;
      if (more) {
        this.update({ state: 'pulling' });
        next = api.changes(db, response.last_seq, { limit });
        // Awaited on the next turn; if this batch fails to apply, nobody will, and that is fine.
        void next.catch(() => undefined);
      }
      await this.applyPage(response);
      if (!more) return;
    }
  }

  /** One page and its checkpoint, in one transaction. */
  private async applyPage(response: ChangesResponse): Promise<void> {
    const { repo, checkpointKey } = this.options;
    const changes = response.results.map((row) => ({
      id: row.id,
      deleted: row.deleted === true,
      removed: row.removed === true,
      doc: row.doc,
    }));
    const applied = await repo.applyPulled(
      changes,
      { key: checkpointKey, since: response.last_seq },
      mergeDocs,
    );
    if (applied.upserted.length > 0 || applied.removed.length > 0) this.options.onDocs(applied);
    // The removed documents' queued edits are gone too: count them again before the next push.
    if (applied.dropped > 0) await this.refreshPending();
  }

  private async longpoll(): Promise<void> {
    if (!this.running || this.sendable > 0 || this.nudged) return;
    this.waiting = new AbortController();
    try {
      await this.pull(this.options.longpollMs ?? 25_000, this.waiting.signal);
    } finally {
      this.waiting = null;
    }
  }

  /** Waits for `ms`, or until woken by nudge, resume, stop or a change of connectivity. */
  private async pause(ms: number | undefined): Promise<void> {
    const controller = new AbortController();
    this.waiting = controller;
    await new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (this.waiting === controller) this.waiting = null;
  }

  private async refreshPending(): Promise<void> {
    const entries = await this.options.repo.pendingEntries();
    const refused = entries.find((entry) => entry.rejected?.editSeq === entry.editSeq);
    this.sendable = entries.filter((entry) => entry.rejected?.editSeq !== entry.editSeq).length;
    this.update({
      pending: entries.length,
      rejected: (refused?.rejected?.code as SyncErrorCode | undefined) ?? null,
    });
  }

  private update(patch: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.options.onSnapshot(this.snapshot);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
