import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../store/appStore';
import { DEVICE_DB_NAME } from './deviceDb';

const PROFILE = { db: 'demo', personId: 'person-1', schoolId: 'school-1' };
const BASE64URL_16_BYTES = /^[A-Za-z0-9_-]{22,}$/;

interface Call {
  url: string;
  device: string | null;
}

/** A server that accepts the login and then answers every request with `blocked`'s answer. */
function stubServer(blocked: () => boolean) {
  const calls: Call[] = [];
  const fetchStub = (url: string, init?: RequestInit) => {
    calls.push({ url, device: new Headers(init?.headers).get('X-Homeroom-Device') });
    const answer = (status: number, body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status }));
    if (blocked()) return answer(403, { error: 'device_blocked', reason: 'blocked' });
    if (url.endsWith('/_session')) {
      return answer(200, { ok: true, name: 'x', roles: ['staff'], homeroom: PROFILE });
    }
    if (url.includes('_changes')) return answer(200, { results: [], last_seq: 'AAA' });
    return answer(404, { error: 'not_found', reason: 'missing' });
  };
  return { calls, fetchStub };
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '');
}

beforeEach(() => {
  vi.stubGlobal('location', { origin: 'http://localhost:8080' });
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('navigator', { onLine: true, storage: { persist: () => Promise.resolve(true) } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a blocked device', () => {
  it('names itself on every request, then wipes itself on device_blocked and never retries', async () => {
    let blocked = false;
    const { calls, fetchStub } = stubServer(() => blocked);
    vi.stubGlobal('fetch', fetchStub);
    const { lock, unlock } = await import('./sessionActions');

    await unlock('teacher@example.com', 'pw');
    await expect.poll(() => useApp.getState().sync.lastSyncedAt).not.toBeNull();
    await lock();
    expect(await databaseNames()).toContain(DEVICE_DB_NAME);
    expect(calls.some((call) => call.url.endsWith('/_session'))).toBe(true);

    // The tablet is lost; the administration blocks it. The next unlock meets the block.
    blocked = true;
    await unlock('teacher@example.com', 'pw');
    await expect.poll(() => useApp.getState().signInError).toBe('device_blocked');
    expect(useApp.getState()).toMatchObject({ phase: 'locked', profile: null });
    expect(useApp.getState().docs.size).toBe(0);
    await expect.poll(databaseNames).not.toContainEqual(expect.stringMatching(/^homeroom-u-/));

    const { DeviceDb } = await import('./deviceDb');
    const device = new DeviceDb();
    expect(await device.accounts.count()).toBe(0);
    device.close();

    const devices = new Set(calls.map((call) => call.device));
    expect(devices.size).toBe(1);
    expect([...devices][0]).toMatch(BASE64URL_16_BYTES);

    const made = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.length).toBe(made);
  });
});
