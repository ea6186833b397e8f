/** The access log answers who read a child's records; a blocked device is refused everywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../../src/domain/envelope';
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
const TABLET = 'tablet-of-room-21-aaaaaaaa';
const NOTE_TEXT = 'Секретный текст заметки про здоровье';

async function docs(cookie: string, device?: string): Promise<HomeroomDoc[]> {
  const headers: Record<string, string> = { cookie };
  if (device) headers['x-homeroom-device'] = device;
  const response = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers,
  });
  return response.json<{ results: { doc: HomeroomDoc }[] }>().results.map((row) => row.doc);
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the access log', () => {
  it("tells a guardian who read her child's records, and refuses other pupils", async () => {
    const teacher = await login(server.app, TEACHER_10B);
    const guardian = await login(server.app, GUARDIAN_10B);
    const child = (await docs(guardian.cookie)).find((doc) => doc.type === 'pupil')!;
    await docs(teacher.cookie, TABLET);

    const response = await server.app.inject({
      url: `/couch/_homeroom/audit?pupilId=${child.pupilId!}`,
      headers: { cookie: guardian.cookie },
    });
    expect(response.statusCode).toBe(200);
    const entries = response.json<{
      entries: { name: string; action: string; device: string; docId: string }[];
    }>().entries;
    expect(entries).toContainEqual(
      expect.objectContaining({
        name: 'Арутюнян Гаяне Левоновна',
        action: 'read',
        device: TABLET,
        docId: child._id,
      }),
    );

    const other = (await docs(teacher.cookie)).find(
      (doc) => doc.type === 'pupil' && doc.pupilId !== child.pupilId,
    )!;
    const refused = await server.app.inject({
      url: `/couch/_homeroom/audit?pupilId=${other.pupilId!}`,
      headers: { cookie: guardian.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const asTeacher = await server.app.inject({
      url: `/couch/_homeroom/audit?pupilId=${child.pupilId!}`,
      headers: { cookie: teacher.cookie },
    });
    expect(asTeacher.statusCode).toBe(403);
    const director = await login(server.app, DIRECTOR);
    const asAdmin = await server.app.inject({
      url: `/couch/_homeroom/audit?pupilId=${other.pupilId!}`,
      headers: { cookie: director.cookie },
    });
    expect(asAdmin.statusCode).toBe(200);
  });

  it('logs writes too, and keeps no body, name or password in any entry', async () => {
    const teacher = await login(server.app, TEACHER_10B);
    const teacherDocs = await docs(teacher.cookie);
    const ownClass = teacherDocs.find((doc) => doc.type === 'assignment')!.classIds[0];
    const pupil = teacherDocs.find((doc) => doc.type === 'pupil' && doc.classIds[0] === ownClass)!;
    const note = {
      _id: 'note:audit-test-note-1',
      type: 'note',
      schoolId: pupil.schoolId,
      classIds: pupil.classIds,
      pupilId: pupil.pupilId,
      audience: 'family',
      updatedAt: new Date().toISOString(),
      updatedBy: 'x',
      body: { text: NOTE_TEXT },
    };
    const write = await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_docs',
      headers: { cookie: teacher.cookie },
      payload: { docs: [note] },
    });
    expect(write.json()).toEqual([expect.objectContaining({ ok: true })]);

    const auditLog = server.homeroom.deps.auditLog;
    const entries = await auditLog.forPupil(pupil.pupilId!, 500);
    expect(entries.some((entry) => entry.action === 'write' && entry.docId === note._id)).toBe(
      true,
    );
    const everything = JSON.stringify(entries);
    const body = pupil.body as { lastName: string; firstName: string };
    for (const secret of [NOTE_TEXT, DEMO_PASSWORD, body.lastName, body.firstName, 'AuthSession']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('has no route that writes or deletes it', async () => {
    const director = await login(server.app, DIRECTOR);
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const response = await server.app.inject({
        method,
        url: '/couch/_homeroom/audit',
        headers: { cookie: director.cookie },
        payload: {},
      });
      expect(response.statusCode, method).toBe(404);
    }
  });
});

describe('devices', () => {
  it('a device the administration blocks is refused on every route, and only that device', async () => {
    const LOST = 'lost-tablet-bbbbbbbbbbbbbbbb';
    const teacher = await login(server.app, 'nbelova901@example.com');
    const withDevice = (device: string) => ({
      cookie: teacher.cookie,
      'x-homeroom-device': device,
    });
    expect(
      (await server.app.inject({ url: '/couch/demo', headers: withDevice(LOST) })).statusCode,
    ).toBe(200);

    const director = await login(server.app, DIRECTOR);
    const list = await server.app.inject({
      url: '/couch/_homeroom/devices',
      headers: { cookie: director.cookie },
    });
    expect(list.json<{ devices: { deviceId: string; name: string }[] }>().devices).toContainEqual(
      expect.objectContaining({ deviceId: LOST, name: 'Белова Наталья Сергеевна' }),
    );
    const asTeacher = await server.app.inject({
      method: 'POST',
      url: `/couch/_homeroom/devices/${LOST}/block`,
      headers: { cookie: teacher.cookie },
    });
    expect(asTeacher.statusCode).toBe(403);
    const block = await server.app.inject({
      method: 'POST',
      url: `/couch/_homeroom/devices/${LOST}/block`,
      headers: { cookie: director.cookie },
    });
    expect(block.json()).toEqual({ ok: true });

    for (const url of [
      '/couch/demo',
      '/couch/demo/_changes',
      '/couch/_session',
      '/couch/demo/_all_docs',
    ]) {
      const response = await server.app.inject({ url, headers: withDevice(LOST) });
      expect(response.statusCode, url).toBe(403);
      expect(response.json(), url).toMatchObject({ error: 'device_blocked' });
    }
    const relogin = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      headers: { 'x-homeroom-device': LOST },
      payload: { name: 'nbelova901@example.com', password: DEMO_PASSWORD },
    });
    expect(relogin.statusCode).toBe(403);
    const otherDevice = await server.app.inject({
      url: '/couch/demo',
      headers: withDevice('another-device-cccccccccccc'),
    });
    expect(otherDevice.statusCode).toBe(200);
  });
});

describe('request rate', () => {
  it('an account that hammers the server is slowed with 429', async () => {
    const guardian = await login(server.app, 'semenovy.family@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 340; i++) {
      statuses.push(
        (await server.app.inject({ url: '/couch/demo', headers: { cookie: guardian.cookie } }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 250).every((status) => status === 200)).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});
