/**
 * The findings of a second attack on the server API (commit 514d49c), each pinned by the probe
 * that found it: a mark that rode on a refused event of the same batch into another class, an
 * event's history flushed by one write of a hundred entries, a forged feed position that listed
 * the ids of a whole school, checkpoints read by the administration and told apart by a 500, and
 * a substitute marking an event held before its day.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, PRESENT, recordMark } from '../../src/domain/attendance';
import type { HomeroomDoc } from '../../src/domain/envelope';
import type { EventDoc, LifeRequest } from '../../src/domain/eventLife';
import { addDays } from '../../src/domain/schoolDate';
import { bulkDocs, changedEvent, docOf, feedOf } from './api';
import {
  DIRECTOR,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

/** Воронина teaches English and leads no class: she is the substitute here. */
const VORONINA = 'kvoronina922@example.com';
const AT = new Date().toISOString();

let server: TestServer;
type Session = Awaited<ReturnType<typeof login>>;
let teacher: Session;
let voronina: Session;
let mum: Session;
let director: Session;
let everything: HomeroomDoc[];

const feed = (session: Session, since?: string) => feedOf(server.app, session.cookie, since);
const bulk = (session: Session, docs: object[]) => bulkDocs(server.app, session.cookie, docs);
const current = (id: string) => docOf<EventDoc>(server.app, director.cookie, id);
const changed = (event: EventDoc, request: LifeRequest, by: string) =>
  changedEvent(event, request, by, AT);

const classNamed = (name: string) =>
  everything.find((d) => d.type === 'class' && (d.body as { name: string }).name === name)!
    .classIds[0]!;
const eventOn = (classId: string, date: string) =>
  everything.find(
    (doc) => doc.type === 'event' && doc.classIds[0] === classId && doc.date === date,
  ) as EventDoc;

/** The 10 «Б» event of `date`, handed to Воронина by the class teacher; as stored now. */
async function handedToVoronina(date: string): Promise<EventDoc> {
  const event = eventOn(classNamed('10 «Б»'), date);
  const substitute = { personId: voronina.personId, name: 'Воронина К. И.' };
  const handed = changed(
    await current(event._id),
    { action: 'substituted', reason: 'Больничный', substitute },
    teacher.personId,
  );
  expect(await bulk(teacher, [handed])).toEqual([expect.objectContaining({ ok: true })]);
  return current(event._id);
}

function markAt(event: EventDoc, pupil: HomeroomDoc, date = event.date) {
  const body = recordMark(undefined, PRESENT, AT, 'x');
  const mark = attendanceRecord({ event, pupil }, body, { updatedAt: AT, updatedBy: 'x' });
  return { ...mark, date };
}

beforeAll(async () => {
  server = await startTestServer();
  teacher = await login(server.app, TEACHER_10B);
  voronina = await login(server.app, VORONINA);
  mum = await login(server.app, GUARDIAN_10B);
  director = await login(server.app, DIRECTOR);
  everything = (await feed(director)).results.flatMap((row) => (row.doc ? [row.doc] : []));
});

afterAll(async () => {
  await server.close();
});

describe('1. a mark never rides on a refused event of its batch', () => {
  it("a substitute's event moved into 5 «А», with a 5 «А» pupil's mark: both refused", async () => {
    const led = await handedToVoronina('2026-09-07');
    const class5a = classNamed('5 «А»');
    const pupil5a = everything.find((d) => d.type === 'pupil' && d.classIds[0] === class5a)!;
    const forged = { ...led, classIds: [class5a], date: '2026-01-01' };
    const results = await bulk(voronina, [forged, markAt(forged, pupil5a)]);
    expect(results.map((result) => result.error)).toEqual(['forbidden', 'invalid_doc']);
  });

  it("a class teacher's copy of another class's event, with a mark dated 1999: both refused", async () => {
    const class5a = classNamed('5 «А»');
    const other = everything.find(
      (doc) => doc.type === 'event' && doc.classIds[0] === class5a,
    ) as EventDoc;
    const class10b = classNamed('10 «Б»');
    const child = everything.find((d) => d.type === 'pupil' && d.classIds[0] === class10b)!;
    const copy = { ...other, classIds: [class10b], date: '1999-01-01' };
    const results = await bulk(teacher, [copy, markAt(copy, child)]);
    expect(results.map((result) => result.error)).toEqual(['forbidden', 'invalid_doc']);
  });

  it('an event made on the spot still carries its roll call in the same batch', async () => {
    const class10b = classNamed('10 «Б»');
    const child = everything.find((d) => d.type === 'pupil' && d.classIds[0] === class10b)!;
    const today = AT.slice(0, 10);
    const made: EventDoc = {
      _id: 'event:on-the-spot-second-attack',
      type: 'event',
      schoolId: child.schoolId,
      classIds: [class10b],
      eventId: 'on-the-spot-second-attack',
      audience: 'class-families',
      date: today,
      updatedAt: AT,
      updatedBy: 'x',
      body: { title: 'Экскурсия', status: 'planned' },
    };
    const results = await bulk(teacher, [made, markAt(made, child)]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
  });
});

describe("2. one write does not flush an event's history", () => {
  it('a hundred new entries replacing the cancellation and its restoring are refused', async () => {
    const event = eventOn(classNamed('10 «Б»'), '2026-09-21');
    const cancelled = changed(
      await current(event._id),
      { action: 'cancelled', reason: 'Карантин' },
      teacher.personId,
    );
    expect(await bulk(teacher, [cancelled])).toEqual([expect.objectContaining({ ok: true })]);
    const stored = await current(event._id);
    const [first] = stored.body.changes ?? [];
    const flood = Array.from({ length: 99 }, (_, i) => ({
      action: 'edited' as const,
      at: new Date(Date.parse(AT) - (100 - i) * 1000).toISOString(),
      by: teacher.personId,
    }));
    const flushed = { ...stored, body: { ...stored.body, changes: [first!, ...flood] } };
    const [result] = await bulk(teacher, [flushed]);
    expect(result?.error).toBe('invalid_doc');
    expect((await current(event._id)).body.changes).toEqual(stored.body.changes);
  });
});

describe('3. a forged feed position names no channel the user never read', () => {
  it("the school's channel under the old unkeyed hash announces nothing as removed", async () => {
    const schoolId = everything[0]!.schoolId;
    const key = createHash('sha256').update(`all:${schoolId}`).digest('base64url').slice(0, 10);
    const since = Buffer.from(JSON.stringify({ s: 0, k: [key] })).toString('base64url');
    const rows = (await feed(mum, since)).results;
    const readable = new Set((await feed(mum)).results.map((row) => row.id));
    expect(rows.filter((row) => row.removed && !readable.has(row.id))).toEqual([]);
  });
});

describe('3b. a position is good only for the account it was given to', () => {
  it("the director's position replayed by a guardian lists nothing she cannot read", async () => {
    const directorsPosition = (await feed(director)).last_seq;
    const rows = (await feed(mum, directorsPosition)).results;
    const readable = new Set((await feed(mum)).results.map((row) => row.id));
    expect(rows.filter((row) => !readable.has(row.id))).toEqual([]);
    // Her own position still works: a second read from it brings nothing new.
    const own = (await feed(mum)).last_seq;
    expect((await feed(mum, own)).results).toEqual([]);
  });

  it('an altered position starts over from her own beginning', async () => {
    const own = (await feed(mum)).last_seq;
    const decoded = JSON.parse(Buffer.from(own, 'base64url').toString()) as { s: number };
    const altered = Buffer.from(JSON.stringify({ ...decoded, s: decoded.s + 1e6 })).toString(
      'base64url',
    );
    const rows = (await feed(mum, altered)).results;
    expect(rows.every((row) => !row.removed)).toBe(true);
    expect(rows.length).toBe((await feed(mum)).results.length);
  });
});

describe('4. checkpoints are their owner’s alone', () => {
  it('the director reads no one else’s, and a lookup answers as for a missing one', async () => {
    const put = await server.app.inject({
      method: 'PUT',
      url: '/couch/demo/_local/ck-second-attack',
      headers: { cookie: mum.cookie },
      payload: { last_seq: '7' },
    });
    expect(put.statusCode).toBe(201);
    const stored = `_local/u:account:${mum.personId}:ck-second-attack`;
    for (const url of [
      `/couch/demo/${encodeURIComponent(stored)}`,
      `/couch/demo/${encodeURIComponent(stored)}?open_revs=all`,
      `/couch/demo/${encodeURIComponent(`_local/idx:account:${mum.personId}`)}`,
    ]) {
      const response = await server.app.inject({ url, headers: { cookie: director.cookie } });
      expect(response.statusCode, url).toBe(404);
    }
    const lookups = await Promise.all(
      [stored, `_local/u:account:${mum.personId}:never-written`].map((id) =>
        server.app.inject({
          method: 'POST',
          url: '/couch/demo/_bulk_get',
          headers: { cookie: teacher.cookie },
          payload: { docs: [{ id }] },
        }),
      ),
    );
    expect(lookups.map((response) => response.statusCode)).toEqual([200, 200]);
    const errors = lookups.map(
      (response) =>
        response.json<{ results: { docs: { error?: { error: string } }[] }[] }>().results[0]
          ?.docs[0]?.error?.error,
    );
    expect(errors).toEqual(['not_found', 'not_found']);
  });
});

describe('5. a substitute marks the event held from its day on', () => {
  it('an event next month cannot be marked held today', async () => {
    const event = everything.find(
      (doc) =>
        doc.type === 'event' &&
        doc.classIds[0] === classNamed('10 «Б»') &&
        (doc.date ?? '') > addDays(AT.slice(0, 10), 2),
    ) as EventDoc;
    const led = await handedToVoronina(event.date!);
    const [result] = await bulk(voronina, [changed(led, { action: 'held' }, voronina.personId)]);
    expect(result?.error).toBe('forbidden');
    expect(result?.reason).toMatch(/its day/);
  });
});

describe('6. a third look: deletions, copies, versions that do not win, authorship', () => {
  it('a class teacher cancels an event; deleting it, and its history with it, is refused', async () => {
    const event = await current(eventOn(classNamed('10 «Б»'), '2026-10-12')._id);
    const refused = await bulk(teacher, [{ _id: event._id, _rev: event._rev, _deleted: true }]);
    expect(refused[0]?.error).toBe('forbidden');
    expect(refused[0]?.reason).toMatch(/cancelled with a reason, not deleted/);
  });

  it('a mark is not vouched for by an event version that conflicts', async () => {
    const class10b = classNamed('10 «Б»');
    const event = await current(eventOn(class10b, '2026-10-19')._id);
    const child = everything.find((d) => d.type === 'pupil' && d.classIds[0] === class10b)!;
    const moved = changed(
      event,
      { action: 'moved', reason: 'Зал занят', toDate: '2026-11-02' },
      teacher.personId,
    );
    const stale = { ...moved, _rev: `1-${'0'.repeat(32)}` };
    const results = await bulk(teacher, [stale, markAt(moved, child)]);
    expect(results.map((result) => result.error)).toEqual(['conflict', 'invalid_doc']);
  });

  it('with new_edits=false, a changed mark must name its writer as recordedBy', async () => {
    const class10b = classNamed('10 «Б»');
    const event = eventOn(class10b, '2026-11-16');
    const child = everything.find((d) => d.type === 'pupil' && d.classIds[0] === class10b)!;
    const mark = {
      ...markAt(event, child),
      _rev: `1-${'ab'.repeat(16)}`,
      updatedBy: teacher.personId,
      body: { ...markAt(event, child).body, recordedBy: director.personId },
    };
    const response = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_docs',
      headers: { cookie: teacher.cookie },
      payload: { new_edits: false, docs: [mark] },
    });
    expect(JSON.stringify(response.json())).toMatch(/recordedBy of a changed mark/);
  });
});
