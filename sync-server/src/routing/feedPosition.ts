/**
 * A user's position in their changes feed. Positions are opaque to clients, as CouchDB's are
 * (https://docs.couchdb.org/en/stable/api/database/changes.html): Homeroom encodes, for every
 * channel the user read, how far they read it. A channel that is new to the user is then read from
 * its start, and a channel they lost is known, so its documents can be announced as removed.
 *
 * A position is sealed for the account it was given to (HMAC-SHA-256 under a secret the server
 * keeps in its data folder, over the account and the position), and a channel's key is a keyed
 * hash under the same secret. A position forged, altered, or given to someone else is not taken:
 * the feed starts over from the beginning of the user's own channels, announcing no removals. So
 * no one learns, as "removed", the ids of documents in a channel they never read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../../src/domain/channels';

export interface FeedPosition {
  /** The sequence every listed channel has been read to, unless it has its own. */
  seq: number;
  /** Short hashes of the channels the user read, each with how far it was read. */
  channels: Map<string, number>;
}

const HASH_CHARS = 10;
const SEAL_CHARS = 22;

/** The server's keys of feed positions: a channel's key, and the seal of a user's position. */
export interface PositionKeys {
  keyOf: (channel: Channel) => string;
  seal: (accountId: string, payload: string) => string;
}

export function positionKeys(secret: Buffer): PositionKeys {
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest('base64url');
  return {
    keyOf: (channel) => mac(channel).slice(0, HASH_CHARS),
    seal: (accountId, payload) => mac(`position\n${accountId}\n${payload}`).slice(0, SEAL_CHARS),
  };
}

/** Seals and checks the positions of one account. */
export interface Sealer {
  seal: (payload: string) => string;
}

/**
 * Reads a `since` value: a position this server gave, `now`, a plain sequence number (everything
 * the user reads now is then taken as read to it), or nothing (the start).
 */
export function parsePosition(
  since: string | undefined,
  currentKeys: readonly string[],
  nowSeq: number,
  sealer: Sealer,
): FeedPosition | undefined {
  const all = (seq: number) => ({
    seq,
    channels: new Map(currentKeys.map((key) => [key, seq])),
  });
  if (since === undefined || since === '' || since === '0') return { seq: 0, channels: new Map() };
  if (since === 'now') return all(nowSeq);
  if (/^\d+$/.test(since)) {
    const seq = Number(since);
    return Number.isSafeInteger(seq) ? all(Math.min(seq, nowSeq)) : undefined;
  }
  try {
    const raw = JSON.parse(Buffer.from(since, 'base64url').toString()) as unknown;
    if (!isEncoded(raw)) return undefined;
    if (!sealedFor(raw, sealer)) return { seq: 0, channels: new Map() };
    const channels = new Map<string, number>();
    for (const key of raw.k) channels.set(key, raw.x?.[key] ?? raw.s);
    return { seq: raw.s, channels };
  } catch {
    return undefined;
  }
}

interface Encoded {
  s: number;
  k: string[];
  x?: Record<string, number>;
  /** The seal over the fields above, for the account the position was given to. */
  m?: string;
}

/** The position's fields, in the one order they are sealed in. */
function payloadOf(encoded: Encoded): string {
  const { s, k, x } = encoded;
  return JSON.stringify(x === undefined ? { s, k } : { s, k, x });
}

function sealedFor(encoded: Encoded, sealer: Sealer): boolean {
  if (typeof encoded.m !== 'string') return false;
  const expected = Buffer.from(sealer.seal(payloadOf(encoded)));
  const given = Buffer.from(encoded.m);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isEncoded(raw: unknown): raw is Encoded {
  const value = raw as { s?: unknown; k?: unknown; x?: unknown } | null;
  return (
    typeof value?.s === 'number' &&
    Number.isInteger(value.s) &&
    value.s >= 0 &&
    Array.isArray(value.k) &&
    value.k.length <= 10_000 &&
    value.k.every((key: unknown) => typeof key === 'string') &&
    (value.x === undefined ||
      (typeof value.x === 'object' &&
        value.x !== null &&
        !Array.isArray(value.x) &&
        Object.values(value.x).every(
          (seq: unknown) => Number.isInteger(seq) && (seq as number) >= 0,
        )))
  );
}

export function formatPosition(position: FeedPosition, sealer: Sealer): string {
  const exceptions: Record<string, number> = {};
  for (const [key, seq] of position.channels) {
    if (seq !== position.seq) exceptions[key] = seq;
  }
  const encoded: Encoded = { s: position.seq, k: [...position.channels.keys()] };
  if (Object.keys(exceptions).length > 0) encoded.x = exceptions;
  encoded.m = sealer.seal(payloadOf(encoded));
  return Buffer.from(JSON.stringify(encoded)).toString('base64url');
}
