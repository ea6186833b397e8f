/** The server's request log carries no body, password, cookie or name, whatever is sent. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { buildApp } from '../src/app';
import { DEMO_PASSWORD, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // The same app, with the production logger writing into memory.
  await server.app.close();
  server.app = await buildApp({ ...server.homeroom.deps, logger: { level: 'info', stream } });
});
afterAll(async () => {
  await server.close();
});

describe('the request log', () => {
  it('holds methods, paths and statuses, and never a body, password, cookie or name', async () => {
    const login = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: TEACHER_10B, password: DEMO_PASSWORD },
    });
    const cookie = `AuthSession=${login.cookies[0]!.value}`;
    const feed = await server.app.inject({
      url: '/couch/demo/_changes?include_docs=true',
      headers: { cookie },
    });
    const docs = feed.json<{ results: { doc: HomeroomDoc }[] }>().results.map((row) => row.doc);
    const pupil = docs.find(
      (doc) =>
        doc.type === 'pupil' &&
        docs.some((d) => d.type === 'assignment' && d.classIds[0] === doc.classIds[0]),
    )!;
    const secretNote = 'Тайна: у ученика аллергия на орехи';
    await server.app.inject({
      method: 'POST',
      url: '/couch/demo/_bulk_docs',
      headers: { cookie },
      payload: {
        docs: [
          {
            _id: 'note:log-test-1',
            type: 'note',
            schoolId: pupil.schoolId,
            classIds: pupil.classIds,
            pupilId: pupil.pupilId,
            audience: 'staff',
            updatedAt: new Date().toISOString(),
            updatedBy: 'x',
            body: { text: secretNote },
          },
        ],
      },
    });
    await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: TEACHER_10B, password: 'a-wrong-secret-password' },
    });
    await server.app.inject({
      url: '/couch/demo',
      headers: {
        authorization: `Basic ${Buffer.from(`${TEACHER_10B}:${DEMO_PASSWORD}`).toString('base64')}`,
      },
    });

    const log = lines.join('');
    expect(log).toContain('/couch/demo/_bulk_docs');
    expect(log).toContain('"statusCode":201');
    const body = pupil.body as { lastName: string; firstName: string };
    for (const secret of [
      DEMO_PASSWORD,
      'a-wrong-secret-password',
      secretNote,
      body.lastName,
      body.firstName,
      login.cookies[0]!.value,
      'Basic ',
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
