/**
 * A user's `_changes` feed: the database's changes after `since`, each passed through the access
 * rules, so only documents the user may read come back.
 *
 * TODO: this scans every change of the school for every user (cost grows with the school, not
 * with what the user sees). Routing at write time into a channel index replaces it (issue #3).
 */
import type { IncomingMessage } from 'node:http';
import type { DbContext } from './context';
import { HttpError } from './httpError';
import { boolParam, intParam } from './params';
import { readable } from './readRoutes';

type Query = Record<string, string | undefined>;

const SCAN_BATCH = 500;
/** CouchDB answers every change when no limit is asked for. */
const DEFAULT_LIMIT = Number.POSITIVE_INFINITY;
const MAX_LONGPOLL_MS = 60_000;
const DEFAULT_LONGPOLL_MS = 30_000;

interface ChangeRow {
  seq: number | string;
  id: string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: unknown;
}

export async function changesFor(ctx: DbContext, query: Query, raw: IncomingMessage) {
  if (query.filter !== undefined && query.filter !== '') {
    throw new HttpError(
      'bad_request',
      'Homeroom decides what each user reads; filters are not supported, drop `filter`.',
    );
  }
  const feed = query.feed ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') {
    throw new HttpError('bad_request', `feed=${feed} is not supported; use normal or longpoll.`);
  }
  const limit = intParam(query, 'limit') ?? DEFAULT_LIMIT;
  const options = {
    includeDocs: boolParam(query, 'include_docs'),
    allLeaves: query.style === 'all_docs',
    limit: Math.max(1, limit),
  };
  let since = await startSeq(ctx, query.since);

  let page = await scan(ctx, since, options);
  if (page.results.length > 0 || feed !== 'longpoll') return page;

  const timeout = Math.min(intParam(query, 'timeout') ?? DEFAULT_LONGPOLL_MS, MAX_LONGPOLL_MS);
  const deadline = Date.now() + timeout;
  const closed = new AbortController();
  raw.once('close', () => {
    closed.abort();
  });
  while (page.results.length === 0 && Date.now() < deadline && !closed.signal.aborted) {
    since = page.last_seq;
    await ctx.store.nextChange(deadline - Date.now(), closed.signal);
    page = await scan(ctx, since, options);
  }
  return page;
}

async function startSeq(ctx: DbContext, since: string | undefined): Promise<number> {
  if (since === 'now') return Number((await ctx.store.db.info()).update_seq);
  if (since === undefined || since === '') return 0;
  const seq = Number(since);
  if (!Number.isInteger(seq) || seq < 0) {
    throw new HttpError('bad_request', '`since` must be a value this server gave as last_seq.');
  }
  return seq;
}

async function scan(
  ctx: DbContext,
  since: number,
  options: { includeDocs: boolean; allLeaves: boolean; limit: number },
) {
  const results: ChangeRow[] = [];
  let cursor = since;
  for (;;) {
    const batch = await ctx.store.db.changes({
      since: cursor,
      limit: SCAN_BATCH,
      include_docs: true,
      style: options.allLeaves ? 'all_docs' : 'main_only',
    });
    for (const change of batch.results) {
      cursor = Number(change.seq);
      if (!readable(ctx, change.doc)) continue;
      const row: ChangeRow = { seq: change.seq, id: change.id, changes: change.changes };
      if (change.deleted) row.deleted = true;
      if (options.includeDocs) row.doc = change.doc;
      results.push(row);
      if (results.length >= options.limit) return { results, last_seq: cursor };
    }
    if (batch.results.length < SCAN_BATCH) return { results, last_seq: cursor };
  }
}
