/**
 * A user's `_changes` feed, answered from the routing index: the entries of the user's channels
 * after their position, newest version of each document once, in sequence order. Its cost grows
 * with what the user may see, not with the size of the school.
 * https://docs.couchdb.org/en/stable/api/database/changes.html
 */
import type { IncomingMessage } from 'node:http';
import { channelsFor, type Channel } from '../../../src/domain/channels';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { MAX_MEDIA_BYTES } from '../../../src/domain/schemas';
import type { IndexEntry } from '../routing/channelIndex';
import { formatPosition, parsePosition, type FeedPosition } from '../routing/feedPosition';
import { isNotFound, type StoredDoc } from '../storage/schoolStore';
import type { DbContext } from './context';
import { HttpError } from './httpError';
import { boolParam, intParam } from './params';
import { readable } from './readRoutes';

type Query = Record<string, string | undefined>;

const MAX_LONGPOLL_MS = 60_000;
const DEFAULT_LONGPOLL_MS = 30_000;

/**
 * A page of the feed with documents ends once they reach this many bytes (always with at least
 * one), whatever `limit` asked: photos and recordings are up to a megabyte each, and 500 of them
 * would be a 650 MB answer. `pending` says more is there, so a client asks again.
 */
export const MAX_FEED_PAGE_BYTES = 4 * 1024 * 1024;

/** The most a media document can weigh: its bytes as base64, and room for its envelope. */
const MAX_MEDIA_DOC_BYTES = Math.ceil(MAX_MEDIA_BYTES / 3) * 4 + 4096;

export interface ChangeRow {
  /** Null between the rows a client asked positions for with `seq_interval`. */
  seq: string | null;
  id: string;
  changes: { rev: string }[];
  deleted?: true;
  /** The document left the user's view (moved out of their channels, or their access ended). */
  removed?: true;
  doc?: HomeroomDoc;
}

interface FeedOptions {
  includeDocs: boolean;
  allLeaves: boolean;
  limit: number;
  /**
   * `seq_interval=N` (CouchDB 2.x): only every Nth row and the last one carry a position, the
   * others null. A position names every channel the user reads, kilobytes for a class teacher, so
   * a client that resumes from `last_seq` alone (Homeroom's own) asks for one per page.
   */
  seqInterval: number;
}

/** Parameters that would let a client choose its own filter: Homeroom decides, so they are refused. */
const CLIENT_FILTERS = ['filter', 'doc_ids', 'selector', 'view'];

export async function changesFor(ctx: DbContext, query: Query, raw: IncomingMessage) {
  const named = CLIENT_FILTERS.find((name) => query[name] !== undefined && query[name] !== '');
  if (named) {
    throw new HttpError(
      'bad_request',
      `Homeroom decides what each user reads; \`${named}\` is not supported, drop it.`,
    );
  }
  const feed = query.feed ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') {
    throw new HttpError('bad_request', `feed=${feed} is not supported; use normal or longpoll.`);
  }
  if (boolParam(query, 'descending')) {
    throw new HttpError('bad_request', 'descending=true is not supported.');
  }
  const options: FeedOptions = {
    includeDocs: boolParam(query, 'include_docs'),
    allLeaves: query.style === 'all_docs',
    limit: Math.max(1, intParam(query, 'limit') ?? Number.POSITIVE_INFINITY),
    seqInterval: Math.max(1, intParam(query, 'seq_interval') ?? 1),
  };

  let page = await readFeed(ctx, query.since, options);
  if (page.results.length > 0 || feed !== 'longpoll') return page;

  const timeout = Math.min(intParam(query, 'timeout') ?? DEFAULT_LONGPOLL_MS, MAX_LONGPOLL_MS);
  const deadline = Date.now() + timeout;
  const closed = new AbortController();
  raw.once('close', () => {
    closed.abort();
  });
  while (page.results.length === 0 && Date.now() < deadline && !closed.signal.aborted) {
    await ctx.store.nextChange(deadline - Date.now(), closed.signal);
    page = await readFeed(ctx, page.last_seq, options);
  }
  return page;
}

export async function readFeed(ctx: DbContext, since: string | undefined, options: FeedOptions) {
  await ctx.store.catchUp();
  const index = ctx.store.index;
  const channels = channelsFor(ctx.scope);
  // The channels' keys are computed once per request, not once per row.
  const keys = new Map(channels.map((channel) => [channel, index.keyOf(channel)]));
  const positions = ctx.store.positions;
  const sealer = { seal: (payload: string) => positions.seal(ctx.account._id, payload) };
  const position = parsePosition(since, [...keys.values()], index.lastSeq, sealer);
  if (!position) {
    throw new HttpError('bad_request', '`since` must be a value this server gave as last_seq.');
  }

  const starts = new Map<string, number>(
    [...keys.values()].map((key) => [key, position.channels.get(key) ?? 0]),
  );
  const at = (seq: number): string => formatPosition(advance(starts, seq), sealer);

  const rows: { row: Omit<ChangeRow, 'seq'>; seq: number }[] = lostDocuments(
    ctx,
    position,
    channels,
    new Set(keys.values()),
  ).map((id) => ({ row: { id, changes: [], removed: true }, seq: 0 }));

  const pending = pendingEntries(ctx, keys, starts);
  const { entries, docs } = await pageOf(ctx, pending, options);
  const truncated = entries.length < pending.length;
  for (const entry of entries) {
    const found = docs.get(entry.id);
    if (entry.removed || !found) {
      rows.push({ row: { id: entry.id, changes: [], removed: true }, seq: entry.seq });
      continue;
    }
    const row: Omit<ChangeRow, 'seq'> = {
      id: entry.id,
      changes: found.revs.map((rev) => ({ rev })),
    };
    if (found.doc._deleted) row.deleted = true;
    if (options.includeDocs) row.doc = found.doc;
    rows.push({ row, seq: entry.seq });
  }

  if (options.includeDocs) {
    ctx.audit(
      'read',
      rows.flatMap(({ row }) => (row.doc ? [row.doc] : [])),
    );
  }
  const results = rows.map(({ row, seq }, index): ChangeRow => {
    const positioned = (index + 1) % options.seqInterval === 0 || index === rows.length - 1;
    return { seq: positioned ? at(seq) : null, ...row };
  });
  const lastSeq = truncated ? (entries.at(-1)?.seq ?? index.lastSeq) : index.lastSeq;
  return { results, last_seq: at(lastSeq), pending: truncated ? 1 : 0 };
}

/**
 * The entries of this page and their documents: at most `limit`, and with documents, no more
 * than MAX_FEED_PAGE_BYTES (at least one). Documents are read in runs that could still fit, a
 * media document counted at its largest until it is read, so a page of marks and notes is one run
 * and a page of photos never holds hundreds of megabytes in memory.
 */
async function pageOf(ctx: DbContext, pending: readonly IndexEntry[], options: FeedOptions) {
  const wanted = pending.slice(0, options.limit);
  if (!options.includeDocs) {
    return { entries: wanted, docs: await currentVersions(ctx, wanted, options.allLeaves) };
  }
  const entries: IndexEntry[] = [];
  const docs = new Map<string, { doc: StoredDoc; revs: string[] }>();
  let bytes = 0;
  let next = 0;
  while (next < wanted.length && bytes < MAX_FEED_PAGE_BYTES) {
    const run: IndexEntry[] = [];
    for (let planned = bytes; next < wanted.length; next++) {
      const entry = wanted[next] as IndexEntry;
      const weight = entry.id.startsWith('media:') ? MAX_MEDIA_DOC_BYTES : 0;
      if (run.length > 0 && planned + weight > MAX_FEED_PAGE_BYTES) break;
      run.push(entry);
      planned += weight;
    }
    const found = await currentVersions(ctx, run, options.allLeaves);
    for (const entry of run) {
      if (entries.length > 0 && bytes >= MAX_FEED_PAGE_BYTES) return { entries, docs };
      entries.push(entry);
      const version = found.get(entry.id);
      if (!version) continue;
      docs.set(entry.id, version);
      bytes += Buffer.byteLength(JSON.stringify(version.doc));
    }
  }
  return { entries, docs };
}

/** The position after everything up to `seq`: each channel (by key) read to `seq`, or further. */
function advance(starts: ReadonlyMap<string, number>, seq: number): FeedPosition {
  const channels = new Map<string, number>();
  for (const [key, start] of starts) channels.set(key, Math.max(start, seq));
  return { seq, channels };
}

/** Entries of the user's channels after each channel's start, newest per document, in order. */
function pendingEntries(
  ctx: DbContext,
  keys: ReadonlyMap<Channel, string>,
  starts: ReadonlyMap<string, number>,
): IndexEntry[] {
  const byId = new Map<string, IndexEntry>();
  for (const [channel, key] of keys) {
    for (const entry of ctx.store.index.entriesAfter(channel, starts.get(key) ?? 0)) {
      const known = byId.get(entry.id);
      // The same version can be both removed from one channel and present in another: present wins.
      if (!known || entry.seq > known.seq || (entry.seq === known.seq && !entry.removed)) {
        byId.set(entry.id, entry);
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Documents of channels the user read before and reads no more, that no current channel shows. */
function lostDocuments(
  ctx: DbContext,
  position: FeedPosition,
  channels: Channel[],
  currentKeys: ReadonlySet<string>,
): string[] {
  const lost = [...position.channels.keys()]
    .filter((key) => !currentKeys.has(key))
    .flatMap((key) => ctx.store.index.channelOfKey(key) ?? []);
  if (lost.length === 0) return [];
  const stillVisible = ctx.store.index.idsIn(channels);
  return [...ctx.store.index.idsIn(lost)].filter((id) => !stillVisible.has(id)).sort();
}

/** The winning version (or tombstone) of each entry's document that the user may read. */
async function currentVersions(ctx: DbContext, entries: IndexEntry[], allLeaves: boolean) {
  const ids = entries.filter((entry) => !entry.removed).map((entry) => entry.id);
  const found = new Map<string, { doc: StoredDoc; revs: string[] }>();
  if (ids.length === 0) return found;

  const docs = await Promise.all(ids.map((id) => winningVersion(ctx, id, allLeaves)));
  for (const doc of docs) {
    // The index routes; the rules decide. A disagreement is never served.
    if (!doc || !readable(ctx, doc)) continue;
    found.set(doc._id, { doc, revs: [doc._rev, ...(doc._conflicts ?? [])] });
  }
  return found;
}

/**
 * One document's winning version, with its conflicting leaves when asked, or its tombstone. Point
 * reads: PouchDB answers `allDocs` with `keys` by opening a range iterator per key, several times
 * the cost, and a first sync reads thousands.
 */
async function winningVersion(
  ctx: DbContext,
  id: string,
  withConflicts: boolean,
): Promise<StoredDoc | undefined> {
  if (!withConflicts) return ctx.store.getWinning(id);
  try {
    return await ctx.store.db.get(id, { conflicts: true });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return ctx.store.getWinning(id);
  }
}
