/**
 * The findings of an attack on the server API (docs of commit 63dd361), each pinned by the probe
 * that found it: old revisions read after a deletion or a narrowing, a family rewriting the
 * school's records about their child, an event's history rewritten, receipts for notes the reader
 * may not read, dates not tied to their event, and a MIME type with a smuggled parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, markForLetter, recordMark } from '../../src/domain/attendance';
import { receiptId, type HomeroomDoc } from '../../src/domain/envelope';
import { applyChange, type EventBody } from '../../src/domain/eventLife';
import {
  DIRECTOR,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
type Session = Awaited<ReturnType<typeof login>>;
let teacher: Session;
let mum: Session;
let director: Session;
let otherTeacher: Session;
let child: HomeroomDoc;
let otherClassEvent: HomeroomDoc;
let otherClassNote: HomeroomDoc;
let everything: HomeroomDoc[] = [];

const enc = encodeURIComponent;
const now = () => new Date().toISOString();
let serial = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${serial++}`;

async function feed(session: Session): Promise<HomeroomDoc[]> {
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response
    .json<{ results: { doc?: HomeroomDoc }[] }>()
    .results.flatMap((row) => (row.doc ? [row.doc] : []));
}

async function write(session: Session, docs: object[]) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie: session.cookie },
    payload: { docs },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; rev?: string; error?: string; reason?: string }[]>();
}

/** Writes one document and returns its result. */
async function writeOne(session: Session, doc: object) {
  const [result] = await write(session, [doc]);
  return result!;
}

async function get(session: Session, url: string) {
  return server.app.inject({ url, headers: { cookie: session.cookie } });
}

function media(id: string, audience: string, extra: object = {}): HomeroomDoc {
  const data = Buffer.from(`photo ${id}`).toString('base64');
  return {
    _id: `media:${id}`,
    type: 'media',
    schoolId: child.schoolId,
    classIds: child.classIds,
    audience: audience as HomeroomDoc['audience'],
    updatedAt: now(),
    updatedBy: 'client',
    ...extra,
    body: {
      kind: 'photo',
      mime: 'image/jpeg',
      data,
      bytes: Buffer.from(data, 'base64').length,
      parentId: 'note:x',
      width: 10,
      height: 10,
    },
  };
}

function note(id: string, audience: string, text: string, extra: object = {}): HomeroomDoc {
  return {
    _id: `note:${id}`,
    type: 'note',
    schoolId: child.schoolId,
    classIds: child.classIds,
    audience: audience as HomeroomDoc['audience'],
    updatedAt: now(),
    updatedBy: 'client',
    ...extra,
    body: { text },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  teacher = await login(server.app, TEACHER_10B);
  mum = await login(server.app, GUARDIAN_10B);
  director = await login(server.app, DIRECTOR);
  otherTeacher = await login(server.app, 'tgrebenyuk908@example.com');
  everything = await feed(director);
  const own = (await feed(mum)).find((doc) => doc.type === 'pupil');
  if (!own) throw new Error('the guardian has no child in the demo school');
  child = own;
  const events = everything.filter((doc) => doc.type === 'event');
  otherClassEvent = events.find(
    (doc) => doc.classIds.length === 1 && doc.classIds[0] !== child.classIds[0],
  )!;
  otherClassNote = {
    ...note(fresh('minutes-5a'), 'class-families', 'Протокол собрания 5 «А»'),
    classIds: otherClassEvent.classIds,
  };
  expect((await writeOne(otherTeacher, otherClassNote)).rev).toBeDefined();
  // The demo school's seed and four logins (scrypt) take seconds on a busy machine.
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('1. superseded revisions are never served', () => {
  it('a deleted photo: its old body is not read by rev, open_revs or _bulk_get', async () => {
    const photo = media(fresh('deleted'), 'class-families');
    const first = await writeOne(teacher, photo);
    const firstRev = first.rev!;
    const gone = await server.app.inject({
      method: 'DELETE',
      url: `/couch/demo/${enc(photo._id)}?rev=${firstRev}`,
      headers: { cookie: teacher.cookie },
    });
    expect(gone.statusCode).toBe(200);

    const byRev = await get(mum, `/couch/demo/${enc(photo._id)}?rev=${firstRev}`);
    expect(byRev.statusCode).toBe(404);
    const listed = await get(
      mum,
      `/couch/demo/${enc(photo._id)}?open_revs=${enc(JSON.stringify([firstRev]))}`,
    );
    expect(listed.body).not.toContain('"data"');
    const all = await get(mum, `/couch/demo/${enc(photo._id)}?open_revs=all&revs=true`);
    expect(all.body).not.toContain('"data"');
    const bulk = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_get?revs=true',
      headers: { cookie: mum.cookie },
      payload: { docs: [{ id: photo._id, rev: firstRev }] },
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.body).not.toContain('"data"');
    expect(bulk.json()).toMatchObject({ results: [{ docs: [{ error: { error: 'not_found' } }] }] });
  });

  it('a note narrowed to staff: its class-wide revision is read by no family', async () => {
    const minutes = note(fresh('narrowed'), 'class-families', 'Протокол для всех семей');
    const first = await writeOne(teacher, minutes);
    const narrowed = await writeOne(teacher, {
      ...minutes,
      _rev: first.rev,
      audience: 'staff',
      body: { text: 'Только для персонала' },
    });
    expect(narrowed.rev).toBeDefined();

    const byRev = await get(mum, `/couch/demo/${enc(minutes._id)}?rev=${first.rev!}`);
    expect(byRev.statusCode).toBe(404);
    const listed = await get(
      mum,
      `/couch/demo/${enc(minutes._id)}?open_revs=${enc(JSON.stringify([first.rev]))}`,
    );
    expect(listed.body).not.toContain('Протокол для всех семей');
    const bulk = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_get',
      headers: { cookie: mum.cookie },
      payload: { docs: [{ id: minutes._id, rev: first.rev }] },
    });
    expect(bulk.body).not.toContain('Протокол для всех семей');
    // Not even the teacher who wrote it: a superseded body is served to no one.
    const own = await get(teacher, `/couch/demo/${enc(minutes._id)}?rev=${first.rev!}`);
    expect(own.statusCode).toBe(404);
  });

  it('the leaves are still served, by rev, open_revs and _bulk_get, as replication asks', async () => {
    const minutes = note(fresh('leaf'), 'class-families', 'Решения собрания');
    const first = await writeOne(teacher, minutes);
    const second = await writeOne(teacher, { ...minutes, _rev: first.rev, body: { text: 'Итог' } });

    const byRev = await get(mum, `/couch/demo/${enc(minutes._id)}?rev=${second.rev!}&revs=true`);
    expect(byRev.statusCode).toBe(200);
    expect(byRev.json()).toMatchObject({ body: { text: 'Итог' }, _revisions: { start: 2 } });
    const listed = await get(
      mum,
      `/couch/demo/${enc(minutes._id)}?open_revs=${enc(JSON.stringify([second.rev]))}&revs=true`,
    );
    expect(listed.json()).toMatchObject([{ ok: { _rev: second.rev, body: { text: 'Итог' } } }]);
    const latest = await get(
      mum,
      `/couch/demo/${enc(minutes._id)}?open_revs=${enc(JSON.stringify([first.rev]))}&latest=true`,
    );
    expect(latest.json()).toMatchObject([{ ok: { _rev: second.rev } }]);
    const bulk = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_get?revs=true',
      headers: { cookie: mum.cookie },
      payload: { docs: [{ id: minutes._id, rev: second.rev }, { id: minutes._id }] },
    });
    expect(bulk.json()).toMatchObject({
      results: [
        { docs: [{ ok: { _rev: second.rev, body: { text: 'Итог' } } }] },
        { docs: [{ ok: { _rev: second.rev } }] },
      ],
    });
  });
});

function absence(id: string, extra: object = {}, body: object = {}): HomeroomDoc {
  return {
    _id: `absence:${id}`,
    type: 'absence',
    schoolId: child.schoolId,
    classIds: child.classIds,
    pupilId: child.pupilId!,
    audience: 'family',
    date: '2026-12-07',
    updatedAt: now(),
    updatedBy: 'client',
    ...extra,
    body: { from: '2026-12-07', to: '2026-12-07', reason: 'family', evidence: 'none', ...body },
  };
}

describe("2. a family does not rewrite the school's records about their child", () => {
  it("the teacher's photo for the family: the guardian may neither replace nor delete it", async () => {
    const photo = media(fresh('for-family'), 'family', { pupilId: child.pupilId });
    const first = await writeOne(teacher, photo);
    expect(first.rev).toBeDefined();

    const replaced = await writeOne(mum, {
      ...photo,
      _rev: first.rev,
      body: { ...(photo.body as object), caption: 'моё' },
    });
    expect(replaced.error).toBe('forbidden');
    expect(replaced.reason).toContain('written by the school');
    const deleted = await server.app.inject({
      method: 'DELETE',
      url: `/couch/demo/${enc(photo._id)}?rev=${first.rev!}`,
      headers: { cookie: mum.cookie },
    });
    expect(deleted.statusCode).toBe(403);
  });

  it("the teacher's absence record (official, an order): the guardian may not make it illness", async () => {
    const record = absence(fresh('official'), {}, { reason: 'official', evidence: 'order' });
    const first = await writeOne(teacher, record);
    expect(first.rev).toBeDefined();
    const rewritten = await writeOne(mum, {
      ...record,
      _rev: first.rev,
      body: { ...(record.body as object), reason: 'illness', evidence: 'medical' },
    });
    expect(rewritten).toMatchObject({ error: 'forbidden' });
  });

  it("the family's own notice: the guardian corrects and withdraws it, the teacher too", async () => {
    const notice = absence(fresh('own'));
    const first = await writeOne(mum, notice);
    const corrected = await writeOne(mum, {
      ...notice,
      _rev: first.rev,
      body: { ...(notice.body as object), text: 'к врачу' },
    });
    expect(corrected.rev).toBeDefined();
    const byTeacher = await writeOne(teacher, {
      ...notice,
      _rev: corrected.rev,
      body: { ...(notice.body as object), evidence: 'parent-note' },
    });
    expect(byTeacher.rev).toBeDefined();
    // Once the teacher has written it, it is the school's record.
    const withdrawn = await writeOne(mum, { _id: notice._id, _rev: byTeacher.rev, _deleted: true });
    expect(withdrawn).toMatchObject({ error: 'forbidden' });

    const another = absence(fresh('withdrawn'));
    const written = await writeOne(mum, another);
    expect(
      (await writeOne(mum, { _id: another._id, _rev: written.rev, _deleted: true })).rev,
    ).toBeDefined();
  });
});

describe("3. the server keeps the event's history", () => {
  async function ownEvent() {
    const id = fresh('life');
    const doc: HomeroomDoc = {
      _id: `event:${id}`,
      type: 'event',
      schoolId: child.schoolId,
      classIds: child.classIds,
      eventId: id,
      audience: 'class-families',
      date: '2026-12-14',
      updatedAt: now(),
      updatedBy: 'client',
      body: {
        title: 'Экскурсия в музей',
        start: '10:00',
        status: 'planned',
        changes: [{ action: 'created', at: now(), by: teacher.personId }],
      },
    };
    const written = await writeOne(teacher, doc);
    expect(written.rev).toBeDefined();
    return { ...doc, _rev: written.rev } as HomeroomDoc & { body: EventBody };
  }

  it('a cancellation, or a move, without its entry is refused', async () => {
    const doc = await ownEvent();
    const cancelled = await writeOne(teacher, {
      ...doc,
      body: { ...doc.body, status: 'cancelled' },
    });
    expect(cancelled).toMatchObject({ error: 'invalid_doc' });
    expect(cancelled.reason).toContain('"cancelled" entry');
    const moved = await writeOne(teacher, { ...doc, date: '2026-12-21' });
    expect(moved).toMatchObject({ error: 'invalid_doc' });
    expect(moved.reason).toContain('"moved"');
    const later = await writeOne(teacher, { ...doc, body: { ...doc.body, start: '12:00' } });
    expect(later).toMatchObject({ error: 'invalid_doc' });
  });

  it('the history replaced by a forged entry of the director is refused', async () => {
    const doc = await ownEvent();
    const forged = {
      action: 'cancelled',
      by: director.personId,
      byName: 'Руденко Г.Н. (директор)',
      at: '2026-09-01T09:00:00.000Z',
      reason: 'Распоряжение директора',
    };
    const rewritten = await writeOne(teacher, {
      ...doc,
      body: { ...doc.body, status: 'cancelled', changes: [forged] },
    });
    expect(rewritten).toMatchObject({ error: 'invalid_doc' });
    expect(rewritten.reason).toContain('keeps every earlier entry');
    const appended = await writeOne(teacher, {
      ...doc,
      body: { ...doc.body, status: 'cancelled', changes: [...(doc.body.changes ?? []), forged] },
    });
    expect(appended.reason).toContain('must be your own');
  });

  it("the app's own changes pass: cancelled with a reason, then restored", async () => {
    const doc = await ownEvent();
    const actor = { personId: teacher.personId, at: now() };
    const cancel = applyChange(doc, { action: 'cancelled', reason: 'Музей закрыт' }, actor);
    if (!cancel.ok) throw new Error(cancel.error);
    const cancelled = await writeOne(teacher, cancel.event);
    expect(cancelled.rev).toBeDefined();
    const restore = applyChange(
      { ...cancel.event, _rev: cancelled.rev! },
      { action: 'restored' },
      actor,
    );
    if (!restore.ok) throw new Error(restore.error);
    expect((await writeOne(teacher, restore.event)).rev).toBeDefined();
  });
});

describe('4. a receipt is for a note its reader reads', () => {
  function receipt(noteId: string, readAt = now()) {
    return {
      _id: receiptId(noteId, mum.personId),
      type: 'receipt',
      schoolId: child.schoolId,
      classIds: child.classIds,
      pupilId: child.pupilId,
      personId: mum.personId,
      audience: 'family',
      updatedAt: now(),
      updatedBy: 'client',
      body: { noteId, readAt },
    };
  }

  it("refuses receipts for another class's minutes, a missing note, an event and a future read", async () => {
    const classmate = everything.find(
      (doc) =>
        doc.type === 'pupil' && doc.classIds[0] === child.classIds[0] && doc._id !== child._id,
    )!;
    const private_ = note(fresh('private'), 'family', 'Личное письмо семье', {
      pupilId: classmate.pupilId,
    });
    expect((await writeOne(teacher, private_)).rev).toBeDefined();
    const refused = await write(mum, [
      receipt(private_._id),
      receipt(otherClassNote._id),
      receipt(`note:${fresh('nope')}`),
      receipt(otherClassEvent._id),
    ]);
    for (const result of refused) expect(result).toMatchObject({ error: 'invalid_doc' });
    expect(refused[0]!.reason).toContain('not a note you can read');

    const minutes = note(fresh('for-all'), 'class-families', 'Решения собрания');
    expect((await writeOne(teacher, minutes)).rev).toBeDefined();
    const future = await writeOne(mum, receipt(minutes._id, '2099-01-01T00:00:00.000Z'));
    expect(future.reason).toContain('readAt lies in the future');
    expect((await writeOne(mum, receipt(minutes._id))).rev).toBeDefined();
  });
});

describe('5. dates are tied to their event and to today', () => {
  const today = () => now().slice(0, 10);

  it('refuses notices dated in 1990 or 2099, or with an envelope date not their first day', async () => {
    const old = await writeOne(
      mum,
      absence(fresh('old'), { date: '1990-01-10' }, { from: '1990-01-10', to: '1990-01-11' }),
    );
    expect(old.reason).toContain('within 366 days');
    const far = await writeOne(
      mum,
      absence(fresh('far'), { date: '2099-01-10' }, { from: '2099-01-10', to: '2099-01-11' }),
    );
    expect(far.reason).toContain('within 366 days');
    const misdated = await writeOne(
      mum,
      absence(fresh('misdated'), { date: '2027-05-01' }, { from: today(), to: today() }),
    );
    expect(misdated.reason).toContain("envelope's date");
    const fine = await writeOne(
      mum,
      absence(fresh('fine'), { date: today() }, { from: today(), to: today() }),
    );
    expect(fine.rev).toBeDefined();
  });

  it("refuses a notice for another class's event, a missing one, or one its days miss", async () => {
    const ownEvent = everything.find(
      (doc) =>
        doc.type === 'event' && doc.classIds.length === 1 && doc.classIds[0] === child.classIds[0],
    )!;
    const on = (
      eventDoc: HomeroomDoc | { _id: string; date?: string },
      eventId: string,
      date = eventDoc.date ?? today(),
    ) => absence(fresh('for-event'), { date }, { from: date, to: date, eventId });
    const foreign = await writeOne(mum, on(otherClassEvent, otherClassEvent.eventId!));
    expect(foreign.reason).toContain("not an event of the pupil's class");
    const missing = await writeOne(mum, on({ _id: 'x' }, 'nope'));
    expect(missing.reason).toContain("not an event of the pupil's class");
    const other = ownEvent.date === today() ? '2026-12-31' : today();
    const missed = await writeOne(mum, on(ownEvent, ownEvent.eventId!, other));
    expect(missed.reason).toContain("include the event's date");
    const fine = await writeOne(mum, on(ownEvent, ownEvent.eventId!));
    expect(fine.rev).toBeDefined();
  });

  it('refuses a mark dated otherwise than its event', async () => {
    const ownEvent = everything.find(
      (doc) =>
        doc.type === 'event' && doc.classIds.length === 1 && doc.classIds[0] === child.classIds[0],
    )!;
    const ill = markForLetter({
      letter: 'б',
      status: 'absent',
      reason: 'illness',
      excused: true,
      meaning: '',
    });
    const record = attendanceRecord(
      { event: ownEvent, pupil: child },
      recordMark(undefined, ill, now(), 'x'),
      {
        updatedAt: now(),
        updatedBy: 'x',
      },
    );
    const misdated = await writeOne(teacher, { ...record, date: '2020-01-01' });
    expect(misdated.reason).toContain("a mark's date must be its event's");
    expect((await writeOne(teacher, record)).rev).toBeDefined();
  });
});
