/**
 * `_local` documents (replication checkpoints), kept per user: each user reads and writes only
 * their own, stored under a prefix of their account id, so a second user on a shared tablet never
 * sees or moves the first one's checkpoint.
 */
import type { FastifyInstance } from 'fastify';
import { isNotFound } from '../storage/schoolStore';
import type { Contexts, DbContext } from './context';
import { HttpError, notFound } from './httpError';

type Params = { db: string; localid: string };

const MAX_LOCAL_ID_CHARS = 500;
/** A replication checkpoint is a few hundred bytes; this leaves room and nothing more. */
export const MAX_LOCAL_BYTES = 16 * 1024;
/** A device keeps a checkpoint or two per replication; fifty is plenty for one person. */
export const MAX_LOCAL_DOCS = 50;

interface LocalIndex {
  _id: string;
  _rev?: string;
  ids: string[];
}

/** The list of a user's local ids, so their number can be bounded. */
async function readIndex(ctx: DbContext): Promise<LocalIndex> {
  const id = `_local/idx:${ctx.account._id}`;
  try {
    return (await ctx.store.db.get(id)) as unknown as LocalIndex;
  } catch (error) {
    if (isNotFound(error)) return { _id: id, ids: [] };
    throw error;
  }
}

function storedId(ctx: DbContext, localId: string): string {
  if (localId.length > MAX_LOCAL_ID_CHARS)
    throw new HttpError('bad_request', 'The id is too long.');
  return `_local/u:${ctx.account._id}:${localId}`;
}

export function registerLocalRoutes(app: FastifyInstance, contexts: Contexts): void {
  app.get<{ Params: Params }>('/couch/:db/_local/:localid', async (request) => {
    const ctx = await contexts.forDb(request, request.params.db);
    try {
      const doc = await ctx.store.db.get(storedId(ctx, request.params.localid));
      return { ...doc, _id: `_local/${request.params.localid}` };
    } catch (error) {
      if (isNotFound(error)) throw notFound();
      throw error;
    }
  });

  app.put<{ Params: Params; Body: unknown }>(
    '/couch/:db/_local/:localid',
    async (request, reply) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const body = request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new HttpError('bad_request', 'A local document must be a JSON object.');
      }
      const { _attachments, ...fields } = body as Record<string, unknown>;
      if (JSON.stringify(fields).length > MAX_LOCAL_BYTES) {
        throw new HttpError(
          'too_large',
          `A local document holds at most ${MAX_LOCAL_BYTES} bytes.`,
        );
      }
      const index = await readIndex(ctx);
      if (!index.ids.includes(request.params.localid)) {
        if (index.ids.length >= MAX_LOCAL_DOCS) {
          throw new HttpError('too_large', `At most ${MAX_LOCAL_DOCS} local documents per user.`);
        }
        await ctx.store.db.put({ ...index, ids: [...index.ids, request.params.localid] });
      }
      const doc = { ...fields, _id: storedId(ctx, request.params.localid) };
      try {
        const result = await ctx.store.db.put(doc);
        return await reply
          .code(201)
          .send({ ok: true, id: `_local/${request.params.localid}`, rev: result.rev });
      } catch (error) {
        if ((error as { status?: number }).status === 409) {
          throw new HttpError('conflict', 'Document update conflict.');
        }
        throw error;
      }
    },
  );

  app.delete<{ Params: Params; Querystring: { rev?: string } }>(
    '/couch/:db/_local/:localid',
    async (request) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const id = storedId(ctx, request.params.localid);
      try {
        const current = await ctx.store.db.get(id);
        await ctx.store.db.remove(current);
        const index = await readIndex(ctx);
        const ids = index.ids.filter((known) => known !== request.params.localid);
        await ctx.store.db.put({ ...index, ids });
        return { ok: true, id: `_local/${request.params.localid}`, rev: '0-0' };
      } catch (error) {
        if (isNotFound(error)) throw notFound();
        throw error;
      }
    },
  );
}
