/**
 * Accounts for imported people and invitation codes: the administration creates accounts (once),
 * a class teacher gets a one-time code for a family of the class, the family sets a password with
 * it and logs in by phone; the code is stored hashed, works once, expires, and guessing is throttled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeroomDoc } from '../../src/domain/envelope';
import { DIRECTOR, login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
let director: string;
let teacher: string;
const PHONE = '+79990001122';
const PASSWORD = 'новый пароль семьи';

async function post(url: string, payload: object, cookie?: string) {
  return server.app.inject({
    method: 'POST',
    url,
    payload,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  director = (await login(server.app, DIRECTOR)).cookie;
  const me = await login(server.app, TEACHER_10B);
  teacher = me.cookie;
  const feed = await server.app.inject({
    url: '/couch/demo/_changes?include_docs=true',
    headers: { cookie: teacher },
  });
  const docs = feed.json<{ results: { doc: HomeroomDoc }[] }>().results.map((row) => row.doc);
  const assignment = docs.find((d) => d.type === 'assignment' && d.personId === me.personId);
  const classId = assignment?.classIds[0] ?? '';
  const written = await post(
    '/couch/demo/_bulk_docs',
    {
      docs: [
        {
          _id: 'guardian:imported-1',
          type: 'guardian',
          schoolId: me.schoolId,
          classIds: [classId],
          personId: 'imported-1',
          audience: 'staff',
          updatedAt: new Date().toISOString(),
          updatedBy: 'x',
          body: { lastName: 'Ёлкина', firstName: 'Анна', phone: PHONE },
        },
      ],
    },
    director,
  );
  expect(written.statusCode).toBe(201);
});
afterAll(async () => {
  await server.close();
});

describe('accounts and invitations', () => {
  it('creates an account for the imported guardian only, and nothing on a second call', async () => {
    const first = await post('/couch/_homeroom/accounts', {}, director);
    expect(first.json()).toMatchObject({ ok: true, created: 1, withoutLogin: 0 });
    const second = await post('/couch/_homeroom/accounts', {}, director);
    expect(second.json()).toMatchObject({ ok: true, created: 0 });
    const account = server.homeroom.deps.accounts.findByLogin(PHONE);
    expect(account).toMatchObject({ guardian: true, staff: false, admin: false, passwordHash: '' });
  });

  it('a class teacher gets a code for a family of the class; it sets the password once', async () => {
    const invited = await post('/couch/_homeroom/invitations', { personId: 'imported-1' }, teacher);
    expect(invited.statusCode).toBe(200);
    const { code } = invited.json<{ code: string }>();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = server.homeroom.deps.accounts.findByLogin(PHONE);
    expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', ''));
    expect(JSON.stringify(stored)).not.toContain(code);

    const typed = code.toLowerCase().replaceAll('-', ' ');
    const redeemed = await post('/couch/_homeroom/invitations/redeem', {
      code: typed,
      password: PASSWORD,
    });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toEqual({ ok: true, logins: [PHONE] });
    const again = await post('/couch/_homeroom/invitations/redeem', { code, password: PASSWORD });
    expect(again.statusCode).toBe(401);
    const session = await login(server.app, '8 (999) 000-11-22', PASSWORD);
    expect(session.personId).toBe('imported-1');
  });

  it('an expired code is refused', async () => {
    const invited = await post(
      '/couch/_homeroom/invitations',
      { personId: 'imported-1' },
      director,
    );
    const { code } = invited.json<{ code: string }>();
    const accounts = server.homeroom.deps.accounts;
    const account = accounts.findByLogin(PHONE);
    if (!account?.invitation) throw new Error('no invitation stored');
    await accounts.save([{ ...account, invitation: { ...account.invitation, expiresAt: 1 } }]);
    const redeemed = await post('/couch/_homeroom/invitations/redeem', {
      code,
      password: PASSWORD,
    });
    expect(redeemed.statusCode).toBe(401);
  });

  it('guessing codes is throttled like logins', async () => {
    let last = 0;
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 5; i += 1) {
      const response = await post('/couch/_homeroom/invitations/redeem', {
        code: `WRNG-CODE-000${String(i)}`,
        password: PASSWORD,
      });
      last = response.statusCode;
      retryAfter = response.headers['retry-after'];
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
