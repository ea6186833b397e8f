import { describe, expect, it } from 'vitest';
import { ApiError, CouchApi, retryAfterMsOf } from './couchApi';

describe('retryAfterMsOf', () => {
  it.each([
    ['42', undefined, 42_000],
    [null, 'Too many failed attempts for this login. Try again in 42 s.', 42_000],
    [null, 'Too many failed attempts for this login. Try again in 5 min.', 300_000],
    [null, 'Name or password is incorrect.', undefined],
    ['soon', undefined, undefined],
  ])('header %s, reason %s → %s ms', (header, reason, expected) => {
    expect(retryAfterMsOf(header, reason)).toBe(expected);
  });
});

describe('CouchApi errors', () => {
  it('keeps the server’s reason and wait on a refused login', async () => {
    const api = new CouchApi(() =>
      Promise.resolve(
        new Response(JSON.stringify({ error: 'login_locked', reason: 'Try again in 17 s.' }), {
          status: 429,
        }),
      ),
    );
    const error: unknown = await api.login('a@b.ru', 'pw').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'login_locked', retryAfterMs: 17_000 });
  });

  it('sends the device id on every request once it is known', async () => {
    const seen: (string | null)[] = [];
    const api = new CouchApi((_input, init) => {
      seen.push(new Headers(init?.headers).get('X-Homeroom-Device'));
      return Promise.resolve(new Response(JSON.stringify({ results: [], last_seq: 'x' })));
    });
    await api.changes('db', undefined, { limit: 1 });
    api.useDevice('dev-1');
    await api.changes('db', 'x', { limit: 1 });
    await api.bulkDocs('db', []);
    expect(seen).toEqual([null, 'dev-1', 'dev-1']);
  });
});
