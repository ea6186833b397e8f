import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  GUARDIAN_10B,
  login,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('/couch/_session', () => {
  it('logs a demo account in by e-mail and answers who it is', async () => {
    const { cookie } = await login(server.app, TEACHER_10B);
    const who = await server.app.inject({ url: '/couch/_session', headers: { cookie } });
    expect(who.json()).toMatchObject({
      ok: true,
      userCtx: { name: TEACHER_10B, roles: ['staff'] },
      homeroom: { db: 'demo' },
    });
    expect(who.headers['cache-control']).toBe('no-store');
  });

  it('accepts a phone number in any usual form', async () => {
    // The director's phone from staff.csv: +7 (934) 432-88-94.
    for (const phone of ['+7 (934) 432-88-94', '89344328894', '+79344328894']) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/couch/_session',
        payload: { name: phone, password: DEMO_PASSWORD },
      });
      expect(response.json()).toMatchObject({ ok: true, roles: ['admin', 'staff'] });
    }
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: GUARDIAN_10B, password: 'wrong-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthorized' });
    expect(response.cookies).toHaveLength(0);
  });

  it('slows down and then locks a login after repeated failures', async () => {
    const attempt = (password: string) =>
      server.app.inject({
        method: 'POST',
        url: '/couch/_session',
        payload: { name: 'nbelova901@example.com', password },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('nope')).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Even the right password waits until the delay is over.
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: 'login_locked' });
  });

  it('counts guesses sent in parallel, and counts them per account whatever login is used', async () => {
    const guess = (name: string) =>
      server.app.inject({
        method: 'POST',
        url: '/couch/_session',
        payload: { name, password: 'guess' },
      });
    const parallel = await Promise.all(
      Array.from({ length: 12 }, () => guess('okravchenko900@example.com')),
    );
    const statuses = parallel.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(9);
    // The same teacher's phone (+7 (972) 083-07-04) is the same account: locked too.
    const byPhone = await server.app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: '89720830704', password: DEMO_PASSWORD },
    });
    expect(byPhone.statusCode).toBe(429);
  });

  it('logging out ends the session on the server: the old cookie is refused', async () => {
    const { cookie } = await login(server.app, 'dkuzmina905@example.com');
    expect((await server.app.inject({ url: '/couch/demo', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await server.app.inject({ method: 'DELETE', url: '/couch/_session', headers: { cookie } });
    expect((await server.app.inject({ url: '/couch/demo', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('takes HTTP Basic credentials', async () => {
    const basic = Buffer.from(`${GUARDIAN_10B}:${DEMO_PASSWORD}`).toString('base64');
    const response = await server.app.inject({
      url: '/couch/demo',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ db_name: 'demo' });
  });

  it('answers 401 to every database route without a session', async () => {
    for (const url of ['/couch/demo', '/couch/demo/_changes', '/couch/demo/_all_docs']) {
      const response = await server.app.inject({ url });
      expect(response.statusCode).toBe(401);
    }
  });

  it('rejects a forged or tampered cookie', async () => {
    const { cookie } = await login(server.app, GUARDIAN_10B);
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const response = await server.app.inject({ url: '/couch/demo', headers: { cookie: tampered } });
    expect(response.statusCode).toBe(401);
  });
});

describe('demo passwords outside demo mode', () => {
  it('are refused once the same data runs without --demo', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'homeroom-demo-off-'));
    const demo = await startTestServer({ dataDir });
    await login(demo.app, GUARDIAN_10B);
    await demo.close();

    const school = await startTestServer({ dataDir, demo: false });
    try {
      expect(school.homeroom.deps.accounts.size).toBeGreaterThan(800);
      const response = await school.app.inject({
        method: 'POST',
        url: '/couch/_session',
        payload: { name: GUARDIAN_10B, password: DEMO_PASSWORD },
      });
      expect(response.statusCode).toBe(401);
    } finally {
      await school.close();
    }
  });
});
