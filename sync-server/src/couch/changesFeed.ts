/**
 * A user's `_changes` feed, answered from the routing index: the entries of the user's channels
 * after their position, newest version of each document once, in sequence order. Its cost grows
 * with what the user may see, not with the size of the school.
 * https://docs.couchdb.org/en/stable/api/database/changes.html
 */
import type { IncomingMessage } from 'node:http';
import { channelsFor, type Channel } from '../../../src/domain/channels';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import type { IndexEntry } from '../routing/channelIndex';
import {
  channelKey,
  formatPosition,
  parsePosition,
  type FeedPosition,
} from '../routing/feedPosition';
import type { StoredDoc } from '../storage/schoolStore';
import type { DbContext } from './context';
import { HttpError } from './httpError';
import { boolParam, intParam } from './params';
import { readable } from './readRoutes';

type Query = Record<string, string | undefined>;

const MAX_LONGPOLL_MS = 60_000;
const DEFAULT_LONGPOLL_MS = 30_000;

export interface ChangeRow {
  seq: string;
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
  const position = parsePosition(since, channels, index.lastSeq);
  if (!position) {
    throw new HttpError('bad_request', '`since` must be a value this server gave as last_seq.');
  }

  const starts = new Map<Channel, number>(
    channels.map((channel) => [channel, position.channels.get(channelKey(channel)) ?? 0]),
  );
  const at = (seq: number): string => formatPosition(advance(starts, seq));

  const results: ChangeRow[] = lostDocuments(ctx, position, channels).map((id) => ({
    seq: at(0),
    id,
    changes: [],
    removed: true,
  }));

  const entries = pendingEntries(ctx, starts).slice(0, options.limit);
  const truncated = entries.length === options.limit;
  const docs = await currentVersions(ctx, entries, options.allLeaves);
  for (const entry of entries) {
    const seq = at(entry.seq);
    const found = docs.get(entry.id);
    if (entry.removed || !found) {
      results.push({ seq, id: entry.id, changes: [], removed: true });
      continue;
    }
    const row: ChangeRow = { seq, id: entry.id, changes: found.revs.map((rev) => ({ rev })) };
    if (found.doc._deleted) row.deleted = true;
    if (options.includeDocs) row.doc = found.doc;
    results.push(row);
  }

  if (options.includeDocs) {
    ctx.audit(
      'read',
      results.flatMap((row) => (row.doc ? [row.doc] : [])),
    );
  }
  const lastSeq = truncated ? (entries.at(-1)?.seq ?? index.lastSeq) : index.lastSeq;
  return { results, last_seq: at(lastSeq), pending: truncated ? 1 : 0 };
}

/** The position after everything up to `seq`: each channel read to `seq`, or further. */
function advance(starts: ReadonlyMap<Channel, number>, seq: number): FeedPosition {
  const channels = new Map<string, number>();
  for (const [channel, start] of starts) channels.set(channelKey(channel), Math.max(start, seq));
  return { seq, channels };
}

/** Entries of the user's channels after each channel's start, newest per document, in order. */
function pendingEntries(ctx: DbContext, starts: ReadonlyMap<Channel, number>): IndexEntry[] {
  const byId = new Map<string, IndexEntry>();
  for (const [channel, start] of starts) {
    for (const entry of ctx.store.index.entriesAfter(channel, start)) {
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
function lostDocuments(ctx: DbContext, position: FeedPosition, channels: Channel[]): string[] {
  const currentKeys = new Set(channels.map(channelKey));
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

  const rows = await ctx.store.db.allDocs({ keys: ids, include_docs: true, conflicts: allLeaves });
  for (const row of rows.rows) {
    if ('error' in row) continue;
    const doc = row.value.deleted ? await ctx.store.getWinning(row.id) : row.doc;
    // The index routes; the rules decide. A disagreement is never served.
    if (!doc || !readable(ctx, doc)) continue;
    found.set(row.id, { doc, revs: [doc._rev, ...(doc._conflicts ?? [])] });
  }
  return found;
}
