/** Write validation: roles, scopes, schemas, limits. Nothing refused is stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, markForLetter, recordMark } from '../../src/domain/attendance';
import type { HomeroomDoc } from '../../src/domain/envelope';
import {
  DIRECTOR,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
let teacher: { cookie: string };
let guardian: { cookie: string };
let director: { cookie: string };
let docs: HomeroomDoc[];

const AT = '2026-12-07T05:10:00.000Z';

async function allDocs(cookie: string): Promise<HomeroomDoc[]> {
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie },
  });
  return response.json<{ results: { doc: HomeroomDoc }[] }>().results.map((r) => r.doc);
}

function markFor(pupil: HomeroomDoc, event: HomeroomDoc, overrides: Partial<HomeroomDoc> = {}) {
  const absent = markForLetter({ letter: 'н', status: 'absent', excused: false, meaning: '' });
  const body = recordMark(undefined, absent, AT, 'x');
  return {
    ...attendanceRecord({ event, pupil }, body, { updatedAt: AT, updatedBy: 'x' }),
    ...overrides,
  };
}

async function bulk(cookie: string, payload: unknown) {
  return server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie },
    payload: payload as object,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  teacher = await login(server.app, TEACHER_10B);
  guardian = await login(server.app, GUARDIAN_10B);
  director = await login(server.app, DIRECTOR);
  docs = await allDocs(director.cookie);
});
afterAll(async () => {
  await server.close();
});

function classNamed(name: string) {
  const found = docs.find((d) => d.type === 'class' && (d.body as { name: string }).name === name);
  if (!found) throw new Error(name);
  return found.classIds[0] ?? '';
}
const pupilIn = (classId: string) =>
  docs.find((d) => d.type === 'pupil' && d.classIds[0] === classId)!;
const eventOf = (classId: string) =>
  docs.find((d) => d.type === 'event' && d.classIds.includes(classId))!;

describe('writes', () => {
  it('a guardian may not write a mark, even for their own child', async () => {
    const child = (await allDocs(guardian.cookie)).find((d) => d.type === 'pupil')!;
    const response = await bulk(guardian.cookie, {
      docs: [markFor(child, eventOf(child.classIds[0]!))],
    });
    expect(response.json()).toEqual([expect.objectContaining({ error: 'forbidden' })]);
    const stored = await server.app.inject({
      url: `/couch/demo/${encodeURIComponent(markFor(child, eventOf(child.classIds[0]!))._id)}`,
      headers: { cookie: director.cookie },
    });
    expect(stored.statusCode).toBe(404);
  });

  it('a class teacher may not mark a pupil of another class', async () => {
    const c5a = classNamed('5 «А»');
    const response = await bulk(teacher.cookie, { docs: [markFor(pupilIn(c5a), eventOf(c5a))] });
    expect(response.json()).toEqual([expect.objectContaining({ error: 'forbidden' })]);
  });

  it('a class teacher may not route a mark of another class into their own', async () => {
    const c10b = classNamed('10 «Б»');
    const c5a = classNamed('5 «А»');
    const foreign = markFor(pupilIn(c5a), eventOf(c10b), { classIds: [c10b] });
    const response = await bulk(teacher.cookie, { docs: [foreign] });
    expect(response.json()).toEqual([expect.objectContaining({ error: 'invalid_doc' })]);
  });

  it('a class teacher may not move a pupil into another class', async () => {
    const c10b = classNamed('10 «Б»');
    const pupil = pupilIn(c10b);
    const moved = { ...pupil, classIds: [classNamed('5 «А»')] };
    const response = await bulk(teacher.cookie, { docs: [moved] });
    expect(response.json()).toEqual([expect.objectContaining({ error: 'forbidden' })]);
  });

  it('marks of their own class are stored with updatedBy set by the server', async () => {
    const c10b = classNamed('10 «Б»');
    const response = await bulk(teacher.cookie, { docs: [markFor(pupilIn(c10b), eventOf(c10b))] });
    const [result] = response.json<{ ok: boolean; id: string }[]>();
    expect(result?.ok).toBe(true);
    const stored = await server.app.inject({
      url: `/couch/demo/${encodeURIComponent(result!.id)}`,
      headers: { cookie: teacher.cookie },
    });
    expect(stored.json<HomeroomDoc>().updatedBy).not.toBe('x');
  });

  it('a second write without the current revision is a conflict', async () => {
    const c10b = classNamed('10 «Б»');
    const doc = markFor(pupilIn(c10b), eventOf(c10b));
    const response = await bulk(teacher.cookie, { docs: [doc] });
    expect(response.json()).toEqual([expect.objectContaining({ error: 'conflict' })]);
    const single = await server.app.inject({
      method: 'PUT',
      url: `/couch/demo/${encodeURIComponent(doc._id)}`,
      headers: { cookie: teacher.cookie },
      payload: doc,
    });
    expect(single.statusCode).toBe(409);
  });

  it('a document that breaks its schema is refused with the reason', async () => {
    const c10b = classNamed('10 «Б»');
    const bad = markFor(pupilIn(c10b), eventOf(c10b), { body: { status: 'teleported' } });
    const response = await bulk(teacher.cookie, { docs: [bad] });
    const [result] = response.json<{ error: string; reason: string }[]>();
    expect(result?.error).toBe('invalid_doc');
    expect(result?.reason).toMatch(/body\.status/);
  });

  it('malformed JSON, a body that is not {docs}, too many documents, too large a body: 4xx', async () => {
    const malformed = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_docs',
      headers: { cookie: teacher.cookie, 'content-type': 'application/json' },
      payload: '{"docs": [',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'invalid_json' });

    const notDocs = await bulk(teacher.cookie, { documents: [] });
    expect(notDocs.statusCode).toBe(400);

    const many = await bulk(teacher.cookie, {
      docs: Array.from({ length: 1001 }, (_, i) => ({ _id: `x${i}` })),
    });
    expect(many.statusCode).toBe(413);

    const huge = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_docs',
      headers: { cookie: teacher.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ docs: [], pad: 'x'.repeat(9 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('an event added on the spot and its roll call may arrive in one batch', async () => {
    const c10b = classNamed('10 «Б»');
    const eventId = 'on-the-spot-1';
    const event = {
      _id: `event:${eventId}`,
      type: 'event',
      schoolId: pupilIn(c10b).schoolId,
      classIds: [c10b],
      eventId,
      date: '2026-12-07',
      audience: 'class-families',
      updatedAt: AT,
      updatedBy: 'x',
      body: { title: 'Субботник', status: 'held' },
    } as HomeroomDoc;
    const response = await bulk(teacher.cookie, { docs: [markFor(pupilIn(c10b), event), event] });
    expect(response.json()).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
    ]);
  });

  it('the administration may correct a pupil record', async () => {
    const pupil = pupilIn(classNamed('10 «Б»'));
    const response = await bulk(director.cookie, {
      docs: [{ ...pupil, body: { ...(pupil.body as object), patronymic: 'Тестович' } }],
    });
    expect(response.json()).toEqual([expect.objectContaining({ ok: true })]);
  });
});
