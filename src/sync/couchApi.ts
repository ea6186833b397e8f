/**
 * The few CouchDB endpoints Homeroom's own client uses, same origin under /couch/.
 * See https://docs.couchdb.org/en/stable/api/index.html for the protocol.
 */
import type { HomeroomDoc } from '../domain/envelope';
import { isErrorCode, type ErrorCode } from '../domain/errors';
import type { Seq } from '../store/repository';

/** What an account may do and where its documents are. */
export interface SessionInfo {
  name: string;
  roles: string[];
  db: string;
  personId: string;
  schoolId: string;
}

/** A failed request: a registry code, or `network` when no answer came at all. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    readonly status: number,
    options?: ErrorOptions & {
      /** The server's own words (English), for logs and diagnostics. */
      reason?: string | undefined;
      /** How long the server asked to wait before trying again, when it said so. */
      retryAfterMs?: number | undefined;
    },
  ) {
    super(`couch request failed: ${code} (${status})`, options);
    this.name = 'ApiError';
    this.reason = options?.reason;
    this.retryAfterMs = options?.retryAfterMs;
  }

  readonly reason: string | undefined;
  readonly retryAfterMs: number | undefined;
}

export interface ChangeResult {
  /** Opaque, and null between the positions `seq_interval` asks for; the client uses last_seq. */
  seq: Seq | null;
  id: string;
  changes: { rev: string }[];
  deleted?: boolean;
  /** Homeroom's extension: the document left the user's view (access lost); no doc comes. */
  removed?: boolean;
  doc?: HomeroomDoc;
}

export interface ChangesResponse {
  results: ChangeResult[];
  last_seq: Seq;
  /** How many changes are left after this page (Homeroom's server: 1 or 0); absent on some servers. */
  pending?: number;
}

export type BulkResult =
  { id: string; rev: string; ok: true } | { id: string; error: string; reason?: string };

export interface ChangesOptions {
  limit: number;
  longpollMs?: number;
  signal?: AbortSignal;
}

/** A device that used the school's server, from `GET /couch/_homeroom/devices`. */
export interface DeviceInfo {
  deviceId: string;
  personId: string;
  name: string | null;
  login: string | null;
  firstSeen: string;
  lastSeen: string;
  blocked: boolean;
}

/** One read or write of a pupil's data, from `GET /couch/_homeroom/audit`. */
export interface AuditEntry {
  at: string;
  personId: string;
  name: string | null;
  /** The reader's roles, comma-separated. */
  role: string;
  device: string | null;
  docId: string;
  docType: string;
  action: 'read' | 'write';
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The header that names this device for this account on every request. */
export const DEVICE_HEADER = 'X-Homeroom-Device';

export class CouchApi {
  private deviceId: string | undefined;
  /** Devices the server answered `device_blocked` for: no request goes out for them again. */
  private readonly blocked = new Set<string>();
  /** Called once when the server says this device is blocked; the caller wipes the device. */
  onDeviceBlocked: ((deviceId: string) => void) | undefined;

  constructor(
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
    private readonly base = '/couch',
  ) {}

  /** Names the device in every request from now on. */
  useDevice(deviceId: string | undefined): void {
    this.deviceId = deviceId;
  }

  async login(name: string, password: string): Promise<SessionInfo> {
    const body = await this.request<{
      name: string;
      roles: string[];
      homeroom: { db: string; personId: string; schoolId: string };
    }>('POST', '/_session', { name, password });
    return { name: body.name, roles: body.roles, ...body.homeroom };
  }

  async logout(): Promise<void> {
    await this.request('DELETE', '/_session');
  }

  changes(db: string, since: Seq | undefined, options: ChangesOptions): Promise<ChangesResponse> {
    // The client resumes from `last_seq` only: a position per row would be wasted work.
    const query = new URLSearchParams({
      limit: String(options.limit),
      include_docs: 'true',
      seq_interval: String(options.limit),
    });
    if (since !== undefined) query.set('since', String(since));
    if (options.longpollMs !== undefined) {
      query.set('feed', 'longpoll');
      query.set('timeout', String(options.longpollMs));
    }
    return this.request('GET', `/${encodeURIComponent(db)}/_changes?${query}`, undefined, {
      signal: options.signal,
    });
  }

  bulkDocs(db: string, docs: readonly HomeroomDoc[]): Promise<BulkResult[]> {
    return this.request('POST', `/${encodeURIComponent(db)}/_bulk_docs`, { docs });
  }

  getDoc(db: string, id: string): Promise<HomeroomDoc> {
    return this.request('GET', `/${encodeURIComponent(db)}/${encodeURIComponent(id)}`);
  }

  /**
   * The server's winning version of a document, its tombstone included when it was deleted, or
   * undefined when there is none the user may read. CouchDB picks the winner among the leaves:
   * live ones before deleted ones, then the longest history, then the greater hash.
   */
  async getCurrent(db: string, id: string): Promise<HomeroomDoc | undefined> {
    let leaves: { ok?: HomeroomDoc }[];
    try {
      leaves = await this.request(
        'GET',
        `/${encodeURIComponent(db)}/${encodeURIComponent(id)}?open_revs=all`,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') return undefined;
      throw error;
    }
    const docs = leaves.flatMap((leaf) => (leaf.ok ? [leaf.ok] : []));
    return docs.sort(compareLeaves)[0];
  }

  /** The school's devices; the administration only. */
  async devices(): Promise<DeviceInfo[]> {
    return (await this.request<{ devices: DeviceInfo[] }>('GET', '/_homeroom/devices')).devices;
  }

  /** Blocks a lost device: it wipes itself on its next request. The administration only. */
  async blockDevice(deviceId: string): Promise<void> {
    await this.request('POST', `/_homeroom/devices/${encodeURIComponent(deviceId)}/block`);
  }

  /** Who read or wrote a pupil's data; the administration, or the pupil's own guardians. */
  async audit(pupilId: string): Promise<AuditEntry[]> {
    const query = new URLSearchParams({ pupilId });
    return (await this.request<{ entries: AuditEntry[] }>('GET', `/_homeroom/audit?${query}`))
      .entries;
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: { signal?: AbortSignal | undefined } = {},
  ): Promise<T> {
    const device = this.deviceId;
    if (device !== undefined && this.blocked.has(device)) throw new ApiError('device_blocked', 403);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (device !== undefined) headers[DEVICE_HEADER] = device;

    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        // Personal data: never into the HTTP cache, whatever the server says.
        cache: 'no-store',
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: extra.signal ?? null,
      });
    } catch (cause) {
      if (extra.signal?.aborted) throw cause;
      throw new ApiError('network', 0, { cause });
    }
    if (response.ok) return (await response.json()) as T;

    const { code, reason } = await errorOf(response);
    if (code === 'device_blocked' && response.status === 403 && device !== undefined) {
      this.blocked.add(device);
      this.onDeviceBlocked?.(device);
    }
    const retryAfterMs = retryAfterMsOf(response.headers.get('Retry-After'), reason);
    throw new ApiError(code, response.status, { reason, retryAfterMs });
  }
}

/**
 * The wait the server asked for: the `Retry-After` header in seconds (RFC 9110 §10.2.3), or else
 * the number in a reason such as «Try again in 42 s.» / «… in 5 min.».
 */
export function retryAfterMsOf(
  header: string | null,
  reason: string | undefined,
): number | undefined {
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const match = /in (\d+) ?(s|sec|seconds?|min|minutes?)\b/i.exec(reason ?? '');
  if (!match) return undefined;
  const unit = match[2]?.toLowerCase().startsWith('m') ? 60_000 : 1000;
  return Number(match[1]) * unit;
}

async function errorOf(response: Response): Promise<{ code: ErrorCode; reason?: string }> {
  let reason: string | undefined;
  try {
    const body = (await response.json()) as { error?: unknown; reason?: unknown };
    if (typeof body.reason === 'string') reason = body.reason;
    if (isErrorCode(body.error)) return { code: body.error, reason };
  } catch {
    // Not JSON: fall back to the status below.
  }
  return { code: codeOfStatus(response.status), reason };
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'too_many_requests';
  return 'internal';
}

function revParts(rev: string | undefined): [number, string] {
  const [generation = '0', hash = ''] = (rev ?? '').split('-');
  return [Number(generation), hash];
}

/** Orders leaves winner first, as CouchDB does. */
function compareLeaves(a: HomeroomDoc, b: HomeroomDoc): number {
  if (Boolean(a._deleted) !== Boolean(b._deleted)) return a._deleted ? 1 : -1;
  const [genA, hashA] = revParts(a._rev);
  const [genB, hashB] = revParts(b._rev);
  if (genA !== genB) return genB - genA;
  return hashA < hashB ? 1 : hashA > hashB ? -1 : 0;
}
