import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dumpIndexedDb } from '../testing/idbDump';
import { CouchApi, type FetchLike } from '../sync/couchApi';
import { forgetAccount, signIn, SignInError } from './signIn';

const ORIGIN = 'http://localhost:8080';
const PROFILE = { db: 'demo', personId: 'person-1', schoolId: 'school-1' };
const FAST = 1000;

function server(answer: 'ok' | 'unauthorized' | 'login_locked' | 'offline') {
  const calls: string[] = [];
  const fetchFn: FetchLike = (input) => {
    calls.push(input);
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'ok') {
      const body = { ok: true, name: 'x', roles: ['staff'], homeroom: PROFILE };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    }
    const status = answer === 'unauthorized' ? 401 : 429;
    return Promise.resolve(
      new Response(JSON.stringify({ error: answer, reason: 'r' }), { status }),
    );
  };
  return { api: new CouchApi(fetchFn), calls };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof SignInError ? error.code : String(error);
  }
}

describe('signIn', () => {
  it('needs the network the first time, then unlocks offline with the same password', async () => {
    const login = 'Teacher@Example.com';
    expect(await failure(signIn(login, 'pw', { ...server('offline'), origin: ORIGIN }))).toBe(
      'firstLoginOffline',
    );

    const first = await signIn(login, 'pw', { ...server('ok'), origin: ORIGIN, iterations: FAST });
    expect(first.firstLogin).toBe(true);
    expect(first.profile).toEqual({ ...PROFILE, roles: ['staff'] });
    first.db.close();

    const offline = server('offline');
    const again = await signIn(' teacher@example.com ', 'pw', { ...offline, origin: ORIGIN });
    expect(again.firstLogin).toBe(false);
    expect(again.profile.personId).toBe('person-1');
    expect(offline.calls).toEqual([]);
    again.db.close();

    expect(await failure(signIn(login, 'wrong', { ...offline, origin: ORIGIN }))).toBe(
      'wrongPassword',
    );

    const stored = await dumpIndexedDb(indexedDB);
    expect(stored.toLowerCase()).not.toContain('teacher@example.com');
    expect(stored).not.toContain('person-1');
    await forgetAccount(first.accountHash);
    expect(await failure(signIn(login, 'pw', { ...offline, origin: ORIGIN }))).toBe(
      'firstLoginOffline',
    );
  });

  it('passes on the server’s refusal and rejects what is not a login', async () => {
    const env = (answer: 'unauthorized' | 'login_locked') => ({
      ...server(answer),
      origin: ORIGIN,
    });
    expect(await failure(signIn('a@b.ru', 'pw', env('unauthorized')))).toBe('unauthorized');
    expect(await failure(signIn('a@b.ru', 'pw', env('login_locked')))).toBe('login_locked');
    expect(await failure(signIn('not a login', 'pw', env('unauthorized')))).toBe('badLogin');
  });
});
