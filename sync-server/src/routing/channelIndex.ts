/**
 * The routing index: for every channel, the sequence numbers at which documents entered it, in
 * order. It is derived data, built from the database's own changes feed at start and kept up to
 * date after every write, so it can always be rebuilt.
 *
 * An entry is current while it carries its document's latest sequence; older entries are skipped
 * when read. When a new version leaves a channel, a removal entry is added to that channel, so a
 * reader of it learns the document is gone from their view.
 */
import { channelsOf, type Channel } from '../../../src/domain/channels';
import type { HomeroomDoc } from '../../../src/domain/envelope';

export interface IndexEntry {
  seq: number;
  id: string;
  removed: boolean;
}

interface ChannelLog {
  seqs: number[];
  ids: string[];
  removed: boolean[];
}

/**
 * A document's latest sequence and the logs of the channels it is in. The logs, one object per
 * channel, stand for the channels: a document keeps no strings of its own, which matters when a
 * school holds hundreds of thousands of documents.
 */
interface Latest {
  seq: number;
  logs: ChannelLog[];
}

export class ChannelIndex {
  private readonly logs = new Map<Channel, ChannelLog>();
  private readonly latest = new Map<string, Latest>();
  /** Channel of each channel key, to name the channels a feed position says a user lost. */
  private readonly byKey = new Map<string, Channel>();
  /** The last sequence taken in; entries arrive in sequence order. */
  lastSeq = 0;

  /** `keyOf` names a channel in feed positions (./feedPosition.ts, `channelKeys`). */
  constructor(readonly keyOf: (channel: Channel) => string) {}

  /** Takes in one change of the database; `doc` is the new winning version (or its tombstone). */
  add(seq: number, id: string, doc: HomeroomDoc | undefined): void {
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    const channels = doc && typeof doc.schoolId === 'string' ? channelsOf(doc) : [];
    const logs = channels.map((channel) => this.logOf(channel));
    for (const log of logs) append(log, seq, id, false);
    for (const log of this.latest.get(id)?.logs ?? []) {
      if (!logs.includes(log)) append(log, seq, id, true);
    }
    this.latest.set(id, { seq, logs });
  }

  private logOf(channel: Channel): ChannelLog {
    let log = this.logs.get(channel);
    if (!log) {
      this.logs.set(channel, (log = { seqs: [], ids: [], removed: [] }));
      this.byKey.set(this.keyOf(channel), channel);
    }
    return log;
  }

  /** Current entries of one channel after `since`, in sequence order. */
  *entriesAfter(channel: Channel, since: number): Generator<IndexEntry> {
    const log = this.logs.get(channel);
    if (!log) return;
    for (let i = firstAfter(log.seqs, since); i < log.seqs.length; i++) {
      const id = log.ids[i] ?? '';
      const seq = log.seqs[i] ?? 0;
      if (this.latest.get(id)?.seq === seq) yield { seq, id, removed: log.removed[i] ?? false };
    }
  }

  /** Every channel that has entries. */
  channels(): Channel[] {
    return [...this.logs.keys()];
  }

  /** Whether the document was ever written: every document, deleted or not, has an entry. */
  has(id: string): boolean {
    return this.latest.has(id);
  }

  channelOfKey(key: string): Channel | undefined {
    return this.byKey.get(key);
  }

  /** Ids of the documents currently routed to any of the channels. */
  idsIn(channels: readonly Channel[]): Set<string> {
    const ids = new Set<string>();
    for (const channel of channels) {
      for (const entry of this.entriesAfter(channel, 0)) {
        if (!entry.removed) ids.add(entry.id);
      }
    }
    return ids;
  }

  /** Number of entries across all channels, current or not (for the benchmarks). */
  get size(): number {
    let total = 0;
    for (const log of this.logs.values()) total += log.seqs.length;
    return total;
  }
}

function append(log: ChannelLog, seq: number, id: string, removed: boolean): void {
  log.seqs.push(seq);
  log.ids.push(id);
  log.removed.push(removed);
}

/** Index of the first element greater than `value` in an ascending array. */
function firstAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
