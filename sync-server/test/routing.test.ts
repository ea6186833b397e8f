/**
 * The feed answered from the routing index: what each user receives equals what the access rules
 * allow, page by page; grant changes take effect at once, both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRead } from '../../src/domain/access';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { accountRoles } from '../src/accounts/accounts';
import {
  DIRECTOR,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
let director: { cookie: string };

interface Row {
  id: string;
  seq: string;
  removed?: boolean;
  deleted?: boolean;
  doc?: HomeroomDoc;
}

async function changes(cookie: string, since?: string, limit?: number) {
  const query = new URLSearchParams({ include_docs: 'true' });
  if (since !== undefined) query.set('since', since);
  if (limit !== undefined) query.set('limit', String(limit));
  const response = await server.app.inject({
    url: `/couch/demo/_changes?${query.toString()}`,
    headers: { cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ results: Row[]; last_seq: string; pending: number }>();
}

/** Follows the feed in pages to its end, as a replicator does. */
async function follow(cookie: string, since?: string, limit = 50) {
  const rows: Row[] = [];
  let position = since;
  for (let page = 0; page < 1000; page++) {
    const answer = await changes(cookie, position, limit);
    rows.push(...answer.results);
    position = answer.last_seq;
    if (answer.pending === 0) break;
  }
  return { rows, position: position ?? '' };
}

async function bulk(cookie: string, docs: object[]) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie },
    payload: { docs },
  });
  return response.json<{ ok?: boolean; error?: string; rev?: string }[]>();
}

beforeAll(async () => {
  server = await startTestServer();
  director = await login(server.app, DIRECTOR);
});
afterAll(async () => {
  await server.close();
});

describe('the feed from the routing index', () => {
  it('gives every demo account exactly what the rules allow, in pages or at once', async () => {
    const everything = (await follow(director.cookie, undefined, 5000)).rows.map((row) => row.doc!);
    expect(everything.length).toBeGreaterThan(2500);
    const store = server.homeroom.deps.schools.get('demo')!;
    const accounts = [
      TEACHER_10B,
      GUARDIAN_10B,
      'tgrebenyuk908@example.com',
      'semenovy.family@example.com',
      'kvoronina922@example.com',
    ];
    for (const loginName of accounts) {
      const account = server.homeroom.deps.accounts.findByLogin(loginName)!;
      const scope = store.grants.scopeFor(accountRoles(account));
      const expected = everything
        .filter((doc) => canRead(scope, doc))
        .map((doc) => doc._id)
        .sort();
      const { cookie } = await login(server.app, loginName);
      const paged = (await follow(cookie, undefined, 7)).rows.map((row) => row.id).sort();
      const whole = (await follow(cookie, undefined, 100_000)).rows.map((row) => row.id).sort();
      expect(paged, loginName).toEqual(expected);
      expect(whole, loginName).toEqual(expected);
    }
  });

  it('an incremental sync brings only what changed since', async () => {
    const teacher = await login(server.app, TEACHER_10B);
    const start = await follow(teacher.cookie);
    const event = start.rows.find((row) => row.doc?.type === 'event')!.doc!;
    const [written] = await bulk(teacher.cookie, [
      { ...event, body: { ...(event.body as object), place: 'Актовый зал' } },
    ]);
    expect(written?.ok).toBe(true);
    const next = await follow(teacher.cookie, start.position);
    expect(next.rows.map((row) => row.id)).toEqual([event._id]);
    expect(next.rows[0]?.doc?.body).toMatchObject({ place: 'Актовый зал' });
  });

  it("a pupil moving class leaves the old class teacher's view and reaches the new one at once", async () => {
    const oldTeacher = await login(server.app, TEACHER_10B);
    // 11 «А»: a class the old class teacher does not teach a subject in either.
    const newTeacher = await login(server.app, 'ailina920@example.com');
    const guardian = await login(server.app, GUARDIAN_10B);
    const oldStart = await follow(oldTeacher.cookie);
    const newStart = await follow(newTeacher.cookie);
    const guardianStart = await follow(guardian.cookie);

    const child = guardianStart.rows.find((row) => row.doc?.type === 'pupil')!.doc!;
    const class10a = newStart.rows.find((row) => row.doc?.type === 'assignment')!.doc!.classIds[0]!;
    const [moved] = await bulk(director.cookie, [{ ...child, classIds: [class10a] }]);
    expect(moved?.ok).toBe(true);

    const oldNext = await follow(oldTeacher.cookie, oldStart.position);
    expect(oldNext.rows).toContainEqual(expect.objectContaining({ id: child._id, removed: true }));
    const newNext = await follow(newTeacher.cookie, newStart.position);
    expect(newNext.rows.find((row) => row.id === child._id)?.doc?.classIds).toEqual([class10a]);
    // The family follows the child: the new class and its events, from their start.
    const guardianNext = await follow(guardian.cookie, guardianStart.position);
    const ids = guardianNext.rows.map((row) => row.id);
    expect(ids).toContain(`class:${class10a}`);
    expect(guardianNext.rows.filter((row) => row.removed).map((row) => row.id)).toContain(
      guardianStart.rows.find((row) => row.doc?.type === 'class')!.id,
    );
  });

  it('a guardianship removed: the next sync announces every document of that child as removed', async () => {
    const family = await login(server.app, 'semenovy.family@example.com');
    const start = await follow(family.cookie);
    const guardianship = start.rows.find(
      (row) => row.doc?.type === 'guardianship' && row.doc.personId === family.personId,
    )!.doc!;
    const childId = guardianship.pupilId!;
    const childDocs = start.rows.filter((row) => row.doc?.pupilId === childId).map((row) => row.id);
    expect(childDocs.length).toBeGreaterThanOrEqual(2);

    const [deleted] = await bulk(director.cookie, [{ ...guardianship, _deleted: true }]);
    expect(deleted?.ok).toBe(true);
    const next = await follow(family.cookie, start.position);
    const removed = next.rows.filter((row) => row.removed).map((row) => row.id);
    for (const id of childDocs) expect(removed).toContain(id);
    // And the child is gone from a fresh sync too.
    const fresh = await follow(family.cookie);
    expect(fresh.rows.some((row) => row.doc?.pupilId === childId && row.doc.type === 'pupil')).toBe(
      false,
    );
  });

  it('refuses a position it never gave', async () => {
    const response = await server.app.inject({
      url: '/couch/demo/_changes?since=%7Bnonsense',
      headers: { cookie: director.cookie },
    });
    expect(response.statusCode).toBe(400);
  });
});
