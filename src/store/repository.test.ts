import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { PRESENT } from '../domain/attendance';
import { mergeDocs } from '../sync/merge';
import { attendance, pupil } from '../testing/docs';
import { dumpIndexedDb } from '../testing/idbDump';
import { Repository } from './repository';
import { UserDb } from './userDb';

const ABSENT = { status: 'absent', reason: 'illness', evidence: 'none', excused: true } as const;
let counter = 0;
const opened: UserDb[] = [];

async function freshRepo(): Promise<Repository> {
  const db = new UserDb(`test-${++counter}`);
  opened.push(db);
  const { key } = await createDataKey('pw', 1000);
  return new Repository(db, key);
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('Repository', () => {
  it('keeps no pupil name or reason in clear anywhere in IndexedDB', async () => {
    const repo = await freshRepo();
    const doc = pupil('p1', 'Семёнова', 'Алёна');
    const note = { ...pupil('p2', 'X', 'Y'), _id: 'note:n1', type: 'note' as const };
    await repo.saveLocal([doc, { ...note, body: { text: 'Секретная заметка про болезнь' } }]);

    const everything = await dumpIndexedDb(indexedDB);
    expect(everything).toContain('pupil:p1');
    for (const secret of ['Семёнова', 'Алёна', 'Секретная', 'болезнь', 'lastName']) {
      expect(everything).not.toContain(secret);
    }
    expect(await repo.get('pupil:p1')).toEqual(doc);
  });

  it('writes the row and its outbox entry in one transaction', async () => {
    const repo = await freshRepo();
    vi.spyOn(repo.db.outbox, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
    await expect(repo.saveLocal([pupil('p1', 'А', 'Б')])).rejects.toThrow('disk full');
    expect(await repo.db.docs.count()).toBe(0);

    await repo.saveLocal([pupil('p1', 'А', 'Б')]);
    expect(await repo.db.docs.count()).toBe(1);
    expect(await repo.pendingCount()).toBe(1);
  });

  it('clears an outbox entry only when the acknowledged edit is the latest', async () => {
    const repo = await freshRepo();
    const doc = pupil('p1', 'А', 'Б');
    await repo.saveLocal([doc]);
    await repo.saveLocal([{ ...doc, body: { lastName: 'В', firstName: 'Б' } }]);

    await repo.acknowledge(doc._id, 1, '1-a');
    expect(await repo.pendingCount()).toBe(1);
    expect((await repo.get(doc._id))?._rev).toBe('1-a');

    await repo.acknowledge(doc._id, 2, '2-b');
    expect(await repo.pendingCount()).toBe(0);
    expect((await repo.get(doc._id))?._rev).toBe('2-b');
  });

  it('a local edit keeps the base revision of the stored row', async () => {
    const repo = await freshRepo();
    const doc = pupil('p1', 'А', 'Б');
    await repo.applyPulled(
      [{ id: doc._id, deleted: false, doc: { ...doc, _rev: '3-x' } }],
      { key: 'cp', since: 3 },
      mergeDocs,
    );
    await repo.saveLocal([{ ...doc, _rev: 'stale' }]);
    expect((await repo.get(doc._id))?._rev).toBe('3-x');
  });

  it('stores each pulled batch together with its checkpoint', async () => {
    const repo = await freshRepo();
    const doc = pupil('p1', 'А', 'Б');
    await repo.applyPulled(
      [{ id: doc._id, deleted: false, doc }],
      { key: 'cp', since: '7-abc' },
      mergeDocs,
    );
    expect(await repo.readCheckpoint('cp')).toBe('7-abc');

    vi.spyOn(repo.db.checkpoints, 'put').mockRejectedValueOnce(new Error('boom'));
    const other = pupil('p2', 'В', 'Г');
    await expect(
      repo.applyPulled(
        [{ id: other._id, deleted: false, doc: other }],
        { key: 'cp', since: 9 },
        mergeDocs,
      ),
    ).rejects.toThrow('boom');
    expect(await repo.get(other._id)).toBeUndefined();
    expect(await repo.readCheckpoint('cp')).toBe('7-abc');
  });

  it('merges a pulled attendance into a pending local mark and keeps it queued', async () => {
    const repo = await freshRepo();
    const mine = attendance('e1', 'p1', ABSENT, '2026-09-07T05:10:00.000Z', 'teacher');
    const theirs = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 'deputy');
    await repo.saveLocal([mine]);

    const applied = await repo.applyPulled(
      [{ id: mine._id, deleted: false, doc: { ...theirs, _rev: '1-s' } }],
      { key: 'cp', since: 1 },
      mergeDocs,
    );
    const merged = await repo.get(mine._id);
    expect(applied.upserted).toHaveLength(1);
    expect(merged?._rev).toBe('1-s');
    expect(merged?.body).toMatchObject({ status: 'absent', recordedBy: 'teacher' });
    expect((merged?.body as { history: unknown[] }).history).toMatchObject([
      { status: 'present', recordedBy: 'deputy' },
    ]);
    expect(await repo.pendingCount()).toBe(1);
  });

  it('keeps a pending document that the server announces as removed', async () => {
    const repo = await freshRepo();
    const kept = pupil('p1', 'А', 'Б');
    const gone = pupil('p2', 'В', 'Г');
    await repo.applyPulled(
      [{ id: gone._id, deleted: false, doc: gone }],
      { key: 'cp', since: 1 },
      mergeDocs,
    );
    await repo.saveLocal([kept]);
    await repo.applyPulled(
      [
        { id: kept._id, deleted: true },
        { id: gone._id, deleted: true },
      ],
      { key: 'cp', since: 2 },
      mergeDocs,
    );
    expect(await repo.get(kept._id)).toBeDefined();
    expect(await repo.get(gone._id)).toBeUndefined();
  });
});

describe('Repository revocation', () => {
  it('purges a removed document and its queued edit with the checkpoint, in one transaction', async () => {
    const repo = await freshRepo();
    const lost = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    const kept = attendance('e1', 'p2', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.applyPulled(
      [lost, kept].map((doc) => ({ id: doc._id, deleted: false, doc: { ...doc, _rev: '1-s' } })),
      { key: 'cp', since: 'AAA' },
      mergeDocs,
    );
    await repo.saveLocal([{ ...lost, body: { ...lost.body, status: 'late' } }]);
    const batch = [{ id: lost._id, deleted: false, removed: true }];

    // A failed checkpoint write takes the purge back with it.
    vi.spyOn(repo.db.checkpoints, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(repo.applyPulled(batch, { key: 'cp', since: 'BBB' }, mergeDocs)).rejects.toThrow(
      'disk full',
    );
    expect(await repo.get(lost._id)).toBeDefined();
    expect(await repo.pendingCount()).toBe(1);
    expect(await repo.readCheckpoint('cp')).toBe('AAA');

    const applied = await repo.applyPulled(batch, { key: 'cp', since: 'BBB' }, mergeDocs);
    expect(applied).toEqual({ upserted: [], removed: [lost._id], dropped: 1 });
    expect(await repo.get(lost._id)).toBeUndefined();
    expect(await repo.get(kept._id)).toBeDefined();
    expect(await repo.pendingCount()).toBe(0);
    expect(await repo.readCheckpoint('cp')).toBe('BBB');
  });

  it('counts no dropped edit when the removed document had none queued', async () => {
    const repo = await freshRepo();
    const applied = await repo.applyPulled(
      [{ id: 'pupil:p1', deleted: false, removed: true }],
      { key: 'cp', since: 'AAA' },
      mergeDocs,
    );
    expect(applied).toEqual({ upserted: [], removed: ['pupil:p1'], dropped: 0 });
  });
});

describe('Repository.discardLocal', () => {
  it('queues a deletion on top of the row and drops it only while it never reached the server', async () => {
    const repo = await freshRepo();
    const unsent = attendance('e1', 'p1', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    const sent = attendance('e1', 'p2', PRESENT, '2026-09-07T05:00:00.000Z', 't');
    await repo.saveLocal([unsent, sent]);
    await repo.acknowledge(sent._id, 1, '1-a');

    await repo.discardLocal([unsent, sent]);
    expect((await repo.get(unsent._id))?._deleted).toBe(true);
    expect((await repo.get(sent._id))?._deleted).toBe(true);
    expect((await repo.get(sent._id))?._rev).toBe('1-a');
    expect(await repo.pendingCount()).toBe(2);

    expect(await repo.dropUnsent(sent._id, 2)).toBe(false);
    expect(await repo.dropUnsent(unsent._id, 1)).toBe(false);
    expect(await repo.dropUnsent(unsent._id, 2)).toBe(true);
    expect(await repo.get(unsent._id)).toBeUndefined();
    expect((await repo.pendingEntries()).map((entry) => entry.docId)).toEqual([sent._id]);
  });
});
