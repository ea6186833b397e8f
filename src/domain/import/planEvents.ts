/**
 * The year's plan imported into a class's calendar. A row is one class's event, and its identity
 * is its class, date, start time and title: the event made from a row gets an id derived from
 * them (a name-based UUID), so the same file imported twice, on one device or on two offline,
 * names the same events and duplicates none.
 *
 * What importing a row does when its event is already in the calendar:
 * - same content: nothing;
 * - the kind, place, end, participants or responsible differ: those fields take the file's values
 *   (an empty cell keeps what the event has), recorded as «edited» in the event's history; an
 *   event already held or cancelled keeps its record as it is;
 * - an event moved in the app is still found by where it was planned, and stays where it was moved;
 *   a row at the date and time it was moved to (a plan file updated with the move) is that event;
 * - a row whose date, start or title changed in the file is another event: it is added, and the
 *   old one stays. An import never deletes; the teacher cancels or moves the old one by hand.
 * Events made by hand or by the demo seed, with random ids, are found by the same identity.
 */
import type { HomeroomDoc } from '../envelope';
import {
  applyChange,
  createdChange,
  plannedWhen,
  type Actor,
  type EventDoc,
  type EventFields,
} from '../eventLife';
import { ofType, type Docs } from '../queries';
import { validateDoc } from '../schemas';
import { parseClassName } from './classNames';
import type { PlannedEvent } from './plan';
import { rowError, type Parsed, type RowError } from './rowError';

export interface PlanImportContext {
  schoolId: string;
  /** Classes whose rows may be imported: a class teacher's own; all for the administration. */
  ownClassIds: readonly string[];
  actor: Actor;
}

export type PlanRowAction = 'create' | 'update' | 'unchanged';

/** One row of the plan as it will be imported. */
export interface PlanPreviewRow {
  line: number;
  className: string;
  date: string;
  start?: string | undefined;
  title: string;
  action: PlanRowAction;
  /** The fields an update changes. */
  changed: PlanField[];
  /** The event already in the calendar, as it is now (moved, cancelled, held …). */
  existing?: EventDoc | undefined;
}

export interface PlanEventsImport {
  rows: PlanPreviewRow[];
  /** Rows that are not imported, by line: unreadable, another class, repeated. */
  refused: RowError[];
  /** The events to save: new ones and updated ones. */
  writes: EventDoc[];
}

const PLAN_FIELDS = ['kind', 'place', 'end', 'participants', 'responsible'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** Title in the form its identity compares: one space between words, lower case. */
function titleKey(title: string): string {
  return title.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('ru');
}

/** The identity of a planned event: its class, date, start time and title. */
export function planKey(
  classId: string,
  date: string,
  start: string | undefined,
  title: string,
): string {
  return [classId, date, start ?? '', titleKey(title)].join('\n');
}

const PLAN_NAMESPACE = 'homeroom/plan-event/v1';

/**
 * The event id of a planned event: SHA-256 of its identity laid out as a UUID of version 8, the
 * version RFC 9562 (section 5.8) leaves to an application's own name-based scheme.
 */
export async function planEventId(key: string): Promise<string> {
  const text = new TextEncoder().encode(`${PLAN_NAMESPACE}\n${key}`);
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', text)).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The school's classes by their canonical name (`10 «Б»`). */
function classesByName(docs: Docs): Map<string, string> {
  const byName = new Map<string, string>();
  for (const doc of ofType(docs, 'class')) {
    const name = parseClassName(doc.body.name)?.name;
    const classId = doc.classIds[0];
    if (name && classId) byName.set(name, classId);
  }
  return byName;
}

/**
 * The events of these classes by their plan identity: where they were planned, and, for an event
 * moved in the app, also where it is now, so a plan file that already shows the move names the
 * moved event and adds no second one beside it. Where they were planned wins a tie.
 */
function eventsByKey(docs: Docs, classIds: readonly string[]): Map<string, EventDoc> {
  const planned = new Map<string, EventDoc>();
  const movedTo = new Map<string, EventDoc>();
  for (const event of ofType(docs, 'event')) {
    const [classId] = event.classIds;
    if (event.classIds.length !== 1 || !classId || !classIds.includes(classId)) continue;
    const when = plannedWhen(event);
    const title = event.body.title;
    planned.set(planKey(classId, when.date, when.start, title), event);
    const now = planKey(classId, event.date ?? '', event.body.start, title);
    if (now !== planKey(classId, when.date, when.start, title)) movedTo.set(now, event);
  }
  return new Map([...movedTo, ...planned]);
}

/** What importing these rows would write; nothing is written here. */
export async function planEventsImport(
  docs: Docs,
  parsed: Parsed<PlannedEvent>,
  ctx: PlanImportContext,
): Promise<PlanEventsImport> {
  const classes = classesByName(docs);
  const known = eventsByKey(docs, ctx.ownClassIds);
  const firstLine = new Map<string, number>();
  const refused: RowError[] = [...parsed.errors];
  const rows: PlanPreviewRow[] = [];
  const writes: EventDoc[] = [];

  for (const row of parsed.rows) {
    const classId = classes.get(row.className);
    if (!classId) {
      refused.push(rowError(row.line, 'unknown_class', row.className));
      continue;
    }
    if (!ctx.ownClassIds.includes(classId)) {
      refused.push(rowError(row.line, 'not_your_class', row.className));
      continue;
    }
    const key = planKey(classId, row.date, row.start, row.title);
    const repeated = firstLine.get(key);
    if (repeated !== undefined) {
      refused.push(rowError(row.line, 'duplicate', String(repeated)));
      continue;
    }
    firstLine.set(key, row.line);

    const eventId = await planEventId(key);
    const existing = known.get(key) ?? (docs.get(`event:${eventId}`) as EventDoc | undefined);
    const planned = planRow(row, classId, eventId, existing, ctx);
    rows.push(planned.preview);
    if (planned.write) writes.push(planned.write);
  }
  refused.sort((a, b) => a.line - b.line);
  return { rows, refused, writes };
}

function planRow(
  row: PlannedEvent,
  classId: string,
  eventId: string,
  existing: EventDoc | undefined,
  ctx: PlanImportContext,
): { preview: PlanPreviewRow; write?: EventDoc } {
  const preview = {
    line: row.line,
    className: row.className,
    date: row.date,
    start: row.start,
    title: row.title,
  };
  if (!existing || existing._deleted) {
    const write = newEvent(row, classId, eventId, ctx);
    return { preview: { ...preview, action: 'create', changed: [] }, write };
  }

  const changed = PLAN_FIELDS.filter((field) => row[field] && row[field] !== existing.body[field]);
  if (changed.length === 0 || existing.body.status !== 'planned') {
    return { preview: { ...preview, action: 'unchanged', changed: [], existing } };
  }
  const fields: EventFields = { title: existing.body.title };
  for (const field of PLAN_FIELDS) fields[field] = row[field] ?? existing.body[field];
  const result = applyChange(existing, { action: 'edited', fields }, ctx.actor);
  if (!result.ok) throw new Error(`The plan import built an edit that fails: ${result.error}`);
  return { preview: { ...preview, action: 'update', changed, existing }, write: result.event };
}

function newEvent(
  row: PlannedEvent,
  classId: string,
  eventId: string,
  ctx: PlanImportContext,
): EventDoc {
  const optional = Object.fromEntries(
    (['start', ...PLAN_FIELDS] as const).flatMap((field) =>
      row[field] ? [[field, row[field]]] : [],
    ),
  );
  const doc: HomeroomDoc = {
    _id: `event:${eventId}`,
    type: 'event',
    schoolId: ctx.schoolId,
    classIds: [classId],
    eventId,
    audience: 'class-families',
    date: row.date,
    updatedAt: ctx.actor.at,
    updatedBy: ctx.actor.personId,
    body: {
      title: row.title,
      ...optional,
      status: 'planned',
      changes: [createdChange(ctx.actor)],
    },
  };
  const check = validateDoc(doc);
  if (!check.ok) throw new Error(`The plan import built an invalid event: ${check.reason}`);
  return check.doc as EventDoc;
}
