/**
 * Homeroom's sync client against a CouchDB-compatible server that Homeroom did not write
 * (express-pouchdb over PouchDB, on 127.0.0.1), so the client is proven against the protocol and not
 * only against its own server: pull, push, a conflict merged by the attendance rule, a deletion.
 */
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataKey } from '../../crypto/keys';
import { markForLetter, PRESENT, recordMark, type AttendanceBody } from '../../domain/attendance';
import type { HomeroomDoc } from '../../domain/envelope';
import { Repository } from '../../store/repository';
import { UserDb } from '../../store/userDb';
import { attendance, pupil } from '../../testing/docs';
import { CouchApi } from '../couchApi';
import { SyncClient } from '../syncClient';

PouchDB.plugin(memoryAdapter);
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });

let http: Server;
let base: string;
let remote: InstanceType<typeof MemoryPouch>;
const opened: UserDb[] = [];

beforeAll(async () => {
  const app = express();
  app.use('/', expressPouchDB(MemoryPouch, { inMemoryConfig: true, mode: 'minimumForPouchDB' }));
  http = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  remote = new MemoryPouch('school');
  await remote.bulkDocs([pupil('p1', 'Аксёнова', 'Дарья'), pupil('p2', 'Ёлкин', 'Глеб')]);
});

afterAll(async () => {
  for (const db of opened) await db.delete();
  await new Promise((resolve) => http.close(resolve));
});

async function device(name: string) {
  const db = new UserDb(`foreign-${name}`);
  opened.push(db);
  const { key } = await createDataKey('test', 1000);
  const repo = new Repository(db, key);
  const client = new SyncClient({
    api: new CouchApi((input, init) => fetch(input, init), base),
    repo,
    db: 'school',
    checkpointKey: `foreign:${name}`,
    batchSize: 1,
    onDocs: () => undefined,
    onSnapshot: () => undefined,
  });
  return { repo, client };
}

const ABSENT = markForLetter({ letter: 'н', status: 'absent', excused: false, meaning: '' });

describe('the sync client against express-pouchdb', () => {
  it('pulls in batches, pushes, merges a conflict by the attendance rule, and carries a deletion', async () => {
    const a = await device('a');
    const b = await device('b');
    await a.client.syncOnce();
    await b.client.syncOnce();
    expect((await a.repo.loadAll()).map((doc) => doc._id).sort()).toEqual(['pupil:p1', 'pupil:p2']);

    // Both devices mark the same pupil offline; B's mark is recorded later and wins.
    const early = attendance('e1', 'p1', ABSENT, '2026-09-07T05:00:00.000Z', 'teacher-a');
    const late = attendance('e1', 'p1', PRESENT, '2026-09-07T05:02:00.000Z', 'teacher-b');
    await a.repo.saveLocal([early]);
    await b.repo.saveLocal([late]);
    await a.client.syncOnce();
    await b.client.syncOnce();
    await a.client.syncOnce();

    const winner = (await remote.get(early._id)) as HomeroomDoc<AttendanceBody>;
    expect(winner.body.status).toBe('present');
    expect(winner.body.history).toEqual([
      expect.objectContaining({ status: 'absent', recordedBy: 'teacher-a' }),
    ]);
    for (const replica of [a, b]) {
      const local = (await replica.repo.get(early._id)) as HomeroomDoc<AttendanceBody>;
      expect(local._rev).toBe(winner._rev);
      expect(local.body).toEqual(winner.body);
      expect(await replica.repo.pendingCount()).toBe(0);
    }

    // A corrects, then deletes the record after seeing B's mark: the deletion reaches B.
    const current = (await a.repo.get(early._id)) as HomeroomDoc<AttendanceBody>;
    const corrected = {
      ...current,
      body: recordMark(current.body, ABSENT, '2026-09-07T06:00:00.000Z', 'teacher-a'),
    };
    await a.repo.saveLocal([corrected]);
    await a.client.syncOnce();
    await a.repo.saveLocal([
      { ...((await a.repo.get(early._id)) as HomeroomDoc), _deleted: true, updatedBy: 'teacher-a' },
    ]);
    await a.client.syncOnce();
    await b.client.syncOnce();
    expect(await b.repo.get(early._id)).toBeUndefined();
    await expect(remote.get(early._id)).rejects.toMatchObject({ status: 404 });
  });
});
