/**
 * The five roles, and a person who holds two of them. The fixture has no pupil accounts and no
 * teacher who is also a guardian: these tests create them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceId, type HomeroomDoc } from '../../src/domain/envelope';
import { classesTaughtBy } from './fixtureFacts';
import { DIRECTOR, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
let director: { cookie: string };
let everything: HomeroomDoc[];

async function feed(cookie: string): Promise<HomeroomDoc[]> {
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie },
  });
  return response
    .json<{ results: { doc?: HomeroomDoc }[] }>()
    .results.flatMap((row) => (row.doc ? [row.doc] : []));
}
async function bulk(cookie: string, docs: object[]) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie },
    payload: { docs },
  });
  return response.json<{ ok?: boolean; error?: string }[]>();
}
const className = (classId: string) =>
  (everything.find((doc) => doc._id === `class:${classId}`)?.body as { name: string } | undefined)
    ?.name;
const personOf = (loginName: string) =>
  server.homeroom.deps.accounts.findByLogin(loginName)!.personId;

beforeAll(async () => {
  server = await startTestServer();
  director = await login(server.app, DIRECTOR);
  everything = await feed(director.cookie);
});
afterAll(async () => {
  await server.close();
});

describe('a subject teacher', () => {
  // Воронина teaches English (teaching-load.csv) and leads no class.
  const VORONINA = 'kvoronina922@example.com';

  it('reads the names of the classes she teaches, and no birth dates, marks or contacts', async () => {
    const { cookie } = await login(server.app, VORONINA);
    const docs = await feed(cookie);
    const rosterClasses = new Set(
      docs.filter((doc) => doc.type === 'pupil').map((doc) => className(doc.classIds[0]!)),
    );
    expect([...rosterClasses].sort()).toEqual(classesTaughtBy('Воронина').sort());
    for (const type of ['profile', 'guardian', 'guardianship', 'attendance']) {
      expect(
        docs.filter((doc) => doc.type === type),
        type,
      ).toEqual([]);
    }
  });

  it('reads the events she leads and the marks at them, and takes their roll', async () => {
    const personId = personOf(VORONINA);
    const event = everything.find((doc) => doc.type === 'event' && doc.classIds.length === 1)!;
    const pupil = everything.find(
      (doc) => doc.type === 'pupil' && doc.classIds[0] === event.classIds[0],
    )!;
    const [led] = await bulk(director.cookie, [{ ...event, personId }]);
    expect(led?.ok).toBe(true);

    const { cookie } = await login(server.app, VORONINA);
    expect((await feed(cookie)).some((doc) => doc._id === event._id)).toBe(true);
    const mark = {
      _id: attendanceId(event.eventId!, pupil.pupilId!),
      type: 'attendance',
      schoolId: event.schoolId,
      classIds: pupil.classIds,
      pupilId: pupil.pupilId,
      eventId: event.eventId,
      date: event.date,
      audience: 'family',
      updatedAt: new Date().toISOString(),
      updatedBy: personId,
      body: {
        status: 'late',
        reason: 'unknown',
        evidence: 'none',
        excused: false,
        recordedAt: new Date().toISOString(),
        recordedBy: personId,
        history: [],
      },
    };
    expect(await bulk(cookie, [mark])).toEqual([expect.objectContaining({ ok: true })]);
    expect((await feed(cookie)).some((doc) => doc._id === mark._id)).toBe(true);

    const other = everything.find(
      (doc) =>
        doc.type === 'event' && doc._id !== event._id && doc.classIds[0] === event.classIds[0],
    )!;
    const elsewhere = {
      ...mark,
      _id: attendanceId(other.eventId!, pupil.pupilId!),
      eventId: other.eventId,
      date: other.date,
    };
    expect(await bulk(cookie, [elsewhere])).toEqual([
      expect.objectContaining({ error: 'forbidden' }),
    ]);
  });
});

describe('a pupil', () => {
  it('reads their own record, plans and requests and what is addressed to pupils; writes only their own', async () => {
    const pupil = everything.find(
      (doc) => doc.type === 'pupil' && className(doc.classIds[0]!) === '10 «Б»',
    )!;
    const classmate = everything.find(
      (doc) =>
        doc.type === 'pupil' && doc.classIds[0] === pupil.classIds[0] && doc._id !== pupil._id,
    )!;
    const account = server.homeroom.deps.accounts.findByLogin(TEACHER_10B)!;
    await server.homeroom.deps.accounts.save([
      {
        ...account,
        _id: 'account:pupil-test',
        _rev: undefined,
        logins: ['pupil.test@example.com'],
        personId: pupil.pupilId!,
        admin: false,
        staff: false,
        guardian: false,
        pupilId: pupil.pupilId!,
      },
    ]);
    const teacher = await login(server.app, TEACHER_10B);
    const base = {
      schoolId: pupil.schoolId,
      classIds: pupil.classIds,
      updatedAt: new Date().toISOString(),
      updatedBy: 'x',
    };
    const written = await bulk(teacher.cookie, [
      {
        ...base,
        _id: 'note:for-pupils-1',
        type: 'note',
        audience: 'pupils',
        body: { text: 'Для учеников' },
      },
      {
        ...base,
        _id: 'note:for-families-1',
        type: 'note',
        audience: 'class-families',
        body: { text: 'Для семей' },
      },
    ]);
    expect(written.every((result) => result.ok)).toBe(true);

    const { cookie } = await login(server.app, 'pupil.test@example.com');
    const own = {
      ...base,
      _id: 'request:r1',
      type: 'request',
      pupilId: pupil.pupilId,
      audience: 'staff',
      body: { title: 'Справка', text: 'Нужна справка для секции' },
    };
    expect(await bulk(cookie, [own])).toEqual([expect.objectContaining({ ok: true })]);
    const forged = { ...own, _id: 'request:r2', pupilId: classmate.pupilId };
    expect(await bulk(cookie, [forged])).toEqual([expect.objectContaining({ error: 'forbidden' })]);
    const mark = { ...own, _id: 'note:n9', type: 'note', body: { text: 'x' } };
    expect(await bulk(cookie, [mark])).toEqual([expect.objectContaining({ error: 'forbidden' })]);

    const ids = (await feed(cookie)).map((doc) => doc._id).sort();
    expect(ids).toContain(pupil._id);
    expect(ids).toContain('request:r1');
    expect(ids).toContain('note:for-pupils-1');
    expect(ids).not.toContain('note:for-families-1');
    expect(ids).not.toContain(classmate._id);
    expect(
      ids.some(
        (id) => id.startsWith('att:') || id.startsWith('profile:') || id.startsWith('guardian'),
      ),
    ).toBe(false);
  });
});

describe('a teacher who is also a guardian', () => {
  it('reads the union of both roles and nothing more', async () => {
    // The class teacher of 5 «А» becomes the guardian of a pupil in 2 «Б».
    const teacherLogin = 'tgrebenyuk908@example.com';
    const personId = personOf(teacherLogin);
    const child = everything.find(
      (doc) => doc.type === 'pupil' && className(doc.classIds[0]!) === '2 «Б»',
    )!;
    const guardianship = {
      _id: `guardianship:${child.pupilId!}:${personId}`,
      type: 'guardianship',
      schoolId: child.schoolId,
      classIds: child.classIds,
      pupilId: child.pupilId,
      personId,
      audience: 'family',
      updatedAt: new Date().toISOString(),
      updatedBy: 'x',
      body: { relation: 'мать' },
    };
    expect(await bulk(director.cookie, [guardianship])).toEqual([
      expect.objectContaining({ ok: true }),
    ]);

    const { cookie } = await login(server.app, teacherLogin);
    const docs = await feed(cookie);
    const pupilClasses = new Set(
      docs.filter((doc) => doc.type === 'pupil').map((doc) => className(doc.classIds[0]!)),
    );
    expect(pupilClasses.has('5 «А»')).toBe(true);
    expect(docs.some((doc) => doc._id === child._id)).toBe(true);
    // Of 2 «Б», only her own child: no classmates, no guardians' contacts.
    const class2b = docs.filter(
      (doc) => doc.classIds.includes(child.classIds[0]!) && doc.type === 'pupil',
    );
    expect(class2b.map((doc) => doc._id)).toEqual([child._id]);
    expect(
      docs.some((doc) => doc.type === 'guardian' && doc.classIds.includes(child.classIds[0]!)),
    ).toBe(false);
  });
});
