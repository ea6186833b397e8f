/**
 * The write side: `_bulk_docs`, `PUT` and `DELETE` of a document. Every document is validated
 * against its schema, and both the new version and the one it replaces must lie inside the writer's
 * scope. Server-derived fields are set here, never taken from the client.
 */
import type { FastifyInstance } from 'fastify';
import { canReplace, canWrite, writesAsLeader } from '../../../src/domain/access';
import { CLEAR_ENVELOPE_FIELDS, type HomeroomDoc } from '../../../src/domain/envelope';
import type { ErrorCode } from '../../../src/domain/errors';
import { sameMark, type AttendanceBody } from '../../../src/domain/attendance';
import { checkHistory, checkLeaderChange } from '../../../src/domain/eventHistory';
import { addDays } from '../../../src/domain/schoolDate';
import type { EventDoc } from '../../../src/domain/eventLife';
import { checkMarkDate, checkNotice, checkReceipt } from '../../../src/domain/references';
import { validateDoc } from '../../../src/domain/schemas';
import { compareRevs, type CurrentVersions, type StoredDoc } from '../storage/schoolStore';
import type { Contexts, DbContext } from './context';
import { HttpError } from './httpError';
import { readable } from './readRoutes';

/** More than this in one request is refused whole, so one device cannot stall the server. */
export const MAX_DOCS_PER_REQUEST = 1000;

export type WriteResult =
  { id: string; rev: string; ok: true } | { id: string; error: ErrorCode; reason: string };

export function registerWriteRoutes(app: FastifyInstance, contexts: Contexts): void {
  app.post<{ Params: { db: string }; Body: unknown }>(
    '/couch/:db/_bulk_docs',
    async (request, reply) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const body = request.body as { docs?: unknown; new_edits?: unknown } | null;
      if (!body || !Array.isArray(body.docs)) {
        throw new HttpError('bad_request', 'Send {"docs": [...]}.');
      }
      const newEdits = body.new_edits !== false;
      const results = await writeDocs(ctx, body.docs, newEdits);
      return reply.code(201).send(newEdits ? results : results.filter((r) => 'error' in r));
    },
  );

  const writeOne = async (ctx: DbContext, doc: unknown) => {
    const [result] = await writeDocs(ctx, [doc], true);
    if (!result) throw new HttpError('internal', 'No result for the write.');
    if ('error' in result) throw new HttpError(result.error, result.reason);
    return result;
  };

  app.put<{ Params: { db: string; docid: string }; Querystring: { rev?: string }; Body: unknown }>(
    '/couch/:db/:docid',
    async (request, reply) => {
      const ctx = await contexts.forDb(request, request.params.db);
      const body = request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new HttpError('bad_request', 'The document must be a JSON object.');
      }
      const doc: Record<string, unknown> = { ...body, _id: request.params.docid };
      if (request.query.rev) doc._rev = request.query.rev;
      return reply.code(201).send(await writeOne(ctx, doc));
    },
  );

  app.delete<{ Params: { db: string; docid: string }; Querystring: { rev?: string } }>(
    '/couch/:db/:docid',
    async (request) => {
      const ctx = await contexts.forDb(request, request.params.db);
      if (!request.query.rev) throw new HttpError('conflict', 'Give the revision to delete: ?rev=');
      const doc = { _id: request.params.docid, _rev: request.query.rev, _deleted: true };
      return writeOne(ctx, doc);
    },
  );
}

/** Validates, authorises and stores documents; one result per input, in order. */
export async function writeDocs(
  ctx: DbContext,
  input: unknown[],
  newEdits: boolean,
): Promise<WriteResult[]> {
  if (input.length > MAX_DOCS_PER_REQUEST) {
    throw new HttpError(
      'too_large',
      `At most ${MAX_DOCS_PER_REQUEST} documents per request; split the batch.`,
    );
  }
  // What needs no stored version is checked before the store's write turn, so it runs beside
  // other requests' writes; the rest is checked in the turn, against the versions replaced.
  const seen = new Set<unknown>();
  const early = input.map((doc): EarlyChecked | Refusal => {
    const id = idOf(doc);
    // With new_edits=false one document may come as several leaves of its revision tree.
    if (newEdits && typeof id === 'string' && seen.has(id)) {
      return { id, error: 'conflict', reason: 'The same document twice in one batch.' };
    }
    seen.add(id);
    return checkEarly(ctx, doc);
  });
  let checked: Checked[] = [];
  const stored = await ctx.store.write({
    ids: early.flatMap((item) => ('raw' in item ? [item.id] : [])),
    refs: eventsNamed(early),
    newEdits,
    prepare: (current) => {
      checked = checkInTurn(ctx, early, newEdits, current);
      return checked.filter((item): item is HomeroomDoc => !('error' in item));
    },
  });

  // The store answers in the order of the documents it was given.
  let next = 0;
  const results = checked.map((item): WriteResult => {
    if ('error' in item) return item;
    const result = stored[next++];
    if (result && 'error' in result) {
      return result.status === 409 || result.name === 'conflict'
        ? { id: item._id, error: 'conflict', reason: 'Document update conflict.' }
        : { id: item._id, error: 'internal', reason: 'The document was not stored.' };
    }
    // With new_edits=false the revision is the one sent, and PouchDB may answer nothing for it.
    const rev = result?.rev ?? item._rev;
    if (!rev) return { id: item._id, error: 'internal', reason: 'The document was not stored.' };
    return { id: item._id, rev, ok: true };
  });
  const written = new Set(results.flatMap((result) => ('ok' in result ? [result.id] : [])));
  ctx.audit(
    'write',
    checked.filter((item): item is HomeroomDoc => !('error' in item) && written.has(item._id)),
  );
  return results;
}

/**
 * The checks against the stored versions, events first: a mark may name an event written in the
 * same batch (a roll call at an event made on the spot) only once that event has passed its own
 * checks, so a refused event never vouches for a mark's class or date.
 */
function checkInTurn(
  ctx: DbContext,
  early: readonly (EarlyChecked | Refusal)[],
  newEdits: boolean,
  current: CurrentVersions,
): Checked[] {
  const events = new BatchEvents(newEdits);
  const check = (item: EarlyChecked) => checkAgainstCurrent(ctx, item, newEdits, events, current);
  const eventResults = new Map<EarlyChecked, Checked>();
  for (const item of early) {
    if (!('raw' in item)) continue;
    // A bare deletion has no type of its own yet: its id says it is an event.
    const isEvent = item.doc ? item.doc.type === 'event' : item.id.startsWith('event:');
    if (!isEvent) continue;
    const result = check(item);
    eventResults.set(item, result);
    if (!('error' in result)) events.add(result, current.get(result._id));
  }
  return early.map((item) => ('raw' in item ? (eventResults.get(item) ?? check(item)) : item));
}

type Refusal = { id: string; error: ErrorCode; reason: string };
type Checked = HomeroomDoc | Refusal;

/**
 * A document that passed the checks needing no stored version. `doc` is its validated form, absent
 * for a bare deletion, whose envelope comes from the version it deletes.
 */
interface EarlyChecked {
  id: string;
  raw: Record<string, unknown>;
  doc?: HomeroomDoc;
}

function checkEarly(ctx: DbContext, input: unknown): EarlyChecked | Refusal {
  const raw = input as Record<string, unknown> | null;
  const id = typeof raw?._id === 'string' ? raw._id : '';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !id) {
    return refuse(id, 'invalid_doc', 'Every document must be an object with an _id.');
  }
  if (id.startsWith('_')) {
    return refuse(
      id,
      'forbidden',
      'Design and local documents are not written through _bulk_docs.',
    );
  }
  if (isBareDeletion(raw)) return { id, raw };

  const validation = validateDoc(raw);
  if (!validation.ok) return refuse(id, 'invalid_doc', validation.reason);
  // Role and scope first: someone who may not write here learns nothing about the records.
  const allowedNew = canWrite(ctx.scope, validation.doc);
  if (!allowedNew.ok) return refuse(id, 'forbidden', allowedNew.reason);
  return { id, raw, doc: validation.doc };
}

function checkAgainstCurrent(
  ctx: DbContext,
  item: EarlyChecked,
  newEdits: boolean,
  batchEvents: BatchEvents,
  versions: CurrentVersions,
): Checked {
  const current = versions.get(item.id);
  let doc = item.doc;
  if (!doc) {
    const validation = validateDoc(tombstoneOf(item.raw, current));
    if (!validation.ok) return refuse(item.id, 'invalid_doc', validation.reason);
    const allowedNew = canWrite(ctx.scope, validation.doc);
    if (!allowedNew.ok) return refuse(item.id, 'forbidden', allowedNew.reason);
    doc = validation.doc;
  }

  if (current && !current._deleted) {
    const allowedOld = readable(ctx, current) ? canWrite(ctx.scope, current) : undefined;
    if (!allowedOld?.ok) return refuse(item.id, 'forbidden', 'You may not change this document.');
    const replacing = canReplace(ctx.scope, current, (pupilId) =>
      ctx.store.grants.guardiansOf(pupilId),
    );
    if (!replacing.ok) return refuse(item.id, 'forbidden', replacing.reason);
  }
  const leader = checkLeader(ctx, doc, current);
  if (leader) return refuse(item.id, 'forbidden', leader);
  const history = checkEventHistory(ctx, doc, current);
  if (history) return refuse(item.id, 'invalid_doc', history);
  const reference = checkReferences(ctx, doc, batchEvents, versions);
  if (reference) return refuse(item.id, 'invalid_doc', reference);
  const clock = checkClock(doc);
  if (clock) return refuse(item.id, 'invalid_doc', clock);

  if (!newEdits) {
    if (!doc._rev)
      return refuse(item.id, 'invalid_doc', 'With new_edits=false every document needs its _rev.');
    if (doc.updatedBy !== ctx.scope.personId) {
      return refuse(item.id, 'forbidden', 'updatedBy must be your own person id.');
    }
    // The revision is the client's, so the body is stored as sent: a changed mark must already
    // name its writer, as the server would have stamped it.
    const recordedBy = (body: unknown) => (body as Partial<AttendanceBody>).recordedBy;
    if (
      doc.type === 'attendance' &&
      !doc._deleted &&
      recordedBy(authoredBody(ctx, doc, current)) !== recordedBy(doc.body)
    ) {
      return refuse(
        item.id,
        'forbidden',
        'recordedBy of a changed mark must be your own person id.',
      );
    }
    return doc._deleted ? { ...doc, body: {} } : doc;
  }
  // A deletion keeps its envelope for routing and nothing of its body.
  if (doc._deleted) return { ...doc, body: {}, updatedBy: ctx.scope.personId };
  return { ...doc, body: authoredBody(ctx, doc, current), updatedBy: ctx.scope.personId };
}

function refuse(id: string, error: ErrorCode, reason: string): Refusal {
  return { id, error, reason };
}

function idOf(doc: unknown): unknown {
  return (doc as { _id?: unknown } | null)?._id;
}

/** `_id`, `_rev` and `_deleted` alone, as CouchDB clients delete: the envelope is the server's. */
function isBareDeletion(raw: Record<string, unknown>): boolean {
  return raw._deleted === true && raw.type === undefined;
}

/**
 * The documents the batch names, whose stored versions the reference check reads: the events of
 * marks and of absence notices, the notes of read receipts.
 */
function eventsNamed(early: readonly (EarlyChecked | Refusal)[]): string[] {
  const ids = new Set<string>();
  for (const item of early) {
    const doc = 'doc' in item ? item.doc : undefined;
    const named = doc && !doc._deleted ? namedBy(doc) : undefined;
    if (named) ids.add(named);
  }
  return [...ids];
}

/** The event a mark is at or an absence notice is for, or the note a receipt acknowledges. */
function namedBy(doc: HomeroomDoc): string | undefined {
  if (doc.type === 'attendance' && doc.eventId !== undefined) return `event:${doc.eventId}`;
  const body = doc.body as { eventId?: string; noteId?: string };
  if (doc.type === 'absence' && body.eventId !== undefined) return `event:${body.eventId}`;
  return doc.type === 'receipt' ? body.noteId : undefined;
}

/**
 * The events of a batch that passed every check and will be the stored winner, as the batch's
 * marks see them: an event created on the spot arrives in the same batch as its roll call, an
 * event moved offline with the roll call at its new date, and a roll call names one event thirty
 * times; the others are read in the write turn. An event version that will not win (a conflict,
 * a revision already stored, a lower leaf) vouches for no mark: its marks are checked against the
 * stored event.
 */
class BatchEvents {
  /** An event the batch deletes is kept as null: no mark may name it. */
  private readonly events = new Map<string, HomeroomDoc | null>();

  constructor(private readonly newEdits: boolean) {}

  add(event: HomeroomDoc, current: StoredDoc | undefined): void {
    const earlier = this.events.get(event._id);
    if (
      !this.wins(event, current) ||
      (earlier && compareRevs(event._rev ?? '', earlier._rev ?? '') <= 0)
    ) {
      return;
    }
    this.events.set(event._id, event._deleted ? null : event);
  }

  /**
   * With new edits, a version based on the stored winner (or a new document) replaces it; without,
   * a leaf wins when it sorts above the stored winner, as CouchDB picks winners.
   */
  private wins(event: HomeroomDoc, current: StoredDoc | undefined): boolean {
    if (!current) return true;
    if (this.newEdits) return current._deleted === true || event._rev === current._rev;
    return event._rev !== undefined && compareRevs(event._rev, current._rev) > 0;
  }

  get(id: string, versions: CurrentVersions): HomeroomDoc | undefined {
    const inBatch = this.events.get(id);
    if (inBatch === null) return undefined;
    return inBatch ?? versions.get(id);
  }
}

/** The stored event a write replaces, unless there is none or it is deleted. */
function liveEvent(current: StoredDoc | undefined): EventDoc | undefined {
  return current && !current._deleted ? (current as EventDoc) : undefined;
}

/** A substitute only marks the event they lead held (src/domain/eventHistory.ts). */
function checkLeader(ctx: DbContext, doc: HomeroomDoc, current: StoredDoc | undefined) {
  if (!writesAsLeader(ctx.scope, doc)) return undefined;
  // The school's date is at most a day ahead of UTC's (UTC+14 at the most).
  const latestDay = addDays(new Date().toISOString().slice(0, 10), 1);
  return checkLeaderChange(liveEvent(current), doc as EventDoc, latestDay);
}

/** An event's history only grows, by the writer's own entries (src/domain/eventHistory.ts). */
function checkEventHistory(ctx: DbContext, doc: HomeroomDoc, current: StoredDoc | undefined) {
  if (doc.type !== 'event' || doc._deleted) return undefined;
  return checkHistory(liveEvent(current), doc as EventDoc, ctx.scope.personId, latestAllowed());
}

/** Times a device may be ahead of the server: clocks drift, but not by a month. */
const MAX_CLOCK_SKEW_MS = 30 * 24 * 3600 * 1000;

/** The latest instant a written time may name. */
const latestAllowed = () => Date.now() + MAX_CLOCK_SKEW_MS;

function checkClock(doc: HomeroomDoc): string | undefined {
  const limit = latestAllowed();
  if (Date.parse(doc.updatedAt) > limit)
    return 'updatedAt lies in the future; check the device clock';
  const recordedAt = (doc.body as { recordedAt?: unknown }).recordedAt;
  if (typeof recordedAt === 'string' && Date.parse(recordedAt) > limit) {
    return 'recordedAt lies in the future; check the device clock';
  }
  return undefined;
}

/**
 * A new or changed mark is recorded by the writer, whatever the client says; a mark that did not
 * change keeps who recorded it.
 */
function authoredBody(ctx: DbContext, doc: HomeroomDoc, current: StoredDoc | undefined): unknown {
  if (doc.type !== 'attendance') return doc.body;
  const body = doc.body as AttendanceBody;
  const was = current && !current._deleted ? (current.body as AttendanceBody) : undefined;
  const unchanged = was && sameMark(was, body) && was.recordedAt === body.recordedAt;
  return unchanged ? body : { ...body, recordedBy: ctx.scope.personId };
}

/**
 * Routing fields must agree with the school's records, so a writer cannot route a document to
 * readers it does not concern: a pupil's document lies in the pupil's class, and a mark belongs to
 * an event of that class.
 */
function checkReferences(
  ctx: DbContext,
  doc: HomeroomDoc,
  batchEvents: BatchEvents,
  versions: CurrentVersions,
): string | undefined {
  if (doc._deleted || doc.type === 'pupil' || doc.pupilId === undefined) return undefined;
  const classId = ctx.store.grants.classOf(doc.pupilId);
  if (!classId || doc.classIds.length !== 1 || doc.classIds[0] !== classId) {
    return 'pupilId is not a pupil of the class in classIds';
  }
  const named = namedBy(doc);
  if (doc.type === 'receipt')
    return checkReceipt(ctx.scope, doc, named ? versions.get(named) : undefined, latestAllowed());
  if (doc.type === 'absence') {
    const event = named ? batchEvents.get(named, versions) : undefined;
    return checkNotice(doc, classId, event, new Date().toISOString().slice(0, 10));
  }
  if (doc.type !== 'attendance' || !named) return undefined;

  const event = batchEvents.get(named, versions);
  if (
    !event ||
    event._deleted ||
    (event.classIds.length > 0 && !event.classIds.includes(classId))
  ) {
    return "eventId is not an event of the pupil's class";
  }
  return checkMarkDate(doc, event);
}

/** A bare deletion (`_id`, `_rev`, `_deleted`) keeps the envelope of what it deletes. */
function tombstoneOf(raw: Record<string, unknown>, current: StoredDoc | undefined) {
  if (!current) return raw;
  const envelope: Record<string, unknown> = {};
  for (const field of CLEAR_ENVELOPE_FIELDS) {
    if (current[field] !== undefined) envelope[field] = current[field];
  }
  return { ...envelope, body: {}, ...raw, updatedAt: new Date().toISOString() };
}
