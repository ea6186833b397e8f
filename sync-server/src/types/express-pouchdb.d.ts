/** express-pouchdb, a CouchDB-compatible server written by others, used by tests as a peer. */
declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';

  export default function expressPouchDB(
    pouch: unknown,
    options?: { inMemoryConfig?: boolean; mode?: 'fullCouchDB' | 'minimumForPouchDB' },
  ): RequestHandler;
}
