/**
 * A guardian asks every route for another pupil's attendance record and gets nothing back: each
 * answer is exactly what a missing document gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, markForLetter, recordMark } from '../../src/domain/attendance';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { GUARDIAN_10B, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
let guardian: { cookie: string };
let otherMarkId: string;
let otherMarkRev: string;
let ownMarkId: string;

async function docsOf(cookie: string): Promise<HomeroomDoc[]> {
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie },
  });
  return response.json<{ results: { doc: HomeroomDoc }[] }>().results.map((r) => r.doc);
}

function mark(event: HomeroomDoc, pupil: HomeroomDoc, at: string) {
  const ill = markForLetter({
    letter: 'б',
    status: 'absent',
    reason: 'illness',
    excused: true,
    meaning: '',
  });
  const body = recordMark(undefined, ill, at, 'teacher');
  return attendanceRecord({ event, pupil }, body, {
    updatedAt: at,
    updatedBy: 'client-says-anything',
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const teacher = await login(server.app, TEACHER_10B);
  guardian = await login(server.app, GUARDIAN_10B);

  const childId = (await docsOf(guardian.cookie)).find((d) => d.type === 'pupil')?.pupilId;
  const teacherDocs = await docsOf(teacher.cookie);
  const pupils = teacherDocs.filter((d) => d.type === 'pupil');
  const own = pupils.find((p) => p.pupilId === childId);
  const other = pupils.find((p) => p.pupilId !== childId && p.classIds[0] === own?.classIds[0]);
  const event = teacherDocs.find((d) => d.type === 'event' && d.date === '2026-12-07');
  if (!own || !other || !event) throw new Error('demo school is missing the expected records');

  const at = '2026-12-07T05:10:00.000Z';
  const response = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie: teacher.cookie },
    payload: { docs: [mark(event, other, at), mark(event, own, at)] },
  });
  const results = response.json<{ id: string; rev: string; ok?: boolean }[]>();
  expect(results.every((r) => r.ok)).toBe(true);
  otherMarkId = results[0]?.id ?? '';
  otherMarkRev = results[0]?.rev ?? '';
  ownMarkId = results[1]?.id ?? '';
});

afterAll(async () => {
  await server.close();
});

const enc = encodeURIComponent;

describe("a guardian asking for another pupil's mark", () => {
  it('sees their own child’s mark, with updatedBy set by the server', async () => {
    const response = await server.app.inject({
      url: `/couch/demo/${enc(ownMarkId)}`,
      headers: { cookie: guardian.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<HomeroomDoc>().updatedBy).not.toBe('client-says-anything');
  });

  it('GET of the document, of its revision and of its open revisions: 404 not_found', async () => {
    for (const query of [
      '',
      `?rev=${otherMarkRev}`,
      '?open_revs=all',
      '?revs=true&conflicts=true',
    ]) {
      const response = await server.app.inject({
        url: `/couch/demo/${enc(otherMarkId)}${query}`,
        headers: { cookie: guardian.cookie },
      });
      expect(response.statusCode, query).toBe(404);
      expect(response.json(), query).toEqual({ error: 'not_found', reason: 'missing' });
      expect(response.body).not.toContain('illness');
    }
    const missing = await server.app.inject({
      url: `/couch/demo/${enc('att:no-such:doc')}`,
      headers: { cookie: guardian.cookie },
    });
    expect(missing.json()).toEqual({ error: 'not_found', reason: 'missing' });
  });

  it('_bulk_get: a per-item not_found', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_get?revs=true',
      headers: { cookie: guardian.cookie },
      payload: { docs: [{ id: otherMarkId }, { id: otherMarkId, rev: otherMarkRev }] },
    });
    expect(response.body).not.toContain('illness');
    for (const result of response.json<{ results: { docs: object[] }[] }>().results) {
      expect(result.docs).toEqual([
        { error: expect.objectContaining({ error: 'not_found' }) as unknown },
      ]);
    }
  });

  it('_all_docs by key and by range: not_found, and not listed', async () => {
    const byKey = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_all_docs?include_docs=true',
      headers: { cookie: guardian.cookie },
      payload: { keys: [otherMarkId] },
    });
    expect(byKey.json<{ rows: unknown[] }>().rows).toEqual([
      { key: otherMarkId, error: 'not_found' },
    ]);
    const getByKey = await server.app.inject({
      url: `/couch/demo/_all_docs?keys=${enc(JSON.stringify([otherMarkId]))}`,
      headers: { cookie: guardian.cookie },
    });
    expect(getByKey.json<{ rows: unknown[] }>().rows).toEqual([
      { key: otherMarkId, error: 'not_found' },
    ]);
    const range = await server.app.inject({
      url: '/couch/demo/_all_docs?include_docs=true',
      headers: { cookie: guardian.cookie },
    });
    expect(range.body).not.toContain(otherMarkId);
    expect(range.body).toContain(ownMarkId);
  });

  it('_changes, normal and longpoll: not in the feed', async () => {
    for (const query of ['?include_docs=true', '?style=all_docs', '?feed=longpoll&timeout=100']) {
      const response = await server.app.inject({
        url: `/couch/demo/_changes${query}`,
        headers: { cookie: guardian.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(otherMarkId);
    }
  });

  it('_revs_diff: reveals nothing (every revision "missing")', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_revs_diff',
      headers: { cookie: guardian.cookie },
      payload: { [otherMarkId]: [otherMarkRev] },
    });
    expect(response.json()).toEqual({ [otherMarkId]: { missing: [otherMarkRev] } });
  });

  it('a filter named by the client is refused, not applied', async () => {
    const response = await server.app.inject({
      url: '/couch/demo/_changes?filter=_view&view=anything',
      headers: { cookie: guardian.cookie },
    });
    expect(response.statusCode).toBe(400);
  });

  it('_all_dbs and unknown routes: nothing', async () => {
    const allDbs = await server.app.inject({
      url: '/couch/_all_dbs',
      headers: { cookie: guardian.cookie },
    });
    expect(allDbs.statusCode).toBe(403);
    for (const url of [
      '/couch/demo/_design/x',
      '/couch/demo/_design_docs',
      '/couch/_config',
      '/couch/demo/_find',
    ]) {
      const response = await server.app.inject({ url, headers: { cookie: guardian.cookie } });
      expect(response.statusCode, url).toBe(404);
    }
  });
});
