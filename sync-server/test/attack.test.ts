/**
 * The attack suite: every route the server answers, probed by every role for what it must not get.
 * Each probe states the exact refusal and checks that nothing of the target leaked. A route without
 * a probe fails the first test, so a route added later cannot go unguarded.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecord, markForLetter, recordMark } from '../../src/domain/attendance';
import { attendanceId, type HomeroomDoc } from '../../src/domain/envelope';
import { routesOf } from '../src/app';
import {
  DEMO_PASSWORD,
  DIRECTOR,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
const cookies: Record<string, string> = {};
const t: Record<string, string> = {};
/** Text that must never appear in an answer to an attacker. */
const SECRETS: string[] = [];

interface Probe {
  name: string;
  /** The route pattern it exercises, as the server registers it. */
  route: string;
  as:
    | 'anonymous'
    | 'guardian'
    | 'teacher'
    | 'otherTeacher'
    | 'subject'
    | 'pupil'
    | 'revoked'
    | 'forged';
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  url: () => string;
  body?: () => unknown;
  headers?: () => Record<string, string>;
  status: number;
  error?: string;
  /** For a 200 that must not contain the target: the ids that must be absent. */
  absent?: () => string[];
}

const enc = encodeURIComponent;
const ILL = markForLetter({
  letter: 'б',
  status: 'absent',
  reason: 'illness',
  excused: true,
  meaning: '',
});
const mark = (pupil: HomeroomDoc, event: HomeroomDoc, extra: object = {}) => {
  const at = new Date().toISOString();
  const record = attendanceRecord({ event, pupil }, recordMark(undefined, ILL, at, 'x'), {
    updatedAt: at,
    updatedBy: 'x',
  });
  return { ...record, ...extra };
};
let docs: HomeroomDoc[] = [];
const find = (predicate: (doc: HomeroomDoc) => boolean) => docs.find(predicate)!;

beforeAll(async () => {
  server = await startTestServer();
  for (const [role, name] of [
    ['guardian', GUARDIAN_10B],
    ['teacher', TEACHER_10B],
    ['otherTeacher', 'tgrebenyuk908@example.com'],
    ['subject', 'kvoronina922@example.com'],
    ['director', DIRECTOR],
    ['revoked', 'semenovy.family@example.com'],
  ] as const) {
    cookies[role] = (await login(server.app, name)).cookie;
  }
  const all = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie: cookies.director! },
  });
  docs = all.json<{ results: { doc: HomeroomDoc }[] }>().results.map((row) => row.doc);

  const guardianFeed = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie: cookies.guardian! },
  });
  const child = guardianFeed
    .json<{ results: { doc: HomeroomDoc }[] }>()
    .results.map((row) => row.doc)
    .find((doc) => doc.type === 'pupil')!;
  const classId = child.classIds[0]!;
  const other = find(
    (doc) => doc.type === 'pupil' && doc.classIds[0] === classId && doc._id !== child._id,
  );
  const event = find((doc) => doc.type === 'event' && doc.classIds[0] === classId);
  const otherClassEvent = find((doc) => doc.type === 'event' && doc.classIds[0] !== classId);
  const otherClassPupil = find(
    (doc) => doc.type === 'pupil' && doc.classIds[0] === otherClassEvent.classIds[0],
  );

  // The targets, written by the class teacher.
  const staffNote = {
    _id: 'note:staff-only-1',
    type: 'note',
    schoolId: child.schoolId,
    classIds: [classId],
    pupilId: other.pupilId,
    audience: 'staff',
    updatedAt: new Date().toISOString(),
    updatedBy: 'x',
    body: { text: 'Служебная заметка о здоровье' },
  };
  const written = await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie: cookies.teacher! },
    payload: { docs: [mark(other, event), staffNote] },
  });
  const [markResult] = written.json<{ id: string; rev: string }[]>();
  const local = await server.app.inject({
    method: 'PUT',
    url: '/couch/demo/_local/teacher-checkpoint',
    headers: { cookie: cookies.teacher! },
    payload: { last_seq: 'x' },
  });
  expect(local.statusCode).toBe(201);

  // A revoked guardian: the Семёновы lose one child.
  const family = server.homeroom.deps.accounts.findByLogin('semenovy.family@example.com')!;
  const lostGuardianship = find(
    (doc) => doc.type === 'guardianship' && doc.personId === family.personId,
  );
  await server.app.inject({
    method: 'POST',
    url: '/couch/demo/_bulk_docs',
    headers: { cookie: cookies.director! },
    payload: { docs: [{ ...lostGuardianship, _deleted: true }] },
  });

  Object.assign(t, {
    classId,
    markId: markResult!.id,
    markRev: markResult!.rev,
    profileId: `profile:${other.pupilId!}`,
    guardianId: find(
      (doc) =>
        doc.type === 'guardian' &&
        doc.classIds.includes(classId) &&
        !doc._id.endsWith(server.homeroom.deps.accounts.findByLogin(GUARDIAN_10B)!.personId),
    )._id,
    staffNoteId: staffNote._id,
    lostPupilId: `pupil:${lostGuardianship.pupilId!}`,
    schoolId: child.schoolId,
  });
  const otherBody = other.body as { lastName: string; firstName: string };
  SECRETS.push(otherBody.lastName, 'Служебная заметка');
  Object.assign(fixtures, { child, other, event, otherClassPupil, otherClassEvent });
});
afterAll(async () => {
  await server.close();
});

const fixtures: Record<string, HomeroomDoc> = {};
const forgeToken = (payload: string) => {
  const secret = server.homeroom.deps.secret;
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `AuthSession=${Buffer.from(payload).toString('base64url')}.${mac}`;
};

const READS_OF_THE_MARK: Probe[] = [
  {
    name: 'GET the mark',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'HEAD the mark',
    route: 'HEAD /couch/:db/:docid',
    as: 'guardian',
    method: 'HEAD',
    url: () => `/couch/demo/${enc(t.markId!)}`,
    status: 404,
  },
  {
    name: 'GET the mark at its revision',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}?rev=${t.markRev!}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'GET open_revs=all',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}?open_revs=all`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'GET open_revs=[rev]',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}?open_revs=${enc(JSON.stringify([t.markRev]))}`,
    status: 200,
    absent: () => [t.markId!],
  },
  {
    name: 'GET revs_info and conflicts',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}?revs_info=true&conflicts=true&revs=true`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'GET with attachments',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}?attachments=true&att_encoding_info=true`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'GET the attachment path',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.markId!)}/photo.jpg`,
    status: 404,
    error: 'not_found',
  },
  {
    name: '_all_docs by keys (GET)',
    route: 'GET /couch/:db/_all_docs',
    as: 'guardian',
    url: () => `/couch/demo/_all_docs?include_docs=true&keys=${enc(JSON.stringify([t.markId]))}`,
    status: 200,
    absent: () => [t.markRev!],
  },
  {
    name: '_all_docs by keys (POST)',
    route: 'POST /couch/:db/_all_docs',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_all_docs?include_docs=true',
    body: () => ({ keys: [t.markId] }),
    status: 200,
    absent: () => [t.markRev!],
  },
  {
    name: '_all_docs by key',
    route: 'GET /couch/:db/_all_docs',
    as: 'guardian',
    url: () => `/couch/demo/_all_docs?include_docs=true&key=${enc(JSON.stringify(t.markId))}`,
    status: 200,
    absent: () => [t.markId!],
  },
  {
    name: '_all_docs by key range',
    route: 'GET /couch/:db/_all_docs',
    as: 'guardian',
    url: () =>
      `/couch/demo/_all_docs?include_docs=true&startkey=${enc('"att:"')}&endkey=${enc('"att:\uffff"')}`,
    status: 200,
    absent: () => [t.markId!],
  },
  {
    name: '_all_docs descending everything',
    route: 'GET /couch/:db/_all_docs',
    as: 'guardian',
    url: () => '/couch/demo/_all_docs?include_docs=true&descending=true',
    status: 200,
    absent: () => [t.markId!, t.profileId!, t.staffNoteId!],
  },
  {
    name: 'HEAD _all_docs',
    route: 'HEAD /couch/:db/_all_docs',
    as: 'anonymous',
    method: 'HEAD',
    url: () => '/couch/demo/_all_docs',
    status: 401,
  },
  {
    name: '_bulk_get by id',
    route: 'POST /couch/:db/_bulk_get',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_bulk_get?revs=true',
    body: () => ({ docs: [{ id: t.markId }] }),
    status: 200,
    absent: () => [t.markRev!],
  },
  {
    name: '_bulk_get by id and rev',
    route: 'POST /couch/:db/_bulk_get',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_bulk_get?revs=true&latest=true',
    body: () => ({ docs: [{ id: t.markId, rev: t.markRev }] }),
    status: 200,
  },
  {
    name: '_revs_diff',
    route: 'POST /couch/:db/_revs_diff',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_revs_diff',
    body: () => ({ [t.markId!]: [t.markRev, '1-abc'] }),
    status: 200,
  },
  {
    name: '_changes with docs',
    route: 'GET /couch/:db/_changes',
    as: 'guardian',
    url: () => '/couch/demo/_changes?include_docs=true&style=all_docs',
    status: 200,
    absent: () => [t.markId!, t.profileId!, t.staffNoteId!, t.guardianId!],
  },
  {
    name: '_changes POST',
    route: 'POST /couch/:db/_changes',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_changes?include_docs=true',
    body: () => ({}),
    status: 200,
    absent: () => [t.markId!],
  },
  {
    name: 'HEAD _changes',
    route: 'HEAD /couch/:db/_changes',
    as: 'anonymous',
    method: 'HEAD',
    url: () => '/couch/demo/_changes',
    status: 401,
  },
  {
    name: '_changes with doc_ids',
    route: 'POST /couch/:db/_changes',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_changes?filter=_doc_ids',
    body: () => ({ doc_ids: [t.markId] }),
    status: 400,
    error: 'bad_request',
  },
  {
    name: '_changes with a client filter',
    route: 'GET /couch/:db/_changes',
    as: 'guardian',
    url: () => '/couch/demo/_changes?filter=app/all',
    status: 400,
    error: 'bad_request',
  },
  {
    name: '_changes with a selector',
    route: 'GET /couch/:db/_changes',
    as: 'guardian',
    url: () => '/couch/demo/_changes?selector=%7B%7D',
    status: 400,
    error: 'bad_request',
  },
  {
    name: '_changes with a view',
    route: 'GET /couch/:db/_changes',
    as: 'guardian',
    url: () => '/couch/demo/_changes?view=app/all',
    status: 400,
    error: 'bad_request',
  },
  {
    name: '_changes from a forged position',
    route: 'GET /couch/:db/_changes',
    as: 'guardian',
    url: () =>
      `/couch/demo/_changes?include_docs=true&since=${Buffer.from(JSON.stringify({ s: 0, k: ['x'] })).toString('base64url')}`,
    status: 200,
    absent: () => [t.markId!],
  },
  {
    name: 'the profile with the birth date',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.profileId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: "another family's contacts",
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.guardianId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'a note for staff',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc(t.staffNoteId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'the mark, by a teacher of another class',
    route: 'GET /couch/:db/:docid',
    as: 'otherTeacher',
    url: () => `/couch/demo/${enc(t.markId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'the mark, by a subject teacher of the class',
    route: 'GET /couch/:db/:docid',
    as: 'subject',
    url: () => `/couch/demo/${enc(t.markId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'the profile, by a subject teacher',
    route: 'GET /couch/:db/:docid',
    as: 'subject',
    url: () => `/couch/demo/${enc(t.profileId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'the staff note, by a teacher of another class',
    route: 'GET /couch/:db/:docid',
    as: 'otherTeacher',
    url: () => `/couch/demo/${enc(t.staffNoteId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'a design document',
    route: 'GET /couch/:db/:docid',
    as: 'guardian',
    url: () => `/couch/demo/${enc('_design/app')}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: "another user's checkpoint",
    route: 'GET /couch/:db/_local/:localid',
    as: 'guardian',
    url: () => '/couch/demo/_local/teacher-checkpoint',
    status: 404,
    error: 'not_found',
  },
  {
    name: "HEAD another user's checkpoint",
    route: 'HEAD /couch/:db/_local/:localid',
    as: 'guardian',
    method: 'HEAD',
    url: () => '/couch/demo/_local/teacher-checkpoint',
    status: 404,
  },
  {
    name: "delete another user's checkpoint",
    route: 'DELETE /couch/:db/_local/:localid',
    as: 'guardian',
    method: 'DELETE',
    url: () => '/couch/demo/_local/teacher-checkpoint',
    status: 404,
    error: 'not_found',
  },
  {
    name: 'escape the local prefix',
    route: 'GET /couch/:db/_local/:localid',
    as: 'guardian',
    url: () => `/couch/demo/_local/${enc('../u:x:teacher-checkpoint')}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'a huge local document',
    route: 'PUT /couch/:db/_local/:localid',
    as: 'guardian',
    method: 'PUT',
    url: () => '/couch/demo/_local/big',
    body: () => ({ pad: 'x'.repeat(20_000) }),
    status: 413,
    error: 'too_large',
  },
  {
    name: 'the list of databases',
    route: 'GET /couch/_all_dbs',
    as: 'teacher',
    url: () => '/couch/_all_dbs',
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'HEAD the list of databases',
    route: 'HEAD /couch/_all_dbs',
    as: 'guardian',
    method: 'HEAD',
    url: () => '/couch/_all_dbs',
    status: 403,
  },
  {
    name: "another school's database",
    route: 'GET /couch/:db',
    as: 'guardian',
    url: () => '/couch/school',
    status: 404,
    error: 'not_found',
  },
  {
    name: 'HEAD another database',
    route: 'HEAD /couch/:db',
    as: 'guardian',
    method: 'HEAD',
    url: () => '/couch/other',
    status: 404,
  },
  {
    name: 'create a database',
    route: 'PUT /couch/:db',
    as: 'guardian',
    method: 'PUT',
    url: () => '/couch/mine',
    status: 404,
    error: 'not_found',
  },
  {
    name: 'the device list',
    route: 'GET /couch/_homeroom/devices',
    as: 'teacher',
    url: () => '/couch/_homeroom/devices',
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'HEAD the device list',
    route: 'HEAD /couch/_homeroom/devices',
    as: 'guardian',
    method: 'HEAD',
    url: () => '/couch/_homeroom/devices',
    status: 403,
  },
  {
    name: 'block a device',
    route: 'POST /couch/_homeroom/devices/:deviceId/block',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/_homeroom/devices/some-device-id-0000/block',
    status: 403,
    error: 'forbidden',
  },
  {
    name: "another child's access log",
    route: 'GET /couch/_homeroom/audit',
    as: 'guardian',
    url: () => `/couch/_homeroom/audit?pupilId=${t.profileId!.slice('profile:'.length)}`,
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'HEAD an access log',
    route: 'HEAD /couch/_homeroom/audit',
    as: 'teacher',
    method: 'HEAD',
    url: () => `/couch/_homeroom/audit?pupilId=${t.profileId!.slice('profile:'.length)}`,
    status: 403,
  },
  {
    name: 'a revoked guardian reads the lost child',
    route: 'GET /couch/:db/:docid',
    as: 'revoked',
    url: () => `/couch/demo/${enc(t.lostPupilId!)}`,
    status: 404,
    error: 'not_found',
  },
  {
    name: "a revoked guardian's fresh feed",
    route: 'GET /couch/:db/_changes',
    as: 'revoked',
    url: () => '/couch/demo/_changes?include_docs=true',
    status: 200,
    absent: () => [t.lostPupilId!],
  },
];

const FORGED: Probe[] = [
  {
    name: 'no session: database info',
    route: 'GET /couch/:db',
    as: 'anonymous',
    url: () => '/couch/demo',
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: a document',
    route: 'GET /couch/:db/:docid',
    as: 'anonymous',
    url: () => `/couch/demo/${enc(t.markId!)}`,
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: write',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [] }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: revs_diff',
    route: 'POST /couch/:db/_revs_diff',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/demo/_revs_diff',
    body: () => ({}),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: bulk_get',
    route: 'POST /couch/:db/_bulk_get',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/demo/_bulk_get',
    body: () => ({ docs: [] }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: local write',
    route: 'PUT /couch/:db/_local/:localid',
    as: 'anonymous',
    method: 'PUT',
    url: () => '/couch/demo/_local/x',
    body: () => ({}),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: audit',
    route: 'GET /couch/_homeroom/audit',
    as: 'anonymous',
    url: () => '/couch/_homeroom/audit?pupilId=x',
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: delete',
    route: 'DELETE /couch/:db/:docid',
    as: 'anonymous',
    method: 'DELETE',
    url: () => `/couch/demo/${enc(t.markId!)}?rev=${t.markRev!}`,
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'no session: put',
    route: 'PUT /couch/:db/:docid',
    as: 'anonymous',
    method: 'PUT',
    url: () => '/couch/demo/note:x',
    body: () => ({}),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'a tampered signature',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({ cookie: cookies.guardian!.slice(0, -2) + 'AA' }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'a token signed with another key',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({
      cookie: `AuthSession=${Buffer.from('account:x|0|9999999999|s').toString('base64url')}.${createHmac('sha256', 'guess').update('account:x|0|9999999999|s').digest('base64url')}`,
    }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'an expired token',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({
      cookie: forgeToken(`${server.homeroom.deps.accounts.findByLogin(DIRECTOR)!._id}|0|1000|old`),
    }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'a token of an old session epoch',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({
      cookie: forgeToken(
        `${server.homeroom.deps.accounts.findByLogin(DIRECTOR)!._id}|7|9999999999|epoch`,
      ),
    }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'a token of no account',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({ cookie: forgeToken('account:nobody|0|9999999999|x') }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'Basic with a wrong password',
    route: 'GET /couch/:db',
    as: 'forged',
    url: () => '/couch/demo',
    headers: () => ({
      authorization: `Basic ${Buffer.from(`${DIRECTOR}:nope`).toString('base64')}`,
    }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'a role claimed at login is ignored',
    route: 'POST /couch/_session',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/_session',
    body: () => ({ name: GUARDIAN_10B, password: DEMO_PASSWORD, roles: ['admin'] }),
    status: 200,
  },
  {
    name: 'who am I, anonymous',
    route: 'GET /couch/_session',
    as: 'anonymous',
    url: () => '/couch/_session',
    status: 200,
  },
  {
    name: 'HEAD session',
    route: 'HEAD /couch/_session',
    as: 'anonymous',
    method: 'HEAD',
    url: () => '/couch/_session',
    status: 200,
  },
  {
    name: 'log out without a session',
    route: 'DELETE /couch/_session',
    as: 'anonymous',
    method: 'DELETE',
    url: () => '/couch/_session',
    status: 200,
  },
  {
    name: 'the welcome is public and says nothing',
    route: 'GET /couch/',
    as: 'anonymous',
    url: () => '/couch/',
    status: 200,
  },
  {
    name: 'HEAD the welcome',
    route: 'HEAD /couch/',
    as: 'anonymous',
    method: 'HEAD',
    url: () => '/couch/',
    status: 200,
  },
];

const WRITES: Probe[] = [
  {
    name: 'a guardian writes a mark',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [mark(fixtures.child!, fixtures.event!)] }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a guardian PUTs a mark',
    route: 'PUT /couch/:db/:docid',
    as: 'guardian',
    method: 'PUT',
    url: () => `/couch/demo/${enc(mark(fixtures.child!, fixtures.event!)._id)}`,
    body: () => mark(fixtures.child!, fixtures.event!),
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'a guardian deletes the mark',
    route: 'DELETE /couch/:db/:docid',
    as: 'guardian',
    method: 'DELETE',
    url: () => `/couch/demo/${enc(t.markId!)}?rev=${t.markRev!}`,
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'a teacher writes into another class',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [mark(fixtures.otherClassPupil!, fixtures.otherClassEvent!)] }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a teacher moves a pupil',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [{ ...fixtures.other!, classIds: fixtures.otherClassPupil!.classIds }] }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a teacher grants herself a child',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      docs: [
        {
          _id: `guardianship:${fixtures.other!.pupilId!}:me`,
          type: 'guardianship',
          schoolId: t.schoolId,
          classIds: [t.classId],
          pupilId: fixtures.other!.pupilId,
          personId: 'me',
          audience: 'family',
          updatedAt: new Date().toISOString(),
          updatedBy: 'x',
          body: {},
        },
      ],
    }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a teacher grants herself a class',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      docs: [
        {
          _id: `assignment:${fixtures.otherClassPupil!.classIds[0]!}:me`,
          type: 'assignment',
          schoolId: t.schoolId,
          classIds: fixtures.otherClassPupil!.classIds,
          personId: 'me',
          audience: 'staff',
          updatedAt: new Date().toISOString(),
          updatedBy: 'x',
          body: { role: 'class-teacher' },
        },
      ],
    }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a teacher publishes a mark to the school',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      docs: [
        mark(fixtures.child!, fixtures.event!, {
          _id: attendanceId(fixtures.event!.eventId!, fixtures.child!.pupilId!),
          audience: 'school',
        }),
      ],
    }),
    status: 201,
    error: 'invalid_doc',
  },
  {
    name: 'forged channels and author are not taken',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      docs: [
        {
          _id: 'note:forged-1',
          type: 'note',
          schoolId: t.schoolId,
          classIds: [t.classId],
          audience: 'staff',
          channels: [`all:${t.schoolId!}`],
          updatedAt: new Date().toISOString(),
          updatedBy: 'director',
          body: { text: 'x' },
        },
      ],
    }),
    status: 201,
  },
  {
    name: 'new_edits=false with a forged author',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      new_edits: false,
      docs: [
        { ...mark(fixtures.child!, fixtures.event!), _rev: '5-abc', updatedBy: 'someone-else' },
      ],
    }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a subject teacher marks at an event she does not lead',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'subject',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [mark(fixtures.child!, fixtures.event!)] }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a revoked guardian writes',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'revoked',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({
      docs: [
        {
          _id: 'note:r',
          type: 'note',
          schoolId: t.schoolId,
          classIds: [t.classId],
          audience: 'staff',
          updatedAt: new Date().toISOString(),
          updatedBy: 'x',
          body: { text: 'x' },
        },
      ],
    }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'a design document',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: [{ _id: '_design/evil', views: {} }] }),
    status: 201,
    error: 'forbidden',
  },
  {
    name: 'an id carrying a name',
    route: 'PUT /couch/:db/:docid',
    as: 'teacher',
    method: 'PUT',
    url: () => `/couch/demo/${enc('note:Иванов')}`,
    body: () => ({
      type: 'note',
      schoolId: t.schoolId,
      classIds: [t.classId],
      audience: 'staff',
      updatedAt: new Date().toISOString(),
      updatedBy: 'x',
      body: { text: 'x' },
    }),
    status: 400,
    error: 'invalid_doc',
  },
  {
    name: 'malformed JSON',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => '{"docs": [',
    status: 400,
    error: 'invalid_json',
  },
  {
    name: 'deeply nested JSON',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => `{"docs":[{"body":${'['.repeat(5000)}${']'.repeat(5000)}}]}`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'too many documents',
    route: 'POST /couch/:db/_bulk_docs',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/demo/_bulk_docs',
    body: () => ({ docs: Array.from({ length: 1001 }, (_, i) => ({ _id: `note:n${i}` })) }),
    status: 413,
    error: 'too_large',
  },
  {
    name: 'a PUT that is not an object',
    route: 'PUT /couch/:db/:docid',
    as: 'teacher',
    method: 'PUT',
    url: () => '/couch/demo/note:x1',
    body: () => [1, 2],
    status: 400,
    error: 'bad_request',
  },
];

const PASSWORD_CHANGES: Probe[] = [
  {
    name: 'change a password without a session',
    route: 'POST /couch/_homeroom/password',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/_homeroom/password',
    body: () => ({ oldPassword: DEMO_PASSWORD, newPassword: 'taken-over-123' }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'change a password with a wrong old one',
    route: 'POST /couch/_homeroom/password',
    as: 'guardian',
    method: 'POST',
    url: () => '/couch/_homeroom/password',
    body: () => ({ oldPassword: 'not-the-password', newPassword: 'taken-over-123' }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'change a password with a forged session',
    route: 'POST /couch/_homeroom/password',
    as: 'forged',
    method: 'POST',
    url: () => '/couch/_homeroom/password',
    headers: () => ({
      cookie: forgeToken(
        `${server.homeroom.deps.accounts.findByLogin(DIRECTOR)!._id}|7|9999999999|epoch`,
      ),
    }),
    body: () => ({ oldPassword: DEMO_PASSWORD, newPassword: 'taken-over-123' }),
    status: 401,
    error: 'unauthorized',
  },
  {
    name: 'change a password to a short one',
    route: 'POST /couch/_homeroom/password',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/_homeroom/password',
    body: () => ({ oldPassword: DEMO_PASSWORD, newPassword: 'short' }),
    status: 400,
    error: 'bad_request',
  },
];

const personOf = (id: string) => id.slice(id.indexOf(':') + 1);
const staffPerson = () => find((doc) => doc.type === 'staff').personId!;

const IMPORT_ROUTES: Probe[] = [
  ...(['anonymous', 'forged'] as const).map((as): Probe => ({
    name: 'create accounts for imported people',
    route: 'POST /couch/_homeroom/accounts',
    as,
    method: 'POST',
    url: () => '/couch/_homeroom/accounts',
    body: () => ({}),
    ...(as === 'forged'
      ? { headers: () => ({ cookie: forgeToken('account:nobody|0|9999999999|x') }) }
      : {}),
    status: 401,
    error: 'unauthorized',
  })),
  ...(['teacher', 'guardian', 'subject'] as const).map((as): Probe => ({
    name: 'create accounts for imported people',
    route: 'POST /couch/_homeroom/accounts',
    as,
    method: 'POST',
    url: () => '/couch/_homeroom/accounts',
    body: () => ({}),
    status: 403,
    error: 'forbidden',
  })),
  {
    name: 'an invitation code for a family of the class',
    route: 'POST /couch/_homeroom/invitations',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/_homeroom/invitations',
    body: () => ({ personId: personOf(t.guardianId!) }),
    status: 401,
    error: 'unauthorized',
  },
  ...(['guardian', 'otherTeacher', 'subject'] as const).map((as): Probe => ({
    name: 'an invitation code for a family of 10 «Б»',
    route: 'POST /couch/_homeroom/invitations',
    as,
    method: 'POST',
    url: () => '/couch/_homeroom/invitations',
    body: () => ({ personId: personOf(t.guardianId!) }),
    status: 403,
    error: 'forbidden',
    absent: () => ['"code"'],
  })),
  {
    name: 'an invitation code for a member of staff, by a class teacher',
    route: 'POST /couch/_homeroom/invitations',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/_homeroom/invitations',
    body: () => ({ personId: staffPerson() }),
    status: 403,
    error: 'forbidden',
    absent: () => ['"code"'],
  },
  {
    name: 'an invitation code for a person that does not exist',
    route: 'POST /couch/_homeroom/invitations',
    as: 'teacher',
    method: 'POST',
    url: () => '/couch/_homeroom/invitations',
    body: () => ({ personId: 'no-such-person' }),
    status: 403,
    error: 'forbidden',
  },
  {
    name: 'redeem a guessed invitation code',
    route: 'POST /couch/_homeroom/invitations/redeem',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/_homeroom/invitations/redeem',
    body: () => ({ code: 'AAAA-BBBB-CCCC', password: 'a long enough password' }),
    status: 401,
    error: 'unauthorized',
    absent: () => ['logins'],
  },
  {
    name: 'redeem a code with a short password',
    route: 'POST /couch/_homeroom/invitations/redeem',
    as: 'anonymous',
    method: 'POST',
    url: () => '/couch/_homeroom/invitations/redeem',
    body: () => ({ code: 'AAAA-BBBB-CCCC', password: 'short' }),
    status: 400,
    error: 'bad_request',
  },
];

const PROBES = [...READS_OF_THE_MARK, ...FORGED, ...WRITES, ...PASSWORD_CHANGES, ...IMPORT_ROUTES];

async function run(probe: Probe) {
  const headers: Record<string, string> = { ...(probe.headers?.() ?? {}) };
  const cookie = cookies[probe.as];
  if (cookie && !headers.cookie && probe.as !== 'forged') headers.cookie = cookie;
  const body = probe.body?.();
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  return server.app.inject({
    method: probe.method ?? 'GET',
    url: probe.url(),
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

describe('the attack suite', () => {
  it('has at least 60 probes, and every route the server answers has at least one', () => {
    expect(PROBES.length).toBeGreaterThanOrEqual(60);
    const probed = new Set(PROBES.map((probe) => probe.route));
    const unprobed = routesOf(server.app)
      .map((route) => `${route.method} ${route.url}`)
      .filter((route) => !probed.has(route));
    expect(unprobed).toEqual([]);
  });

  for (const probe of PROBES) {
    it(`${probe.as}: ${probe.name} → ${probe.status}${probe.error ? ` ${probe.error}` : ''}`, async () => {
      const response = await run(probe);
      expect(response.statusCode).toBe(probe.status);
      if (probe.error && probe.method !== 'HEAD') {
        const answer = response.json<{ error?: string } | { error?: string }[]>();
        const error = Array.isArray(answer) ? answer[0]?.error : answer.error;
        expect(error).toBe(probe.error);
      }
      for (const secret of SECRETS) expect(response.body).not.toContain(secret);
      for (const id of probe.absent?.() ?? []) expect(response.body).not.toContain(id);
    });
  }

  it('what was refused was not stored, and forged fields were not taken', async () => {
    const forged = await server.app.inject({
      url: '/couch/demo/note:forged-1',
      headers: { cookie: cookies.director! },
    });
    const stored = forged.json<Record<string, unknown>>();
    expect(stored.channels).toBeUndefined();
    expect(stored.updatedBy).toBe(server.homeroom.deps.accounts.findByLogin(TEACHER_10B)!.personId);
    for (const id of [
      mark(fixtures.child!, fixtures.event!)._id,
      `guardianship:${fixtures.other!.pupilId!}:me`,
      '_design/evil',
      'note:r',
    ]) {
      const response = await server.app.inject({
        url: `/couch/demo/${enc(id)}`,
        headers: { cookie: cookies.director! },
      });
      expect(response.statusCode, id).toBe(404);
    }
    const session = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: GUARDIAN_10B, password: DEMO_PASSWORD, roles: ['admin'] },
    });
    expect(session.json<{ roles: string[] }>().roles).toEqual(['guardian']);
  });

  it("a second user on a shared tablet reads nothing of the first one's", async () => {
    const device = { 'x-homeroom-device': 'shared-tablet-of-class-10b' };
    const first = await login(server.app, TEACHER_10B);
    await server.app.inject({
      method: 'PUT',
      url: '/couch/demo/_local/shared-checkpoint',
      headers: { ...device, cookie: first.cookie },
      payload: { last_seq: 'teacher-position' },
    });
    const second = await login(server.app, GUARDIAN_10B);
    const response = await server.app.inject({
      url: '/couch/demo/_local/shared-checkpoint',
      headers: { ...device, cookie: second.cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('teacher-position');
  });
});
