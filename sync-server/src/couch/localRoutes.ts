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
      const doc = { ...body, _id: storedId(ctx, request.params.localid) };
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
        return { ok: true, id: `_local/${request.params.localid}`, rev: '0-0' };
      } catch (error) {
        if (isNotFound(error)) throw notFound();
        throw error;
      }
    },
  );
}
