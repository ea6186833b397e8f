/**
 * The read side of the replication protocol, every route guarded by the shared access rules:
 * `_changes`, `_all_docs`, `GET` of a document, `_bulk_get` and `_revs_diff`. A document the user
 * may not read answers exactly as a missing one.
 * https://docs.couchdb.org/en/stable/replication/protocol.html
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AllDocsRow } from 'pouchdb';
import { channelsFor } from '../../../src/domain/channels';
import { canRead } from '../../../src/domain/access';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { compareRevs, isNotFound, type StoredDoc } from '../storage/schoolStore';
import type { Contexts, DbContext } from './context';
import { HttpError, notFound } from './httpError';
import { changesFor } from './changesFeed';
import { boolParam, intParam, jsonParam } from './params';

type Params = { db: string; docid: string };

const ALL_DOCS_BATCH = 500;
type Query = Record<string, string | undefined>;

const isLocalId = (id: string) => id.startsWith('_local/');

/**
 * True when the user may read this version; design documents only for administrators, local
 * documents (checkpoints) never.
 */
export function readable(ctx: DbContext, doc: HomeroomDoc | null | undefined): boolean {
  if (!doc) return false;
  // Checkpoints are read by their owner alone, through the _local routes; not even by the
  // administration.
  if (isLocalId(doc._id)) return false;
  if (doc._id.startsWith('_design/')) return ctx.scope.admin;
  if (typeof doc.schoolId !== 'string' || !Array.isArray(doc.classIds)) return ctx.scope.admin;
  return canRead(ctx.scope, doc);
}

export function registerReadRoutes(app: FastifyInstance, contexts: Contexts): void {
  const ctxOf = (request: FastifyRequest<{ Params: { db: string } }>) =>
    contexts.forDb(request, request.params.db);

  app.get<{ Params: { db: string }; Querystring: Query }>('/couch/:db/_changes', async (request) =>
    changesFor(await ctxOf(request), request.query, request.raw),
  );
  app.post<{ Params: { db: string }; Querystring: Query }>('/couch/:db/_changes', async (request) =>
    changesFor(await ctxOf(request), request.query, request.raw),
  );

  const allDocs = async (ctx: DbContext, query: Query, keys: unknown) =>
    keys === undefined ? allDocsRange(ctx, query) : allDocsKeys(ctx, query, keys);
  app.get<{ Params: { db: string }; Querystring: Query }>('/couch/:db/_all_docs', async (request) =>
    allDocs(await ctxOf(request), request.query, jsonParam(request.query, 'keys')),
  );
  app.post<{ Params: { db: string }; Querystring: Query; Body: { keys?: unknown } | undefined }>(
    '/couch/:db/_all_docs',
    async (request) => allDocs(await ctxOf(request), request.query, request.body?.keys),
  );

  app.post<{ Params: { db: string }; Querystring: Query; Body: unknown }>(
    '/couch/:db/_bulk_get',
    async (request) => bulkGet(await ctxOf(request), request.query, request.body),
  );
  app.post<{ Params: { db: string }; Body: unknown }>('/couch/:db/_revs_diff', async (request) =>
    revsDiff(await ctxOf(request), request.body),
  );

  app.get<{ Params: Params; Querystring: Query }>('/couch/:db/:docid', async (request) =>
    getDoc(await ctxOf(request), request.params.docid, request.query),
  );
}

async function allDocsRange(ctx: DbContext, query: Query) {
  const includeDocs = boolParam(query, 'include_docs');
  const limit = intParam(query, 'limit');
  const skip = intParam(query, 'skip') ?? 0;
  const descending = boolParam(query, 'descending');
  const key = jsonParam(query, 'key');
  const startkey = key ?? jsonParam(query, 'startkey') ?? jsonParam(query, 'start_key');
  const endkey = key ?? jsonParam(query, 'endkey') ?? jsonParam(query, 'end_key');
  const inRange = (id: string) =>
    descending
      ? (typeof startkey !== 'string' || id <= startkey) &&
        (typeof endkey !== 'string' || id >= endkey)
      : (typeof startkey !== 'string' || id >= startkey) &&
        (typeof endkey !== 'string' || id <= endkey);

  // Only the documents of the user's channels are ever looked at.
  await ctx.store.catchUp();
  const ids = [...ctx.store.index.idsIn(channelsFor(ctx.scope))].filter(inRange).sort();
  if (descending) ids.reverse();

  const rows: AllDocsRow<HomeroomDoc>[] = [];
  const wanted = limit === undefined ? Number.POSITIVE_INFINITY : skip + limit;
  for (let start = 0; start < ids.length && rows.length < wanted; start += ALL_DOCS_BATCH) {
    const batch = await ctx.store.db.allDocs({
      keys: ids.slice(start, start + ALL_DOCS_BATCH),
      include_docs: true,
      conflicts: boolParam(query, 'conflicts'),
    });
    for (const row of batch.rows) {
      if ('error' in row || row.value.deleted || !readable(ctx, row.doc)) continue;
      rows.push(row);
    }
  }
  const page = rows.slice(skip, wanted);
  if (includeDocs)
    ctx.audit(
      'read',
      page.flatMap((row) => (row.doc ? [row.doc] : [])),
    );
  return {
    total_rows: rows.length,
    offset: skip,
    rows: page.map((row) => (includeDocs ? row : { id: row.id, key: row.key, value: row.value })),
  };
}

async function allDocsKeys(ctx: DbContext, query: Query, keys: unknown) {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    throw new HttpError('bad_request', '`keys` must be a list of document ids.');
  }
  const includeDocs = boolParam(query, 'include_docs');
  const result = await ctx.store.db.allDocs({ keys, include_docs: true });
  const rows = await Promise.all(
    result.rows.map(async (row) => {
      if ('error' in row) return { key: row.key, error: 'not_found' };
      const doc = row.value.deleted ? await ctx.store.getWinning(row.id) : row.doc;
      if (!readable(ctx, doc)) return { key: row.key, error: 'not_found' };
      if (includeDocs && doc) ctx.audit('read', [doc]);
      return includeDocs ? row : { id: row.id, key: row.key, value: row.value };
    }),
  );
  return { total_rows: rows.length, offset: 0, rows };
}

async function getDoc(ctx: DbContext, id: string, query: Query) {
  const openRevs = query.open_revs;
  const revs = boolParam(query, 'revs');
  if (openRevs !== undefined) {
    const which = openRevs === 'all' ? 'all' : jsonParam(query, 'open_revs');
    if (which !== 'all' && !Array.isArray(which)) {
      throw new HttpError('bad_request', '`open_revs` must be "all" or a JSON list of revisions.');
    }
    return openRevisions(ctx, id, which as 'all' | string[], revs, boolParam(query, 'latest'));
  }

  let doc: StoredDoc | undefined;
  if (query.rev) {
    doc = servedLeaf(ctx, await leavesOf(ctx, id), query.rev, false);
  } else {
    try {
      doc = await ctx.store.db.get(id, { revs, conflicts: boolParam(query, 'conflicts') });
    } catch (error) {
      if (isNotFound(error)) throw notFound();
      throw error;
    }
  }
  if (!doc || !readable(ctx, doc)) throw notFound();
  ctx.audit('read', [doc]);
  return withRevisions(doc, revs);
}

/**
 * The leaves of a document's revision tree, its winner and its conflicts (deleted ones too), each
 * with its ancestry; none for a document never written.
 */
async function leavesOf(ctx: DbContext, id: string): Promise<StoredDoc[]> {
  // A local document has no revision tree to list, and is nobody's to read here.
  if (isLocalId(id)) return [];
  try {
    const found = (await ctx.store.db.get(id, { open_revs: 'all', revs: true })) as unknown as {
      ok?: StoredDoc;
    }[];
    return found.flatMap((entry) => (entry.ok ? [entry.ok] : []));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** The leaf CouchDB picks as the winner: a live one before a deleted one, then the highest. */
function winnerOf(leaves: readonly StoredDoc[]): StoredDoc | undefined {
  const live = leaves.filter((leaf) => !leaf._deleted);
  return [...(live.length > 0 ? live : leaves)].sort((a, b) => compareRevs(b._rev, a._rev))[0];
}

/**
 * The leaf to serve for a revision, or undefined. Only leaves are ever served, and only when the
 * user may read both the leaf and the document's winner: the body of a superseded revision (a
 * photo since deleted, a note since narrowed to staff) stays on disk until compaction but is
 * served to no one. Replication asks only for leaves; with `latest`, a superseded revision stands
 * for the leaf that descends from it.
 */
function servedLeaf(
  ctx: DbContext,
  leaves: readonly StoredDoc[],
  rev: string,
  latest: boolean,
): StoredDoc | undefined {
  const winner = winnerOf(leaves);
  if (!winner || !readable(ctx, winner)) return undefined;
  const leaf =
    leaves.find((candidate) => candidate._rev === rev) ??
    (latest ? leaves.find((candidate) => descendsFrom(candidate, rev)) : undefined);
  return leaf && readable(ctx, leaf) ? leaf : undefined;
}

function descendsFrom(leaf: StoredDoc, rev: string): boolean {
  const revisions = (leaf as { _revisions?: { start: number; ids: string[] } })._revisions;
  if (!revisions) return false;
  return revisions.ids.some((hash, depth) => `${revisions.start - depth}-${hash}` === rev);
}

/** A leaf as served: its ancestry (`_revisions`) only when asked for, as replication does. */
function withRevisions(doc: StoredDoc, revs: boolean): StoredDoc {
  if (revs) return doc;
  const { _revisions: _ancestry, ...rest } = doc as StoredDoc & { _revisions?: unknown };
  return rest;
}

async function openRevisions(
  ctx: DbContext,
  id: string,
  which: 'all' | string[],
  revs: boolean,
  latest: boolean,
) {
  const leaves = await leavesOf(ctx, id);
  const wanted = which === 'all' ? leaves.map((leaf) => leaf._rev) : which;
  const answer = wanted.map((rev): { ok: StoredDoc } | { missing: string } => {
    const leaf = servedLeaf(ctx, leaves, rev, latest);
    return leaf ? { ok: withRevisions(leaf, revs) } : { missing: rev };
  });
  if (which === 'all' && answer.every((entry) => !('ok' in entry))) throw notFound();
  ctx.audit(
    'read',
    answer.flatMap((entry) => ('ok' in entry ? [entry.ok] : [])),
  );
  return answer;
}

interface BulkGetRequest {
  docs: { id: string; rev?: string }[];
}

function isBulkGetRequest(body: unknown): body is BulkGetRequest {
  const docs = (body as { docs?: unknown } | null)?.docs;
  return (
    Array.isArray(docs) &&
    docs.every(
      (item: { id?: unknown; rev?: unknown } | null) =>
        typeof item?.id === 'string' && (item.rev === undefined || typeof item.rev === 'string'),
    )
  );
}

async function bulkGet(ctx: DbContext, query: Query, body: unknown) {
  if (!isBulkGetRequest(body)) {
    throw new HttpError('bad_request', 'Send {"docs": [{"id": "...", "rev": "..."}]}.');
  }
  const revs = boolParam(query, 'revs');
  const results = await Promise.all(
    body.docs.map(async ({ id, rev }) => {
      const missing = {
        error: { id, rev: rev ?? 'undefined', error: 'not_found', reason: 'missing' },
      };
      const leaves = await leavesOf(ctx, id);
      const winner = winnerOf(leaves);
      const doc = rev
        ? servedLeaf(ctx, leaves, rev, false)
        : winner && !winner._deleted && readable(ctx, winner)
          ? winner
          : undefined;
      if (!doc) return { id, docs: [missing] };
      ctx.audit('read', [doc]);
      return { id, docs: [{ ok: withRevisions(doc, revs) }] };
    }),
  );
  return { results };
}

async function revsDiff(ctx: DbContext, body: unknown) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError('bad_request', 'Send {"<doc id>": ["<rev>", ...]}.');
  }
  const answer: Record<string, { missing: string[] }> = {};
  for (const [id, revs] of Object.entries(body as Record<string, unknown>)) {
    if (!Array.isArray(revs) || !revs.every((rev) => typeof rev === 'string')) {
      throw new HttpError('bad_request', `Revisions of ${id} must be a list of strings.`);
    }
    const current = await ctx.store.getWinning(id);
    if (current && !readable(ctx, current)) {
      // Reveal nothing about a document the user may not read: everything is "missing".
      answer[id] = { missing: revs };
      continue;
    }
    const diff = await ctx.store.db.revsDiff({ [id]: revs });
    const missing = diff[id]?.missing ?? [];
    if (missing.length > 0) answer[id] = { missing };
  }
  return answer;
}
