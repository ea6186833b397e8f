import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { PRESENT, recordMark, type AttendanceBody } from '../domain/attendance';
import type { HomeroomDoc } from '../domain/envelope';
import { Repository } from '../store/repository';
import { UserDb } from '../store/userDb';
import { attendance, pupil } from '../testing/docs';
import { FakeCouch, seqToken } from '../testing/fakeCouch';
import { CouchApi } from './couchApi';
import { SyncClient, type SyncSnapshot } from './syncClient';

const ABSENT = { status: 'absent', reason: 'unknown', evidence: 'none', excused: false } as const;
let counter = 0;
const opened: UserDb[] = [];

async function setup(batchSize = 500, longpollMs = 5000, maxPushBytes?: number) {
  const server = new FakeCouch();
  const db = new UserDb(`sync-${++counter}`);
  opened.push(db);
  const { key } = await createDataKey('pw', 1000);
  const repo = new Repository(db, key);
  const snapshots: SyncSnapshot[] = [];
  const seen = new Map<string, HomeroomDoc>();
  const dropped: number[] = [];
  const client = new SyncClient({
    api: new CouchApi(server.fetch),
    repo,
    db: 'school',
    checkpointKey: 'cp',
    batchSize,
    longpollMs,
    ...(maxPushBytes === undefined ? {} : { maxPushBytes }),
    onDocs: (applied) => {
      for (const doc of applied.upserted) seen.set(doc._id, doc);
      for (const id of applied.removed) seen.delete(id);
      dropped.push(applied.dropped);
    },
    onSnapshot: (snapshot) => snapshots.push(snapshot),
  });
  return { server, repo, client, snapshots, seen, dropped };
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('SyncClient pull', () => {
  it('pulls in batches and stores the checkpoint after each batch', async () => {
    const { server, repo, client } = await setup(2);
    for (let i = 1; i <= 5; i++) server.put(pupil(`p${i}`, `Ф${i}`, 'И'));
    server.before = (request) => {
      if (request.query.get('since') === seqToken(4)) throw new TypeError('network down');
    };

    await expect(client.syncOnce()).rejects.toThrow();
    expect(await repo.readCheckpoint('cp')).toBe(seqToken(4));
    expect(await repo.db.docs.count()).toBe(4);
    expect(client.current.lastSyncedAt).toBeNull();

    server.before = undefined;
    await client.syncOnce();
    expect(await repo.db.docs.count()).toBe(5);
    const sinces = server.requests.map((request) => request.query.get('since'));
    expect(sinces).toEqual([null, seqToken(2), seqToken(4), seqToken(4)]);
  });

  it('purges a document that left the user’s view, with its queued edit, from disk and memory', async () => {
    const { server, repo, client, seen, dropped } = await setup();
    const lost = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    const kept = pupil('p2', 'В', 'Г');
    server.put(lost);
    server.put(kept);
    await client.syncOnce();
    expect(seen.has(lost._id)).toBe(true);

    await repo.saveLocal([{ ...lost, body: { ...lost.body, status: 'late' } }]);
    server.revoke(lost._id);
    await client.syncOnce();

    expect(await repo.get(lost._id)).toBeUndefined();
    expect(await repo.pendingCount()).toBe(0);
    expect(seen.has(lost._id)).toBe(false);
    expect(seen.has(kept._id)).toBe(true);
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(client.current).toMatchObject({ pending: 0, rejected: null });
    // The push was refused first (forbidden); the removal then took the refused edit away.
    expect(await repo.readCheckpoint('cp')).toBe(seqToken(3));
  });

  it('asks for the next page while storing this one, and stores the pages in order', async () => {
    const { server, repo, client } = await setup(2);
    for (let i = 1; i <= 5; i++) server.put(pupil(`p${i}`, `Ф${i}`, 'И'));
    const apply = repo.applyPulled.bind(repo);
    const stored: unknown[] = [];
    vi.spyOn(repo, 'applyPulled').mockImplementation(async (changes, checkpoint, merge) => {
      const applied = await apply(changes, checkpoint, merge);
      stored.push(checkpoint.since);
      return applied;
    });
    const storedWhenAsked: number[] = [];
    server.before = () => {
      storedWhenAsked.push(stored.length);
    };

    await client.syncOnce();
    // The page after the first two was asked for when only the first one was stored.
    expect(storedWhenAsked).toEqual([0, 0, 1]);
    expect(stored).toEqual([seqToken(2), seqToken(4), seqToken(5)]);
    expect(await repo.readCheckpoint('cp')).toBe(seqToken(5));
  });

  it('keeps the checkpoint of the last stored page when storing the next one fails', async () => {
    const { server, repo, client } = await setup(2);
    for (let i = 1; i <= 5; i++) server.put(pupil(`p${i}`, `Ф${i}`, 'И'));
    const apply = repo.applyPulled.bind(repo);
    let calls = 0;
    vi.spyOn(repo, 'applyPulled').mockImplementation(async (...args) => {
      if (++calls === 2) throw new Error('disk full');
      return apply(...args);
    });

    await expect(client.syncOnce()).rejects.toThrow('disk full');
    expect(await repo.readCheckpoint('cp')).toBe(seqToken(2));
    expect(await repo.db.docs.count()).toBe(2);

    // The page fetched ahead was never stored; the next cycle reads it again.
    vi.restoreAllMocks();
    await client.syncOnce();
    expect(await repo.db.docs.count()).toBe(5);
  });

  it('removes documents the server announces as deleted', async () => {
    const { server, repo, client } = await setup();
    const doc = pupil('p1', 'А', 'Б');
    server.put(doc);
    await client.syncOnce();
    server.put({ ...doc, _rev: server.docs.get(doc._id)?.doc._rev, _deleted: true });
    await client.syncOnce();
    expect(await repo.get(doc._id)).toBeUndefined();
  });
});

describe('SyncClient push', () => {
  it('sends the base revision and clears the outbox only after the server acknowledged', async () => {
    const { server, repo, client } = await setup();
    const doc = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([doc]);
    await client.syncOnce();

    const stored = server.docs.get(doc._id)?.doc;
    expect(stored?.body).toEqual(doc.body);
    expect(await repo.pendingCount()).toBe(0);
    expect((await repo.get(doc._id))?._rev).toBe(stored?._rev);
    expect(client.current).toMatchObject({ state: 'idle', pending: 0, error: null });
    expect(client.current.lastSyncedAt).not.toBeNull();

    await repo.saveLocal([{ ...doc, body: { ...doc.body, status: 'late' } }]);
    await client.syncOnce();
    const sent = server.requests.filter((r) => r.path.endsWith('_bulk_docs')).at(-1);
    expect((sent?.body as { docs: HomeroomDoc[] }).docs[0]?._rev).toBe(stored?._rev);
  });

  it('keeps an edit made while its previous version was in flight', async () => {
    const { server, repo, client } = await setup();
    const doc = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([doc]);
    server.before = async (request) => {
      if (!request.path.endsWith('_bulk_docs')) return;
      server.before = undefined;
      await repo.saveLocal([{ ...doc, body: { ...doc.body, status: 'absent' } }]);
    };
    await client.syncOnce().catch(() => undefined);
    // The second edit went out in the same cycle's next round or stays queued: never lost.
    const local = await repo.get(doc._id);
    expect((local?.body as AttendanceBody).status).toBe('absent');
    const pending = await repo.pendingCount();
    const onServer = server.docs.get(doc._id)?.doc.body as AttendanceBody;
    expect(pending === 1 || onServer.status === 'absent').toBe(true);
    await client.syncOnce();
    expect((server.docs.get(doc._id)?.doc.body as AttendanceBody).status).toBe('absent');
    expect(await repo.pendingCount()).toBe(0);
  });

  it('merges a conflict by the attendance rule and pushes on top of the server revision', async () => {
    const { server, repo, client, seen } = await setup();
    const base = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 'teacher');
    server.put(base);
    await client.syncOnce();
    // Another device records a later mark; ours is older but still pending.
    const mine = {
      ...base,
      body: recordMark(base.body, ABSENT, '2026-09-07T05:05:00.000Z', 'teacher'),
    };
    await repo.saveLocal([mine]);
    const late = { ...ABSENT, status: 'late' as const };
    const later = {
      ...base,
      body: recordMark(base.body, late, '2026-09-07T05:09:00.000Z', 'deputy'),
    };
    server.put({ ...later, _rev: server.docs.get(base._id)?.doc._rev });

    await client.syncOnce();
    const result = server.docs.get(base._id)?.doc.body as AttendanceBody;
    expect(result).toMatchObject({ status: 'late', recordedBy: 'deputy' });
    expect(result.history.map((mark) => mark.status)).toEqual(['present', 'absent']);
    expect(await repo.pendingCount()).toBe(0);
    expect(seen.get(base._id)?.body).toMatchObject({ status: 'late' });
  });

  it('keeps a refused edit queued and reports it, never claiming to be synced', async () => {
    const { server, repo, client } = await setup();
    const doc = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    server.refuse.set(doc._id, 'forbidden');
    await repo.saveLocal([doc]);
    await client.syncOnce();

    expect(await repo.pendingCount()).toBe(1);
    expect(client.current).toMatchObject({ pending: 1, rejected: 'forbidden' });
    expect(client.current.lastSyncedAt).toBeNull();

    // Not retried as is; a new edit is tried again.
    const pushes = () => server.requests.filter((r) => r.path.endsWith('_bulk_docs')).length;
    const before = pushes();
    await client.syncOnce();
    expect(pushes()).toBe(before);
    server.refuse.clear();
    await repo.saveLocal([{ ...doc, body: { ...doc.body, status: 'late' } }]);
    await client.syncOnce();
    expect(client.current).toMatchObject({ pending: 0, rejected: null });
  });

  it('stops on an expired session with a truthful error and keeps the outbox', async () => {
    const { repo } = await setup();
    await repo.saveLocal([pupil('p1', 'А', 'Б')]);
    const expired = () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: 'unauthorized', reason: 'x' }), { status: 401 }),
      );
    const snapshots: SyncSnapshot[] = [];
    const client = new SyncClient({
      api: new CouchApi(expired),
      repo,
      db: 'school',
      checkpointKey: 'cp',
      onDocs: () => undefined,
      onSnapshot: (snapshot) => snapshots.push(snapshot),
    });
    client.start(true);
    await expect.poll(() => client.current.state).toBe('error');
    await client.stop();
    expect(client.current).toMatchObject({ error: 'unauthorized', pending: 1 });
    expect(snapshots.some((snapshot) => snapshot.lastSyncedAt !== null)).toBe(false);
    expect(await repo.pendingCount()).toBe(1);
  });
});

describe('SyncClient undo', () => {
  it('deletes on the server what was pushed, and never sends what was not', async () => {
    const { server, repo, client } = await setup();
    const pushed = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    const local = attendance('e1', 'p2', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([pushed]);
    await client.syncOnce();
    await repo.saveLocal([local]);

    await repo.discardLocal([pushed, local]);
    await client.syncOnce();

    expect(server.docs.get(pushed._id)?.doc._deleted).toBe(true);
    expect(server.docs.has(local._id)).toBe(false);
    expect(await repo.pendingCount()).toBe(0);
    expect(await repo.get(local._id)).toBeUndefined();
  });

  it('takes back a mark whose first push was in flight when undo was tapped', async () => {
    const { server, repo, client } = await setup();
    const mark = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([mark]);
    server.before = async (request) => {
      if (!request.path.endsWith('_bulk_docs')) return;
      server.before = undefined;
      await repo.discardLocal([mark]);
    };
    await client.syncOnce();
    await client.syncOnce();
    expect(server.docs.get(mark._id)?.doc._deleted).toBe(true);
    expect(await repo.pendingCount()).toBe(0);
  });
});

describe('SyncClient live loop', () => {
  it('long-polls for changes, pushes local edits at once, and follows connectivity', async () => {
    const { server, repo, client, seen } = await setup();
    client.start(true);
    await expect.poll(() => client.current.lastSyncedAt).not.toBeNull();

    const other = pupil('p9', 'Новикова', 'Ева');
    server.put(other);
    await expect.poll(() => seen.has(other._id)).toBe(true);

    client.setOnline(false);
    expect(client.current.state).toBe('offline');
    const mark = attendance('e1', 'p9', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([mark]);
    await client.nudge();
    expect(client.current).toMatchObject({ state: 'offline', pending: 1 });
    expect(server.docs.has(mark._id)).toBe(false);

    client.setOnline(true);
    await expect.poll(() => server.docs.has(mark._id)).toBe(true);
    await expect.poll(() => client.current.pending).toBe(0);
    await client.stop();
    expect(client.current.state).not.toBe('error');
  });
});

describe('SyncClient with a refused edit', () => {
  it('keeps long-polling instead of retrying the refused edit in a loop', async () => {
    const { server, repo, client } = await setup();
    const doc = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    server.refuse.set(doc._id, 'forbidden');
    await repo.saveLocal([doc]);
    client.start(true);
    await expect.poll(() => client.current.rejected).toBe('forbidden');
    const count = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One long poll may be waiting; a hot loop would have made hundreds of requests.
    expect(server.requests.length - count).toBeLessThanOrEqual(2);
    await client.stop();
    expect(client.current.pending).toBe(1);
  });
});

describe('SyncClient request rate with a refused edit', () => {
  it('waits on the long poll instead of looping: a handful of requests a second, not fifty', async () => {
    // Real time, short long polls: a hot loop would make hundreds of requests in this window.
    const { server, repo, client } = await setup(500, 300);
    const doc = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    server.refuse.set(doc._id, 'forbidden');
    server.put(pupil('p2', 'В', 'Г'));
    await repo.saveLocal([doc]);
    client.start(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await client.stop();

    const count = (suffix: string) => server.requests.filter((r) => r.path.endsWith(suffix));
    expect(client.current.rejected).toBe('forbidden');
    expect(count('_bulk_docs')).toHaveLength(1);
    // The first pull, then long polls of 300 ms, each followed at most by a catch-up read.
    expect(count('_changes').length).toBeGreaterThanOrEqual(1);
    expect(count('_changes').length).toBeLessThanOrEqual(12);
  });
});

describe('SyncClient on a blocked device', () => {
  it('stops at the first device_blocked and never asks again', async () => {
    const { repo } = await setup();
    await repo.saveLocal([pupil('p1', 'А', 'Б')]);
    let requests = 0;
    const blocked = () => {
      requests += 1;
      return Promise.resolve(
        new Response(JSON.stringify({ error: 'device_blocked', reason: 'x' }), { status: 403 }),
      );
    };
    const api = new CouchApi(blocked);
    let wipes = 0;
    api.onDeviceBlocked = () => {
      wipes += 1;
    };
    api.useDevice('device-1');
    const client = new SyncClient({
      api,
      repo,
      db: 'school',
      checkpointKey: 'cp',
      onDocs: () => undefined,
      onSnapshot: () => undefined,
    });
    client.start(true);
    await expect.poll(() => client.current.error).toBe('device_blocked');
    client.setOnline(false);
    client.setOnline(true);
    await client.nudge();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.stop();
    expect({ requests, wipes }).toEqual({ requests: 1, wipes: 1 });
    await expect(api.getDoc('school', 'x')).rejects.toMatchObject({ code: 'device_blocked' });
    expect(requests).toBe(1);
  });
});

/** A photo-sized document: `bytes` of base64 in its body. */
function photo(id: string, bytes: number): HomeroomDoc {
  return {
    ...pupil(id, 'Ф', 'И'),
    _id: `media:${id}`,
    type: 'media',
    pupilId: undefined,
    audience: 'class-families',
    body: {
      kind: 'photo',
      mime: 'image/jpeg',
      data: 'A'.repeat(bytes),
      bytes,
      parentId: 'note:n1',
    },
  };
}

describe('SyncClient with large documents', () => {
  it('pushes a queue of photos in requests the server takes, never one it refuses whole', async () => {
    const { server, repo, client } = await setup(500, 5000, 8_000);
    server.maxBodyBytes = 10_000;
    const photos = ['a', 'b', 'c', 'd', 'e'].map((id) => photo(id, 3_000));
    await repo.saveLocal(photos);
    await client.syncOnce();

    const pushes = server.requests.filter((request) => request.path.endsWith('_bulk_docs'));
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    for (const push of pushes) expect(JSON.stringify(push.body).length).toBeLessThanOrEqual(10_000);
    for (const doc of photos) expect(server.docs.get(doc._id)?.doc.body).toEqual(doc.body);
    expect(client.current).toMatchObject({ pending: 0, error: null, rejected: null });
  });

  it('keeps pulling while the server says more is pending, though a page is shorter than asked', async () => {
    const { server, repo, client, seen } = await setup(500);
    server.maxPageBytes = 5_000;
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) server.put(photo(id, 2_000));
    await client.syncOnce();

    // Two pages of three: the first is far shorter than the 500 asked for.
    const pulls = server.requests.filter((request) => request.path.endsWith('_changes'));
    expect(pulls).toHaveLength(2);
    expect(await repo.db.docs.count()).toBe(6);
    expect(seen.size).toBe(6);
    expect(client.current.lastSyncedAt).not.toBeNull();
  });
});
