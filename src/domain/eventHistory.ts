/**
 * The event's history as the server keeps it: the rules of src/domain/eventLife.ts applied to
 * whatever a client writes, so a history written straight to the API reads as the app's would.
 */
import { CLEAR_ENVELOPE_FIELDS } from './envelope';
import type { EventBody, EventDoc, LifeAction } from './eventLife';
import { MAX_EVENT_CHANGES, type EventChange } from './schemas';

/** The action a change of status records. */
const STATUS_ACTIONS: Record<EventBody['status'], LifeAction> = {
  cancelled: 'cancelled',
  held: 'held',
  planned: 'restored',
};

/**
 * New entries one write may bring: a device's changes made offline to one event, joined. Far
 * fewer than MAX_EVENT_CHANGES, so no single write can push the whole history out by trimming.
 */
export const MAX_ADDED_CHANGES = 20;

function entryKey(change: EventChange): string {
  return JSON.stringify(change, Object.keys(change).sort());
}

/** The entries of `after` that `before` does not hold. */
function addedEntries(
  before: readonly EventChange[],
  after: readonly EventChange[],
): EventChange[] {
  const known = new Set(before.map(entryKey));
  return after.filter((change) => !known.has(entryKey(change)));
}

/**
 * What is wrong with a new version of an event against the version it replaces (none for a new
 * event), or undefined. The server applies this to every write of an event, so the history that
 * families and the administration read is the app's, whoever wrote to the API:
 * - every stored entry stays, unchanged and in its order; entries may be added among them (two
 *   devices' histories are joined by date, see {@link mergeEventBodies}), and past
 *   MAX_EVENT_CHANGES only the oldest after the first may go, as {@link appendChange} trims, and
 *   only as many as the added entries overflow the limit by, and a write adds at most
 *   MAX_ADDED_CHANGES entries; no entry appears twice;
 * - an added entry is the writer's own (`by`), made no later than `latestAt` (now plus the
 *   clock drift the server allows);
 * - a change of status, date, start or substitute comes with an added entry of its action
 *   (cancelled, held, restored, moved to that date, substituted), which carries the reason the
 *   schema requires.
 */
export function checkHistory(
  previous: EventDoc | undefined,
  next: EventDoc,
  writerId: string,
  latestAt: number,
): string | undefined {
  const before = previous?.body.changes ?? [];
  const after = next.body.changes ?? [];
  if (new Set(after.map(entryKey)).size < after.length) {
    return "an entry of the event's history appears twice";
  }
  const added = addedEntries(before, after);
  if (added.length > MAX_ADDED_CHANGES) {
    return `at most ${MAX_ADDED_CHANGES} new entries of the event's history in one write`;
  }
  // Trimming makes room for what is added, and no more: as many as overflow the limit.
  const room = Math.max(0, before.length + added.length - MAX_EVENT_CHANGES);
  const lost = lostEntries(before, after, room);
  if (lost) return lost;

  const foreign = added.find((change) => change.by !== writerId);
  if (foreign) return `a new entry of the event's history must be your own: by "${writerId}"`;
  if (added.some((change) => Date.parse(change.at) > latestAt)) {
    return "a new entry of the event's history lies in the future; check the device clock";
  }
  return previous ? unrecordedChange(previous, next, added) : undefined;
}

/**
 * Why stored entries are missing from the new list or out of their order, if they are. Up to
 * `room` of the oldest after the first may be gone, as trimming a full list drops them.
 */
function lostEntries(before: readonly EventChange[], after: readonly EventChange[], room: number) {
  const position = new Map(after.map((change, index) => [entryKey(change), index]));
  let last = -1;
  let dropped = 0;
  for (const [index, change] of before.entries()) {
    const at = position.get(entryKey(change));
    if (at === undefined) {
      // Trimming drops the oldest after the first, and only from a full list.
      const trimmed =
        index > 0 && index === dropped + 1 && dropped < room && after.length === MAX_EVENT_CHANGES;
      if (!trimmed) return "the event's history keeps every earlier entry, unchanged";
      dropped++;
      continue;
    }
    if (at < last) return "the event's history keeps its earlier entries in their order";
    last = at;
  }
  return undefined;
}

/** A change of when, status or leader that no added entry records, if there is one. */
function unrecordedChange(
  previous: EventDoc,
  next: EventDoc,
  added: readonly EventChange[],
): string | undefined {
  const recorded = (action: LifeAction) => added.some((change) => change.action === action);
  const status = next.body.status;
  if (status !== previous.body.status && !recorded(STATUS_ACTIONS[status])) {
    return `a change of status to "${status}" needs a "${STATUS_ACTIONS[status]}" entry in changes`;
  }
  const moved = next.date !== previous.date || next.body.start !== previous.body.start;
  const move = added.find((change) => change.action === 'moved' && change.toDate === next.date);
  if (moved && !move) return 'a change of date or start needs a "moved" entry to that date';
  const handedOver = next.body.substitute?.personId !== previous.body.substitute?.personId;
  if (handedOver && !recorded('substituted')) {
    return 'a change of substitute needs a "substituted" entry in changes';
  }
  return undefined;
}

/** What a substitute's write keeps as it was: the whole envelope but its version and author. */
const LEADER_KEEPS = CLEAR_ENVELOPE_FIELDS.filter(
  (field) => !['_rev', '_deleted', 'updatedAt', 'updatedBy'].includes(field),
);
/** Of the body, they change only the status and add to the history. */
const LEADER_WRITES_BODY = new Set(['status', 'changes']);

/**
 * What is wrong with a substitute's write of the event they lead (src/domain/access.ts,
 * `writesAsLeader`), or undefined. They conducted it, so they may mark it held, from its day on
 * (`latestDay`: the latest school date anywhere now), with one "held" entry of theirs made after
 * the event was handed to them ({@link checkHistory} checks the rest of the entry); the plan stays
 * the class teacher's, so nothing else changes, and they neither create nor delete an event.
 */
export function checkLeaderChange(
  previous: EventDoc | undefined,
  next: EventDoc,
  latestDay: string,
): string | undefined {
  const refusal = 'a substitute may mark the event they lead held, and change nothing else';
  if (!previous || next._deleted) return refusal;
  if (previous.body.status !== 'planned' || next.body.status !== 'held') return refusal;
  if ((next.date ?? '') > latestDay) return 'an event is marked held from its day on';
  const [held, ...more] = addedEntries(previous.body.changes ?? [], next.body.changes ?? []);
  if (held?.action !== 'held' || more.length > 0) return refusal;
  const handedOver = (previous.body.changes ?? [])
    .filter((change) => change.action === 'substituted')
    .at(-1);
  if (handedOver && held.at < handedOver.at) {
    return 'the event is marked held after it was handed over, not before';
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const bodyKeys = new Set([...Object.keys(previous.body), ...Object.keys(next.body)]);
  const kept =
    LEADER_KEEPS.every((key) => same(previous[key], next[key])) &&
    [...bodyKeys].every(
      (key) =>
        LEADER_WRITES_BODY.has(key) ||
        same(
          (previous.body as Record<string, unknown>)[key],
          (next.body as Record<string, unknown>)[key],
        ),
    );
  return kept ? undefined : refusal;
}
