/**
 * A user's position in their changes feed. Positions are opaque to clients, as CouchDB's are
 * (https://docs.couchdb.org/en/stable/api/database/changes.html): Homeroom encodes, for every
 * channel the user read, how far they read it. A channel that is new to the user is then read from
 * its start, and a channel they lost is known, so its documents can be announced as removed.
 *
 * A channel's key is a keyed hash (HMAC-SHA-256 under a secret the server keeps in its data
 * folder), so a client can name only channels this server once gave it a position in: a forged
 * position can make the server send the user more of their own channels, and cannot make it
 * announce, as removed, the documents of a channel the user never read.
 */
import { createHmac } from 'node:crypto';
import type { Channel } from '../../../src/domain/channels';

export interface FeedPosition {
  /** The sequence every listed channel has been read to, unless it has its own. */
  seq: number;
  /** Short hashes of the channels the user read, each with how far it was read. */
  channels: Map<string, number>;
}

const HASH_CHARS = 10;

/** The key function of a server: a channel's key under the server's channel secret. */
export function channelKeys(secret: Buffer): (channel: Channel) => string {
  return (channel) =>
    createHmac('sha256', secret).update(channel).digest('base64url').slice(0, HASH_CHARS);
}

/**
 * Reads a `since` value: a position this server gave, `now`, a plain sequence number (everything
 * the user reads now is then taken as read to it), or nothing (the start).
 */
export function parsePosition(
  since: string | undefined,
  currentKeys: readonly string[],
  nowSeq: number,
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
        Object.values(value.x).every((seq: unknown) => Number.isInteger(seq))))
  );
}

export function formatPosition(position: FeedPosition): string {
  const exceptions: Record<string, number> = {};
  for (const [key, seq] of position.channels) {
    if (seq !== position.seq) exceptions[key] = seq;
  }
  const encoded: Encoded = { s: position.seq, k: [...position.channels.keys()] };
  if (Object.keys(exceptions).length > 0) encoded.x = exceptions;
  return Buffer.from(JSON.stringify(encoded)).toString('base64url');
}
