/**
 * The write side: `_bulk_docs`, `PUT` and `DELETE` of a document. Every document is validated
 * against its schema, and both the new version and the one it replaces must lie inside the writer's
 * scope. Server-derived fields are set here, never taken from the client.
 */
import type { FastifyInstance } from 'fastify';
import type { Response, WriteError } from 'pouchdb';
import { canWrite } from '../../../src/domain/access';
import { CLEAR_ENVELOPE_FIELDS, type HomeroomDoc } from '../../../src/domain/envelope';
import { ERRORS, type ErrorCode } from '../../../src/domain/errors';
import { validateDoc } from '../../../src/domain/schemas';
import type { StoredDoc } from '../storage/schoolStore';
import type { Contexts, DbContext } from './context';
import { HttpError } from './httpError';
import { readable } from './readRoutes';

/** More than this in one request is refused whole, so one device cannot stall the server. */
export const MAX_DOCS_PER_REQUEST = 1000;

export type WriteResult =
  { id: string; rev: string; ok: true } | { id: string; error: ErrorCode; reason: string };

export function registerWriteRoutes(app: FastifyInstance, contexts: Contexts): void {
  app.post<{ Params: { db: string }; Body: unknown }>(
    '/couch/:db/_bulk_docs',
    async (request, reply) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const body = request.body as { docs?: unknown; new_edits?: unknown } | null;
      if (!body || !Array.isArray(body.docs)) {
        throw new HttpError('bad_request', 'Send {"docs": [...]}.');
      }
      const newEdits = body.new_edits !== false;
      const results = await writeDocs(ctx, body.docs, newEdits);
      return reply.code(201).send(newEdits ? results : results.filter((r) => 'error' in r));
    },
  );

  const writeOne = async (ctx: DbContext, doc: unknown) => {
    const [result] = await writeDocs(ctx, [doc], true);
    if (!result) throw new HttpError('internal', 'No result for the write.');
    if ('error' in result) throw new HttpError(result.error, result.reason);
    return result;
  };

  app.put<{ Params: { db: string; docid: string }; Querystring: { rev?: string }; Body: unknown }>(
    '/couch/:db/:docid',
    async (request, reply) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const body = request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new HttpError('bad_request', 'The document must be a JSON object.');
      }
      const doc: Record<string, unknown> = { ...body, _id: request.params.docid };
      if (request.query.rev) doc._rev = request.query.rev;
      return reply.code(201).send(await writeOne(ctx, doc));
    },
  );

  app.delete<{ Params: { db: string; docid: string }; Querystring: { rev?: string } }>(
    '/couch/:db/:docid',
    async (request) => {
      const ctx = await contexts.forDb(request, request.params.db);
      if (!request.query.rev) throw new HttpError('conflict', 'Give the revision to delete: ?rev=');
      const doc = { _id: request.params.docid, _rev: request.query.rev, _deleted: true };
      return writeOne(ctx, doc);
    },
  );
}

/** Validates, authorises and stores documents; one result per input, in order. */
export async function writeDocs(
  ctx: DbContext,
  input: unknown[],
  newEdits: boolean,
): Promise<WriteResult[]> {
  if (input.length > MAX_DOCS_PER_REQUEST) {
    throw new HttpError(
      'too_large',
      `At most ${MAX_DOCS_PER_REQUEST} documents per request; split the batch.`,
    );
  }
  const checked = await Promise.all(input.map((doc) => checkWrite(ctx, doc, newEdits)));
  const accepted = checked.filter((item): item is HomeroomDoc => !('error' in item));
  const stored = accepted.length
    ? await ctx.store.db.bulkDocs(accepted, { new_edits: newEdits })
    : [];

  const storedById = new Map<string, Response | WriteError>();
  stored.forEach((result, index) => {
    const id = accepted[index]?._id ?? result.id;
    if (id) storedById.set(id, result);
  });
  // Route what was written (and update grants) before answering, so the next read sees it.
  await ctx.store.catchUp();

  return checked.map((item): WriteResult => {
    if ('error' in item) return item;
    const result = storedById.get(item._id);
    if (result && 'error' in result) {
      return result.status === 409 || result.name === 'conflict'
        ? { id: item._id, error: 'conflict', reason: 'Document update conflict.' }
        : { id: item._id, error: 'internal', reason: 'The document was not stored.' };
    }
    // With new_edits=false the revision is the one sent, and PouchDB may answer nothing for it.
    const rev = result?.rev ?? item._rev;
    if (!rev) return { id: item._id, error: 'internal', reason: 'The document was not stored.' };
    return { id: item._id, rev, ok: true };
  });
}

type Checked = HomeroomDoc | { id: string; error: ErrorCode; reason: string };

async function checkWrite(ctx: DbContext, input: unknown, newEdits: boolean): Promise<Checked> {
  const raw = input as Record<string, unknown> | null;
  const id = typeof raw?._id === 'string' ? raw._id : '';
  const refuse = (error: ErrorCode, reason: string): Checked => ({ id, error, reason });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !id) {
    return refuse('invalid_doc', 'Every document must be an object with an _id.');
  }
  if (id.startsWith('_')) {
    return refuse('forbidden', 'Design and local documents are not written through _bulk_docs.');
  }

  const current = await ctx.store.getWinning(id);
  const candidate =
    raw._deleted === true && raw.type === undefined ? tombstoneOf(raw, current) : raw;
  const validation = validateDoc(candidate);
  if (!validation.ok) return refuse('invalid_doc', validation.reason);
  const doc = validation.doc;

  const reference = await checkReferences(ctx, doc);
  if (reference) return refuse('invalid_doc', reference);
  const allowedNew = canWrite(ctx.scope, doc);
  if (!allowedNew.ok) return refuse('forbidden', allowedNew.reason);
  if (current && !current._deleted) {
    const allowedOld = readable(ctx, current) ? canWrite(ctx.scope, current) : undefined;
    if (!allowedOld?.ok) {
      return refuse(
        'forbidden',
        `You may not change this document: ${allowedOld?.reason ?? 'it is outside your scope'}.`,
      );
    }
  }

  if (!newEdits) {
    if (doc.updatedBy !== ctx.scope.personId) {
      return refuse('forbidden', 'updatedBy must be your own person id.');
    }
    return doc;
  }
  return { ...doc, updatedBy: ctx.scope.personId };
}

/**
 * Routing fields must agree with the school's records, so a writer cannot route a document to
 * readers it does not concern: a pupil's document lies in the pupil's class, and a mark belongs to
 * an event of that class.
 */
async function checkReferences(ctx: DbContext, doc: HomeroomDoc): Promise<string | undefined> {
  if (doc._deleted || doc.type === 'pupil' || doc.pupilId === undefined) return undefined;
  const classId = ctx.store.grants.classOf(doc.pupilId);
  if (!classId) return `pupil ${doc.pupilId} does not exist`;
  if (doc.classIds.length !== 1 || doc.classIds[0] !== classId) {
    return `pupil ${doc.pupilId} is in class ${classId}: classIds must be ["${classId}"]`;
  }
  if (doc.type !== 'attendance' || doc.eventId === undefined) return undefined;

  const event = await ctx.store.getWinning(`event:${doc.eventId}`);
  if (!event || event._deleted) return `event ${doc.eventId} does not exist`;
  if (event.classIds.length > 0 && !event.classIds.includes(classId)) {
    return `event ${doc.eventId} is not an event of the pupil's class`;
  }
  return undefined;
}

/** A bare deletion (`_id`, `_rev`, `_deleted`) keeps the envelope of what it deletes. */
function tombstoneOf(raw: Record<string, unknown>, current: StoredDoc | undefined) {
  if (!current) return raw;
  const envelope: Record<string, unknown> = {};
  for (const field of CLEAR_ENVELOPE_FIELDS) {
    if (current[field] !== undefined) envelope[field] = current[field];
  }
  return { ...envelope, body: {}, ...raw, updatedAt: new Date().toISOString() };
}

export function statusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}
