/**
 * The event's life: planned, then held or cancelled; moved to another date and handed over to a
 * substitute on the way; a cancelled (or wrongly held) event put back into the plan. Every change
 * is appended to the event's `changes` with who, when and why, and earlier entries are never
 * rewritten: that list is what the teacher, the administration and the families read.
 *
 * Pure: the caller says who makes the change and when; the result is a new document to save.
 */
import type { HomeroomDoc } from './envelope';
import { ofType, type DocOf, type Docs } from './queries';
import { MAX_EVENT_CHANGES, type EventChange } from './schemas';
import { isIsoDate } from './schoolDate';

export type EventDoc = DocOf<'event'>;
export type EventBody = EventDoc['body'];

/** Who makes a change, and when (an ISO instant). */
export interface Actor {
  personId: string;
  name?: string | undefined;
  at: string;
}

/**
 * The fields of an event a teacher edits by hand; when it happens is changed by a move. A field
 * left out stays as it is; one given empty is removed.
 */
export interface EventFields {
  title: string;
  kind?: string | undefined;
  place?: string | undefined;
  end?: string | undefined;
  participants?: string | undefined;
  responsible?: string | undefined;
}

export interface Substitute {
  personId: string;
  name: string;
}

/** A change the teacher or the administration asks for. */
export type LifeRequest =
  | { action: 'held' }
  | { action: 'cancelled'; reason: string }
  | { action: 'moved'; reason: string; toDate: string; toStart?: string | undefined }
  /** `substitute: null` gives the event back to the class teacher. */
  | { action: 'substituted'; reason: string; substitute: Substitute | null }
  | { action: 'restored'; reason?: string | undefined }
  | { action: 'edited'; fields: EventFields };

export type LifeAction = LifeRequest['action'];

/** Why a change cannot be made: machine codes, translated by the UI (`eventLife.error.<code>`). */
export type LifeError =
  | 'reason_required'
  | 'bad_date'
  | 'bad_time'
  | 'same_when'
  | 'is_cancelled'
  | 'is_held'
  | 'not_restorable'
  | 'same_substitute'
  | 'no_substitute'
  | 'title_required'
  | 'nothing_changed';

export type LifeResult = { ok: true; event: EventDoc } | { ok: false; error: LifeError };

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Text that is only spaces counts as none. */
function given(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** What stops a change in the event's present state, before its own fields are looked at. */
function stateError(event: EventDoc, action: LifeAction): LifeError | undefined {
  const status = event.body.status;
  if (action === 'edited') return undefined;
  if (action === 'restored') return status === 'planned' ? 'not_restorable' : undefined;
  if (status === 'cancelled') return 'is_cancelled';
  if (status === 'held') return 'is_held';
  return undefined;
}

/** What is wrong with a request, or undefined when it can be applied to this event. */
export function checkChange(event: EventDoc, request: LifeRequest): LifeError | undefined {
  const blocked = stateError(event, request.action);
  if (blocked) return blocked;
  switch (request.action) {
    case 'cancelled':
      return given(request.reason) ? undefined : 'reason_required';
    case 'moved':
      return checkMove(event, request);
    case 'substituted':
      return checkSubstitute(event, request);
    case 'edited':
      return checkEdit(event, request.fields);
    default:
      return undefined;
  }
}

function checkMove(
  event: EventDoc,
  request: Extract<LifeRequest, { action: 'moved' }>,
): LifeError | undefined {
  if (!isIsoDate(request.toDate)) return 'bad_date';
  const toStart = given(request.toStart);
  if (toStart !== undefined && !CLOCK.test(toStart)) return 'bad_time';
  if (request.toDate === event.date && toStart === event.body.start) return 'same_when';
  return given(request.reason) ? undefined : 'reason_required';
}

function checkSubstitute(
  event: EventDoc,
  request: Extract<LifeRequest, { action: 'substituted' }>,
): LifeError | undefined {
  const current = event.body.substitute?.personId;
  if (request.substitute === null && current === undefined) return 'no_substitute';
  if (request.substitute !== null && request.substitute.personId === current) {
    return 'same_substitute';
  }
  return given(request.reason) ? undefined : 'reason_required';
}

const EDITED_FIELDS = ['title', 'kind', 'place', 'end', 'participants', 'responsible'] as const;

function checkEdit(event: EventDoc, fields: EventFields): LifeError | undefined {
  if (!given(fields.title)) return 'title_required';
  const end = given(fields.end);
  if (end !== undefined && !CLOCK.test(end)) return 'bad_time';
  const changed = editedFields(fields).some((field) => given(fields[field]) !== event.body[field]);
  return changed ? undefined : 'nothing_changed';
}

/**
 * Applies a change: the new document (envelope and body) with the change appended to its history,
 * or why it cannot be made.
 */
export function applyChange(event: EventDoc, request: LifeRequest, actor: Actor): LifeResult {
  const error = checkChange(event, request);
  if (error) return { ok: false, error };

  const entry = changeEntry(event, request, actor);
  const changed = changedEvent(event, request);
  const body = { ...changed.body, changes: appendChange(event.body.changes ?? [], entry) };
  return { ok: true, event: { ...changed, body } };
}

function changeEntry(event: EventDoc, request: LifeRequest, actor: Actor): EventChange {
  const base: EventChange = {
    action: request.action,
    at: actor.at,
    by: actor.personId,
    ...(given(actor.name) ? { byName: given(actor.name) } : {}),
  };
  switch (request.action) {
    case 'cancelled':
    case 'restored':
      return withText(base, 'reason', request.reason);
    case 'moved':
      return {
        ...withText(base, 'reason', request.reason),
        ...(event.date ? { fromDate: event.date } : {}),
        toDate: request.toDate,
        ...(event.body.start ? { fromStart: event.body.start } : {}),
        ...(given(request.toStart) ? { toStart: given(request.toStart) } : {}),
      };
    case 'substituted':
      return {
        ...withText(base, 'reason', request.reason),
        ...(request.substitute
          ? { toPersonId: request.substitute.personId, toName: request.substitute.name }
          : {}),
      };
    default:
      return base;
  }
}

function withText(change: EventChange, key: 'reason', text: string | undefined): EventChange {
  const value = given(text);
  return value ? { ...change, [key]: value } : change;
}

/** The event as the change leaves it, before the change is recorded. */
function changedEvent(event: EventDoc, request: LifeRequest): EventDoc {
  const body = event.body;
  switch (request.action) {
    case 'held':
      return { ...event, body: { ...body, status: 'held' } };
    case 'cancelled':
      return { ...event, body: { ...body, status: 'cancelled' } };
    case 'restored':
      return { ...event, body: { ...body, status: 'planned' } };
    case 'moved': {
      const { start: _start, ...rest } = body;
      const toStart = given(request.toStart);
      return { ...event, date: request.toDate, body: toStart ? { ...rest, start: toStart } : rest };
    }
    case 'substituted':
      return substituted(event, request.substitute);
    case 'edited':
      return { ...event, body: editedBody(body, request.fields) };
  }
}

/**
 * The substitute becomes the event's leader (`personId`), which is what lets them read its
 * class's roster and take the roll; given back, the event has no leader but its class teacher.
 */
function substituted(event: EventDoc, substitute: Substitute | null): EventDoc {
  const { substitute: _old, ...body } = event.body;
  const { personId: _leader, ...envelope } = event;
  if (!substitute) return { ...envelope, body };
  return { ...envelope, personId: substitute.personId, body: { ...body, substitute } };
}

function editedFields(fields: EventFields) {
  return EDITED_FIELDS.filter((field) => field in fields);
}

function editedBody(body: EventBody, fields: EventFields): EventBody {
  const touched: readonly string[] = editedFields(fields);
  const kept = Object.entries(body).filter(([key]) => !touched.includes(key));
  const edited = editedFields(fields).flatMap((field) => {
    const value = given(fields[field]);
    return value === undefined ? [] : [[field, value] as const];
  });
  return Object.fromEntries([...kept, ...edited]) as EventBody;
}

/**
 * Appends to the history. It keeps at most MAX_EVENT_CHANGES entries: past that, the oldest
 * after the first («создано») are dropped, so how it began and how it went lately both stay.
 */
export function appendChange(changes: readonly EventChange[], change: EventChange): EventChange[] {
  return trimChanges([...changes, change]);
}

function trimChanges(changes: EventChange[]): EventChange[] {
  const [first] = changes;
  if (changes.length <= MAX_EVENT_CHANGES || !first) return changes;
  return [first, ...changes.slice(changes.length - MAX_EVENT_CHANGES + 1)];
}

/** The first entry of a new event's history. */
export function createdChange(actor: Actor): EventChange {
  return {
    action: 'created',
    at: actor.at,
    by: actor.personId,
    ...(given(actor.name) ? { byName: given(actor.name) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The present state, as screens show it

/** What a family and the teacher are shown about an event beyond its title and date. */
export interface EventState {
  status: EventBody['status'];
  /** The cancellation in force, with its reason. */
  cancelled?: EventChange | undefined;
  /** The latest move, when the event is not where it was planned: from and to, and why. */
  moved?: EventChange | undefined;
  substitute?: Substitute | undefined;
  /** A cancelled event put back into the plan: families who were told it was off are told it is on. */
  restored?: EventChange | undefined;
}

function last(event: EventDoc, action: LifeAction): EventChange | undefined {
  return [...(event.body.changes ?? [])].reverse().find((change) => change.action === action);
}

export function eventState(event: EventDoc): EventState {
  const status = event.body.status;
  const moved = last(event, 'moved');
  const planned = plannedWhen(event);
  const away = planned.date !== event.date || planned.start !== event.body.start;
  return {
    status,
    ...(status === 'cancelled' ? { cancelled: last(event, 'cancelled') } : {}),
    ...(moved && away ? { moved } : {}),
    ...(event.body.substitute ? { substitute: event.body.substitute } : {}),
    ...(status === 'planned' ? restoredFromCancelled(event) : {}),
  };
}

/** The restoring change when the latest cancellation of a planned event was taken back. */
function restoredFromCancelled(event: EventDoc): { restored?: EventChange } {
  const changes = event.body.changes ?? [];
  const cancelledAt = changes.map((change) => change.action).lastIndexOf('cancelled');
  const restored = changes.slice(cancelledAt + 1).find((change) => change.action === 'restored');
  return cancelledAt >= 0 && restored ? { restored } : {};
}

/** When the event was first planned: the date and time before its first move. */
export function plannedWhen(event: EventDoc): { date: string; start?: string | undefined } {
  const first = (event.body.changes ?? []).find((change) => change.action === 'moved');
  if (!first) return { date: event.date ?? '', start: event.body.start };
  return { date: first.fromDate ?? event.date ?? '', start: first.fromStart };
}

/**
 * The changes a person may ask for now. Held is offered from the event's day on; edits in any
 * state; restore for a cancelled or held event.
 */
export function offeredActions(event: EventDoc, today: string): LifeAction[] {
  switch (event.body.status) {
    case 'cancelled':
      return ['restored', 'edited'];
    case 'held':
      return ['restored', 'edited'];
    case 'planned':
      return [
        ...((event.date ?? '') <= today ? (['held'] as const) : []),
        'moved',
        'cancelled',
        'substituted',
        'edited',
      ];
  }
}

/**
 * What the event's leader may do who may not change it (a substitute): mark it held from its day
 * on, as the server allows them (src/domain/eventHistory.ts, `checkLeaderChange`).
 */
export function leaderActions(event: EventDoc, viewer: Viewer, today: string): LifeAction[] {
  const leads = event.personId === viewer.personId && !canChangeEvent(event, viewer);
  return leads && event.body.status === 'planned' && (event.date ?? '') <= today ? ['held'] : [];
}

/** True for a parent meeting: its kind or its title says so, or it already has minutes. */
export function isParentMeeting(event: EventDoc): boolean {
  const words = `${event.body.kind ?? ''} ${event.body.title}`;
  return Boolean(event.body.minutes) || /родительское собрание/i.test(words);
}

// ---------------------------------------------------------------------------------------------
// Who may change it, and whose roll it is

export interface Viewer {
  personId: string;
  /** The classes this person leads as class teacher. */
  ownClassIds: readonly string[];
  admin: boolean;
}

/** True for an event of several classes or of the whole school. */
export function isSharedEvent(event: Pick<HomeroomDoc, 'classIds'>): boolean {
  return event.classIds.length !== 1;
}

/**
 * Who may change an event, as the server decides it (src/domain/access.ts): the administration
 * any event; a class teacher only an event of their own classes, never one of the whole school or
 * shared with another class. A substitute takes the roll and marks the event held
 * ({@link leaderActions}), and changes nothing else.
 */
export function canChangeEvent(event: Pick<HomeroomDoc, 'classIds'>, viewer: Viewer): boolean {
  if (viewer.admin) return true;
  return (
    event.classIds.length > 0 &&
    event.classIds.every((classId) => viewer.ownClassIds.includes(classId))
  );
}

/**
 * The classes whose pupils a roll call lists. A class teacher takes the roll of their own class
 * only, also at an event of several classes or of the whole school; the event's leader (a
 * substitute) and the administration see every class of it, all of the school's for a
 * school-wide event.
 */
export function rollCallClassIds(
  event: Pick<HomeroomDoc, 'classIds' | 'personId'>,
  viewer: Viewer,
  schoolClassIds: readonly string[],
): string[] {
  const all = event.classIds.length > 0 ? event.classIds : schoolClassIds;
  const leads = event.personId === viewer.personId || viewer.ownClassIds.length === 0;
  if (leads) return [...all];
  return all.filter((classId) => viewer.ownClassIds.includes(classId));
}

// ---------------------------------------------------------------------------------------------
// Lists

function byWhen(a: EventDoc, b: EventDoc): number {
  return (
    (a.date ?? '').localeCompare(b.date ?? '') ||
    (a.body.start ?? '').localeCompare(b.body.start ?? '')
  );
}

/** Events a class takes part in: its own, those shared with other classes, the school's. */
export function eventsForClass(docs: Docs, classId: string): EventDoc[] {
  return ofType(docs, 'event')
    .filter((event) => event.classIds.length === 0 || event.classIds.includes(classId))
    .sort(byWhen);
}

/** Events this person leads outside the classes they lead themselves: their substitutions. */
export function eventsLedBy(
  docs: Docs,
  personId: string,
  ownClassIds: readonly string[],
): EventDoc[] {
  return ofType(docs, 'event')
    .filter(
      (event) =>
        event.personId === personId &&
        !event.classIds.some((classId) => ownClassIds.includes(classId)),
    )
    .sort(byWhen);
}

/** Events of several classes or of the whole school, for the administration. */
export function sharedEvents(docs: Docs): EventDoc[] {
  return ofType(docs, 'event').filter(isSharedEvent).sort(byWhen);
}

/**
 * What a family of a class is shown: events from today on, every moved, cancelled or restored
 * one among them and the next `unchanged` others, by date. A moved event counts from the later of its dates,
 * so a move into the past still tells the family.
 */
export function familyEvents(
  docs: Docs,
  classId: string,
  today: string,
  unchanged = 5,
): EventDoc[] {
  const upcoming = eventsForClass(docs, classId).filter(
    (event) => (event.date ?? '') >= today || plannedWhen(event).date >= today,
  );
  const changed = (event: EventDoc) => {
    const state = eventState(event);
    return (
      state.cancelled !== undefined || state.moved !== undefined || state.restored !== undefined
    );
  };
  const plain = upcoming.filter((event) => !changed(event)).slice(0, unchanged);
  return upcoming.filter((event) => changed(event) || plain.includes(event));
}

/**
 * Merges two versions of an event that met in sync: the local edit wins field by field, as for
 * any document, but the histories are joined, so no one's change is lost from it.
 */
export function mergeEventBodies(local: EventBody, server: EventBody): EventBody {
  const seen = new Set<string>();
  const changes = [...(server.changes ?? []), ...(local.changes ?? [])]
    .filter((change) => {
      const key = `${change.at}|${change.by}|${change.action}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  return changes.length === 0 ? local : { ...local, changes: trimChanges(changes) };
}
