/** Server and database level routes: the welcome, `_all_dbs`, and database info. */
import type { FastifyInstance } from 'fastify';
import type { Contexts } from './context';
import { HttpError } from './httpError';

export const COUCH_VERSION = '3.3.3';

export function registerServerRoutes(
  app: FastifyInstance,
  contexts: Contexts,
  serverUuid: string,
  dbNames: readonly string[],
): void {
  // Public, as in CouchDB: PouchDB reads the uuid to name its replication checkpoints.
  app.get('/couch/', () => ({
    couchdb: 'Welcome',
    version: COUCH_VERSION,
    uuid: serverUuid,
    vendor: { name: 'Homeroom' },
  }));

  app.get('/couch/_all_dbs', async (request) => {
    const account = await contexts.account(request);
    if (!account.admin)
      throw new HttpError('forbidden', 'Only the administration lists databases.');
    return dbNames.filter((name) => name === account.db);
  });

  app.get<{ Params: { db: string } }>('/couch/:db', async (request) => {
    const ctx = await contexts.forDb(request, request.params.db);
    const info = await ctx.store.db.info();
    return {
      db_name: ctx.store.name,
      update_seq: info.update_seq,
      instance_start_time: '0',
      ...(ctx.scope.admin ? { doc_count: info.doc_count } : {}),
    };
  });

  app.put<{ Params: { db: string } }>('/couch/:db', async (request) => {
    await contexts.forDb(request, request.params.db);
    throw new HttpError('file_exists', 'The database already exists.');
  });
}
