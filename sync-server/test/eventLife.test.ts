/**
 * The event's life on the server: a class teacher changes only her own class's events, takes the
 * roll of her own class at a school-wide one, and hands an event to a substitute, who then reads
 * the class's roster and marks on her own; every change the families see carries a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, PRESENT, recordMark } from '../../src/domain/attendance';
import type { HomeroomDoc } from '../../src/domain/envelope';
import type { EventDoc, LifeRequest } from '../../src/domain/eventLife';
import { bulkDocs, changedEvent, docOf, feedOf, type FeedRow } from './api';
import { DIRECTOR, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

/** Воронина teaches English elsewhere (teaching-load.csv) and leads no class: not 10 «Б». */
const VORONINA = 'kvoronina922@example.com';
const AT = '2026-12-04T09:00:00.000Z';

let server: TestServer;
let director: { cookie: string; personId: string };
let teacher: { cookie: string; personId: string };
let everything: HomeroomDoc[];

const feed = (cookie: string, since?: string) => feedOf(server.app, cookie, since);
const bulk = (cookie: string, docs: object[]) => bulkDocs(server.app, cookie, docs);
const current = (id: string) => docOf<EventDoc>(server.app, director.cookie, id);
const changed = (event: EventDoc, request: LifeRequest, by: string) =>
  changedEvent(event, request, by, AT);
const docsOf = async (cookie: string) =>
  (await feed(cookie)).results.flatMap((row) => (row.doc ? [row.doc] : []));

const classNamed = (name: string) =>
  everything.find((d) => d.type === 'class' && (d.body as { name: string }).name === name)!
    .classIds[0]!;
const pupilOf = (classId: string) =>
  everything.find((d) => d.type === 'pupil' && d.classIds[0] === classId)!;

function newEvent(id: string, classIds: string[]): EventDoc {
  return {
    _id: `event:${id}`,
    type: 'event',
    schoolId: everything[0]!.schoolId,
    classIds,
    eventId: id,
    audience: classIds.length === 0 ? 'school' : 'class-families',
    date: '2027-05-20',
    updatedAt: AT,
    updatedBy: 'x',
    body: { title: 'День здоровья', status: 'planned' },
  };
}

function mark(event: EventDoc, pupil: HomeroomDoc) {
  const body = recordMark(undefined, PRESENT, AT, 'x');
  return attendanceRecord({ event, pupil }, body, { updatedAt: AT, updatedBy: 'x' });
}

beforeAll(async () => {
  server = await startTestServer();
  director = await login(server.app, DIRECTOR);
  teacher = await login(server.app, TEACHER_10B);
  everything = await docsOf(director.cookie);
});
afterAll(async () => {
  await server.close();
});

describe('events of several classes and of the whole school', () => {
  it('the director creates them; the class teacher reads them and may not move or cancel them', async () => {
    const school = newEvent('school-day', []);
    const shared = newEvent('shared-day', [classNamed('5 «А»'), classNamed('10 «Б»')]);
    expect(await bulk(director.cookie, [school, shared])).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
    ]);
    const seen = await docsOf(teacher.cookie);
    expect(seen.map((doc) => doc._id)).toEqual(expect.arrayContaining([school._id, shared._id]));

    for (const id of [school._id, shared._id]) {
      const stored = await current(id);
      const moved = changed(
        stored,
        { action: 'moved', reason: 'Дождь', toDate: '2027-05-21' },
        teacher.personId,
      );
      const cancelled = changed(stored, { action: 'cancelled', reason: 'Дождь' }, teacher.personId);
      for (const attempt of [moved, cancelled]) {
        expect(await bulk(teacher.cookie, [attempt])).toEqual([
          expect.objectContaining({ error: 'forbidden' }),
        ]);
      }
    }
    expect((await current(school._id)).body.status).toBe('planned');
  });

  it("the class teacher marks her own pupils at the school's event, and no one else's", async () => {
    const school = await current('event:school-day');
    const own = pupilOf(classNamed('10 «Б»'));
    const other = pupilOf(classNamed('11 «А»'));
    expect(await bulk(teacher.cookie, [mark(school, own)])).toEqual([
      expect.objectContaining({ ok: true }),
    ]);
    expect(await bulk(teacher.cookie, [mark(school, other)])).toEqual([
      expect.objectContaining({ error: 'forbidden' }),
    ]);
  });
});

describe('a substitute', () => {
  it('is handed an event, reads its class roster (names only) and takes its roll', async () => {
    const voronina = await login(server.app, VORONINA);
    const class10b = classNamed('10 «Б»');
    const before = await feed(voronina.cookie);
    const in10b = (row: FeedRow) =>
      row.doc?.type !== 'class' && row.doc?.classIds.includes(class10b) === true;
    expect(before.results.some(in10b)).toBe(false);

    const event = everything.find(
      (doc) => doc.type === 'event' && doc.classIds[0] === class10b && doc.date === '2027-02-20',
    ) as EventDoc;
    const substitute = { personId: voronina.personId, name: 'Воронина К. И.' };
    const handed = changed(
      event,
      { action: 'substituted', reason: 'Курсы повышения квалификации', substitute },
      teacher.personId,
    );
    expect(await bulk(teacher.cookie, [handed])).toEqual([expect.objectContaining({ ok: true })]);

    const after = await feed(voronina.cookie, before.last_seq);
    const docs = after.results.flatMap((row) => (row.doc ? [row.doc] : []));
    expect(docs.some((doc) => doc._id === event._id)).toBe(true);
    const roster = docs.filter((doc) => doc.type === 'pupil' && doc.classIds[0] === class10b);
    expect(roster).toHaveLength(31);
    for (const type of ['profile', 'guardian', 'guardianship', 'note']) {
      expect(docs.filter((doc) => doc.type === type && doc.classIds.includes(class10b))).toEqual(
        [],
      );
    }
    const marked = mark(await current(event._id), roster[0]!);
    expect(await bulk(voronina.cookie, [marked])).toEqual([expect.objectContaining({ ok: true })]);

    // She may not move it: that stays the class teacher's.
    const moved = changed(
      await current(event._id),
      { action: 'moved', reason: 'x', toDate: '2027-02-21' },
      voronina.personId,
    );
    expect(await bulk(voronina.cookie, [moved])).toEqual([
      expect.objectContaining({ error: 'forbidden' }),
    ]);

    // The teacher takes it back: the substitute's next sync removes the roster and the event.
    const back = changed(
      await current(event._id),
      { action: 'substituted', reason: 'Вернулась с курсов', substitute: null },
      teacher.personId,
    );
    expect(await bulk(teacher.cookie, [back])).toEqual([expect.objectContaining({ ok: true })]);
    const gone = await feed(voronina.cookie, after.last_seq);
    const removed = new Set(gone.results.filter((row) => row.removed).map((row) => row.id));
    expect(removed.has(event._id)).toBe(true);
    expect(roster.every((pupil) => removed.has(pupil._id))).toBe(true);
  });
});

describe('a substitute marks the event held', () => {
  it('and nothing else: no edit, no deletion, no restoring it', async () => {
    const voronina = await login(server.app, VORONINA);
    const class10b = classNamed('10 «Б»');
    const event = everything.find(
      (doc) => doc.type === 'event' && doc.classIds[0] === class10b && doc.date === '2026-09-28',
    ) as EventDoc;
    const substitute = { personId: voronina.personId, name: 'Воронина К. И.' };
    const handed = changed(
      event,
      { action: 'substituted', reason: 'Больничный', substitute },
      teacher.personId,
    );
    expect(await bulk(teacher.cookie, [handed])).toEqual([expect.objectContaining({ ok: true })]);
    const led = await current(event._id);
    const refused = [expect.objectContaining({ error: 'forbidden' })];

    const renamed = changed(
      led,
      { action: 'edited', fields: { title: 'Другое' } },
      voronina.personId,
    );
    expect(await bulk(voronina.cookie, [renamed])).toEqual(refused);
    expect(await bulk(voronina.cookie, [{ _id: led._id, _rev: led._rev, _deleted: true }])).toEqual(
      refused,
    );
    const heldAndRenamed = changed(renamed, { action: 'held' }, voronina.personId);
    expect(await bulk(voronina.cookie, [heldAndRenamed])).toEqual(refused);
    const created = newEvent('substitute-made', [class10b]);
    expect(await bulk(voronina.cookie, [{ ...created, personId: voronina.personId }])).toEqual(
      refused,
    );

    const held = changed(led, { action: 'held' }, voronina.personId);
    expect(await bulk(voronina.cookie, [held])).toEqual([expect.objectContaining({ ok: true })]);
    const stored = await current(event._id);
    expect(stored.body.status).toBe('held');
    expect(stored.body.changes?.at(-1)).toMatchObject({ action: 'held', by: voronina.personId });
    expect(stored.personId).toBe(voronina.personId);

    const restored = changed(stored, { action: 'restored', reason: 'Ошибка' }, voronina.personId);
    expect(await bulk(voronina.cookie, [restored])).toEqual(refused);
  });
});

describe('what the server refuses whoever writes it', () => {
  it('a cancellation without a reason, and a substitute who is not the leader', async () => {
    const event = await current('event:shared-day');
    const silent = {
      ...event,
      body: {
        ...event.body,
        status: 'cancelled',
        changes: [{ action: 'cancelled', at: AT, by: director.personId }],
      },
    };
    const [refused] = await bulk(director.cookie, [silent]);
    expect(refused).toMatchObject({ error: 'invalid_doc' });
    expect(refused?.reason).toMatch(/reason/);

    const hidden = { ...event, body: { ...event.body, substitute: { personId: 'p', name: 'X' } } };
    expect(await bulk(director.cookie, [hidden])).toEqual([
      expect.objectContaining({ error: 'invalid_doc' }),
    ]);
  });
});
