/**
 * Absence notices over the API: a family reports its own child's absence, with a photo of a
 * certificate, and the class teacher reads it; a family cannot report (or move a notice onto)
 * another family's child, and other families and other classes' teachers never see a notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { bulkDocs } from './api';
import { pupilsOfClass } from './fixtureFacts';
import { GUARDIAN_10B, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

const TEACHER_5A = 'tgrebenyuk908@example.com';
const AT = '2026-12-07T15:00:00.000Z';

let server: TestServer;
type Session = Awaited<ReturnType<typeof login>>;
let mum: Session;
let otherFamily: Session;
let teacher: Session;
let teacher5A: Session;
let child: HomeroomDoc;
let classmate: HomeroomDoc;

async function docsOf(session: Session): Promise<HomeroomDoc[]> {
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie: session.cookie },
  });
  return response.json<{ results: { doc: HomeroomDoc }[] }>().results.map((r) => r.doc);
}

const write = (session: Session, docs: object[]) => bulkDocs(server.app, session.cookie, docs);

function notice(pupil: HomeroomDoc, id: string, overrides: Partial<HomeroomDoc> = {}) {
  return {
    _id: `absence:${id}`,
    type: 'absence',
    schoolId: pupil.schoolId,
    classIds: pupil.classIds,
    pupilId: pupil.pupilId,
    audience: 'family',
    date: '2026-12-08',
    updatedAt: AT,
    updatedBy: 'client',
    body: {
      from: '2026-12-08',
      to: '2026-12-09',
      reason: 'illness',
      evidence: 'medical',
      text: 'Температура, врач на дому.',
      authorName: 'Мама',
      media: [`media:${id}`],
    },
    ...overrides,
  };
}

function certificate(pupil: HomeroomDoc, id: string) {
  return {
    _id: `media:${id}`,
    type: 'media',
    schoolId: pupil.schoolId,
    classIds: pupil.classIds,
    pupilId: pupil.pupilId,
    audience: 'family',
    date: '2026-12-08',
    updatedAt: AT,
    updatedBy: 'client',
    // A JPEG's first bytes are enough for the schema; the app sends the whole resized photo.
    body: {
      kind: 'photo',
      mime: 'image/jpeg',
      data: '/9j/4AAQ',
      bytes: 6,
      parentId: `absence:${id}`,
    },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  mum = await login(server.app, GUARDIAN_10B);
  teacher = await login(server.app, TEACHER_10B);
  teacher5A = await login(server.app, TEACHER_5A);
  const ownChild = (await docsOf(mum)).find((doc) => doc.type === 'pupil');
  if (!ownChild) throw new Error(`${GUARDIAN_10B} has no child in the demo school`);
  child = ownChild;
  const pupils = (await docsOf(teacher)).filter((doc) => doc.type === 'pupil');
  const otherRow = pupilsOfClass('10 «Б»').find(
    (row) =>
      row[8] && row[8] !== GUARDIAN_10B && row[1] !== (child.body as { lastName: string }).lastName,
  );
  if (!otherRow?.[8]) throw new Error('10 «Б» has no other family with an e-mail');
  otherFamily = await login(server.app, otherRow[8]);
  const found = pupils.find(
    (pupil) => (pupil.body as { lastName: string }).lastName === otherRow[1],
  );
  if (!found) throw new Error(`no pupil ${otherRow[1]} in 10 «Б»`);
  classmate = found;
});
afterAll(async () => {
  await server.close();
});

describe('absence notices', () => {
  it('a family reports its own child ill, with a photo of the certificate', async () => {
    const results = await write(mum, [notice(child, 'own'), certificate(child, 'own')]);
    expect(results).toEqual([
      expect.objectContaining({ id: 'absence:own', ok: true }),
      expect.objectContaining({ id: 'media:own', ok: true }),
    ]);
  });

  it('the class teacher reads the notice and the photo; other families and classes do not', async () => {
    const ids = (docs: HomeroomDoc[]) => docs.map((doc) => doc._id);
    const teachers = await docsOf(teacher);
    expect(ids(teachers)).toEqual(expect.arrayContaining(['absence:own', 'media:own']));
    expect(teachers.find((doc) => doc._id === 'absence:own')?.body).toMatchObject({
      reason: 'illness',
      evidence: 'medical',
      media: ['media:own'],
    });
    expect(ids(await docsOf(otherFamily))).not.toContain('absence:own');
    expect(ids(await docsOf(otherFamily))).not.toContain('media:own');
    expect(ids(await docsOf(teacher5A))).not.toContain('absence:own');
  });

  it("a family cannot report another family's child, and nothing is stored", async () => {
    const results = await write(mum, [
      notice(classmate, 'forged'),
      certificate(classmate, 'forged'),
    ]);
    expect(results).toEqual([
      expect.objectContaining({ id: 'absence:forged', error: 'forbidden' }),
      expect.objectContaining({ id: 'media:forged', error: 'forbidden' }),
    ]);
    const stored = await server.app.inject({
      url: '/couch/demo/absence:forged',
      headers: { cookie: teacher.cookie },
    });
    expect(stored.statusCode).toBe(404);
    expect((await docsOf(otherFamily)).map((doc) => doc._id)).not.toContain('absence:forged');
  });

  it("a family cannot move its notice onto another family's child", async () => {
    const [own] = (await docsOf(mum)).filter((doc) => doc._id === 'absence:own');
    const moved = notice(classmate, 'own', { _rev: own?._rev });
    expect(await write(mum, [moved])).toEqual([
      expect.objectContaining({ id: 'absence:own', error: 'forbidden' }),
    ]);
  });

  it('a notice must stay with the family and name the child in its own class', async () => {
    const toAll = notice(child, 'all', { audience: 'class-families' });
    const elsewhere = notice(child, 'elsewhere', { classIds: ['another-class'] });
    const results = await write(mum, [toAll, elsewhere]);
    expect(results.map((result) => result.error)).toEqual(['invalid_doc', 'invalid_doc']);
    expect(results[0]?.reason).toMatch(/audience/);
    expect(results[1]?.reason).toMatch(/not a pupil of the class/);
  });
});
