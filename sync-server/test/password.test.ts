import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startTestServer, type TestServer } from './testServer';

const USER = 'tgrebenyuk908@example.com';
const NEW_PASSWORD = 'новый-пароль-2026';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('POST /couch/_homeroom/password', () => {
  it('replaces the password, keeps the asking session, and the old password stops working', async () => {
    const { cookie } = await login(server.app, USER);
    const changed = await server.app.inject({
      method: 'POST',
      url: '/couch/_homeroom/password',
      headers: { cookie },
      payload: { oldPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ ok: true });
    expect(changed.body).not.toContain(NEW_PASSWORD);

    const still = await server.app.inject({ url: '/couch/demo', headers: { cookie } });
    expect(still.statusCode).toBe(200);

    const old = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: USER, password: DEMO_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await login(server.app, USER, NEW_PASSWORD);
    expect(fresh.cookie).toContain('AuthSession=');
  });
});
