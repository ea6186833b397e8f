/**
 * A tiny in-memory stand-in for the server's /couch/ routes, for unit tests only: opaque base64url
 * sequences (as Homeroom's server gives), revisions `N-x`, conflicts on a stale `_rev`, removals
 * from the user's view, and per-request hooks.
 */
import type { HomeroomDoc } from '../domain/envelope';
import type { FetchLike } from '../sync/couchApi';

interface Stored {
  doc: HomeroomDoc;
  seq: number;
  /** The document left the user's view: the feed announces it as removed. */
  removed?: boolean;
}

/** The opaque token of a sequence number: a client that parsed it would be caught. */
export function seqToken(seq: number): string {
  return btoa(`fake-seq:${seq}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function seqOf(token: string | null): number {
  if (token === null) return 0;
  const text = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  if (!text.startsWith('fake-seq:')) throw new Error(`not a token of this server: ${token}`);
  return Number(text.slice('fake-seq:'.length));
}

export interface FakeCouchRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export class FakeCouch {
  readonly docs = new Map<string, Stored>();
  readonly requests: FakeCouchRequest[] = [];
  private seq = 0;
  /** Per-document answers that override the normal write (e.g. forbidden). */
  readonly refuse = new Map<string, string>();
  /** Runs before a request is answered; throw to simulate a network failure. */
  before: ((request: FakeCouchRequest) => Promise<void> | void) | undefined;
  /** As Homeroom's server: a page of changes ends once its documents pass this many bytes. */
  maxPageBytes: number | undefined;
  /** As Homeroom's server: a larger `_bulk_docs` body is refused whole with 413. */
  maxBodyBytes: number | undefined;

  private wakeLongpolls: (() => void)[] = [];

  /** Stores a document as another device would, returning its new revision. */
  put(doc: HomeroomDoc): string {
    for (const wake of this.wakeLongpolls.splice(0)) wake();
    const old = this.docs.get(doc._id);
    const generation = old ? Number(old.doc._rev?.split('-')[0] ?? 0) + 1 : 1;
    const rev = `${generation}-${Math.random().toString(16).slice(2, 10)}`;
    this.seq += 1;
    this.docs.set(doc._id, { doc: { ...doc, _rev: rev }, seq: this.seq });
    return rev;
  }

  /** Takes a document out of the user's view, as a lost grant would. */
  revoke(id: string): void {
    const stored = this.docs.get(id);
    if (!stored) return;
    for (const wake of this.wakeLongpolls.splice(0)) wake();
    this.seq += 1;
    this.docs.set(id, { ...stored, seq: this.seq, removed: true });
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input, 'http://localhost');
    const request: FakeCouchRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    await this.before?.(request);
    if (request.query.get('feed') === 'longpoll') await this.waitForChange(request, init?.signal);
    return this.answer(request);
  };

  /** A long poll answers at once when there are changes, else on the next one or its timeout. */
  private async waitForChange(request: FakeCouchRequest, signal: AbortSignal | null | undefined) {
    const since = seqOf(request.query.get('since'));
    if ([...this.docs.values()].some((stored) => stored.seq > since)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Number(request.query.get('timeout') ?? 1000));
      this.wakeLongpolls.push(() => {
        clearTimeout(timer);
        resolve();
      });
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }

  private answer({ method, path, query, body }: FakeCouchRequest): Response {
    const [, , , route, ...rest] = path.split('/');
    if (route === '_changes') return json(200, this.changes(query));
    if (route === '_bulk_docs' && method === 'POST') {
      if (this.maxBodyBytes !== undefined && JSON.stringify(body).length > this.maxBodyBytes) {
        return json(413, { error: 'too_large', reason: 'the request is too large' });
      }
      return json(
        201,
        (body as { docs: HomeroomDoc[] }).docs.map((doc) => this.write(doc)),
      );
    }
    const stored = this.docs.get(decodeURIComponent([route, ...rest].join('/')));
    if (!stored || stored.removed) return json(404, { error: 'not_found', reason: 'missing' });
    // One leaf per document here: `open_revs=all` answers it, tombstone included.
    if (query.get('open_revs') === 'all') return json(200, [{ ok: stored.doc }]);
    return stored.doc._deleted
      ? json(404, { error: 'not_found', reason: 'deleted' })
      : json(200, stored.doc);
  }

  private changes(query: URLSearchParams): unknown {
    const since = seqOf(query.get('since'));
    const limit = Number(query.get('limit') ?? 1000);
    const after = [...this.docs.values()]
      .filter((stored) => stored.seq > since)
      .sort((a, b) => a.seq - b.seq);
    const rows = this.page(after.slice(0, limit));
    const results = rows.map(({ doc, seq, removed }) =>
      removed
        ? { seq: seqToken(seq), id: doc._id, changes: [], removed: true }
        : {
            seq: seqToken(seq),
            id: doc._id,
            changes: [{ rev: doc._rev }],
            ...(doc._deleted ? { deleted: true } : {}),
            doc,
          },
    );
    return {
      results,
      last_seq: seqToken(rows.at(-1)?.seq ?? since),
      pending: after.length - rows.length,
    };
  }

  /** The rows of a page within maxPageBytes of documents, at least one. */
  private page(rows: Stored[]): Stored[] {
    if (this.maxPageBytes === undefined) return rows;
    let bytes = 0;
    const kept: Stored[] = [];
    for (const row of rows) {
      if (kept.length > 0 && bytes >= this.maxPageBytes) break;
      kept.push(row);
      bytes += JSON.stringify(row.doc).length;
    }
    return kept;
  }

  private write(doc: HomeroomDoc): unknown {
    if (this.docs.get(doc._id)?.removed) {
      return { id: doc._id, error: 'forbidden', reason: 'no longer yours' };
    }
    const refusal = this.refuse.get(doc._id);
    if (refusal) return { id: doc._id, error: refusal, reason: 'refused by the test' };
    const current = this.docs.get(doc._id)?.doc._rev;
    if (current !== doc._rev) return { id: doc._id, error: 'conflict', reason: 'stale' };
    return { id: doc._id, ok: true, rev: this.put(doc) };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
