/**
 * The part of PouchDB's API the server uses. @types/pouchdb is not used: it declares a global
 * `Buffer` interface that breaks Node's own typings under TypeScript 6.
 */
declare module 'pouchdb' {
  export interface Revisioned {
    _id: string;
    _rev: string;
    _deleted?: boolean;
    _revisions?: { start: number; ids: string[] };
    _conflicts?: string[];
  }

  export type Response = { ok: true; id: string; rev: string };
  export type WriteError = {
    error: true | string;
    name?: string;
    status?: number;
    id?: string;
    reason?: string;
    message?: string;
  };

  export interface ChangeRow<T> {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: (T & Revisioned) | undefined;
  }

  export interface AllDocsRow<T> {
    id: string;
    key: string;
    value: { rev: string; deleted?: boolean };
    doc?: (T & Revisioned) | null;
  }

  export interface GetOptions {
    rev?: string;
    revs?: boolean;
    revs_info?: boolean;
    conflicts?: boolean;
    open_revs?: 'all' | string[];
    latest?: boolean;
  }

  export interface AllDocsOptions {
    include_docs?: boolean;
    conflicts?: boolean;
    descending?: boolean;
    startkey?: string;
    endkey?: string;
    keys?: string[];
    limit?: number;
    skip?: number;
  }

  export interface ChangesOptions {
    since?: number | string;
    limit?: number;
    include_docs?: boolean;
    style?: 'all_docs' | 'main_only';
    live?: boolean;
  }

  export interface LiveChanges<T> {
    on(event: 'change', listener: (change: ChangeRow<T>) => void): LiveChanges<T>;
    on(event: 'error', listener: (error: unknown) => void): LiveChanges<T>;
    cancel(): void;
  }

  /** What a finished one-off replication reports. */
  export interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }

  export interface Database<T extends object = object> {
    replicate: {
      from(source: Database | string, options?: object): Promise<ReplicationResult>;
      to(target: Database | string, options?: object): Promise<ReplicationResult>;
    };
    get(id: string, options?: GetOptions): Promise<T & Revisioned>;
    put(doc: object): Promise<Response>;
    remove(doc: { _id: string; _rev: string }): Promise<Response>;
    bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<(Response | WriteError)[]>;
    allDocs(options: AllDocsOptions & { keys: string[] }): Promise<{
      total_rows: number;
      offset: number;
      rows: (AllDocsRow<T> | { key: string; error: string })[];
    }>;
    allDocs(
      options?: AllDocsOptions,
    ): Promise<{ total_rows: number; offset: number; rows: AllDocsRow<T>[] }>;
    changes(options: ChangesOptions & { live: true }): LiveChanges<T>;
    changes(
      options: ChangesOptions,
    ): Promise<{ results: ChangeRow<T>[]; last_seq: number | string }>;
    revsDiff(diff: Record<string, string[]>): Promise<Record<string, { missing?: string[] }>>;
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }

  interface PouchDBStatic {
    new <T extends object = object>(name: string, options?: object): Database<T>;
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: object): PouchDBStatic;
  }

  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
