/** Named sync scenarios against the real server: interruptions, ordering, users, deletions. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  attendanceRecord,
  markForLetter,
  recordMark,
  type AttendanceBody,
} from '../../domain/attendance';
import { attendanceId, type HomeroomDoc } from '../../domain/envelope';
import { Device } from './device';
import { LOGINS, SchoolServer } from './schoolServer';

const ABSENT = markForLetter({ letter: 'н', status: 'absent', excused: false, meaning: '' });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function start() {
  const server = await SchoolServer.start();
  cleanup.push(() => server.close());
  const open = async (name: string, login: string) => {
    const device = await Device.open(name, server, login);
    cleanup.push(() => device.close());
    expect(await device.sync()).toBe(true);
    return device;
  };
  const seeded = (await server.store.db.allDocs({ include_docs: true })).rows.flatMap((row) =>
    row.doc ? [row.doc] : [],
  );
  const pupils = seeded.filter((doc) => doc.type === 'pupil');
  const events = seeded.filter((doc) => doc.type === 'event');
  return { server, open, pupils, events };
}

function markDoc(device: Device, pupil: HomeroomDoc, event: HomeroomDoc, at: string): HomeroomDoc {
  const body = recordMark(undefined, ABSENT, at, device.personId);
  return attendanceRecord({ event, pupil }, body, { updatedAt: at, updatedBy: device.personId });
}

/** Thirty distinct marks: the four pupils at generated events are too few, so notes fill in. */
async function thirtyMarks(
  server: SchoolServer,
  device: Device,
  pupils: HomeroomDoc[],
  events: HomeroomDoc[],
) {
  const docs: HomeroomDoc[] = [];
  for (let i = 0; docs.length < 30; i++) {
    const event = {
      ...events[0]!,
      _id: `event:extra${i}`,
      eventId: `extra${i}`,
      date: '2026-09-08',
    };
    await server.store.db.put({ ...event, _rev: undefined, updatedBy: 'seed' });
    for (const pupil of pupils)
      if (docs.length < 30)
        docs.push(
          markDoc(
            device,
            pupil,
            event,
            `2026-09-08T05:00:${String(docs.length).padStart(2, '0')}.000Z`,
          ),
        );
  }
  await server.store.catchUp();
  return docs;
}

describe('sync scenarios', () => {
  it('a push of 30 marks cut after the server stored it resumes, and the server ends with all 30 once', async () => {
    const { server, open, pupils, events } = await start();
    const teacher = await open('teacher', LOGINS.first);
    const marks = await thirtyMarks(server, teacher, pupils, events);
    await teacher.repo.saveLocal(marks);

    teacher.cut('after', 0);
    expect(await teacher.sync()).toBe(false);
    expect(await teacher.repo.pendingCount()).toBe(30);
    expect(await teacher.sync()).toBe(true);

    expect(await teacher.repo.pendingCount()).toBe(0);
    for (const mark of marks) {
      const stored = (await server.store.db.get(mark._id)) as HomeroomDoc<AttendanceBody>;
      expect(stored.body.status).toBe('absent');
      expect(stored.body.history, 'the retry did not duplicate the mark into its history').toEqual(
        [],
      );
    }
  });

  it('a pull that fails while storing leaves the checkpoint where it was', async () => {
    const { open, pupils, events } = await start();
    const guardian = await open('guardian', LOGINS.guardian);
    const teacher = await open('teacher', LOGINS.first);
    const before = await guardian.repo.readCheckpoint('checkpoint:guardian');
    const child = pupils.find(
      (pupil) => pupil.body && (pupil.body as { lastName: string }).lastName === 'Аксёнова',
    )!;
    await teacher.repo.saveLocal([markDoc(teacher, child, events[0]!, '2026-09-07T05:00:00.000Z')]);
    expect(await teacher.sync()).toBe(true);

    // The disk fails while the pulled documents are written: nothing of the batch may stay.
    const failing = vi.spyOn(guardian.repo.db.docs, 'bulkPut').mockImplementation(() => {
      throw new Error('disk full');
    });
    expect(await guardian.sync()).toBe(false);
    expect(await guardian.repo.readCheckpoint('checkpoint:guardian')).toEqual(before);
    failing.mockRestore();

    expect(await guardian.sync()).toBe(true);
    expect(
      await guardian.repo.get(attendanceId(events[0]!.eventId!, child.pupilId!)),
    ).toBeDefined();
  });

  it('two users on one device each start from their own place and see only their own', async () => {
    const { open } = await start();
    const teacher = await open('shared-tablet-teacher', LOGINS.first);
    const guardian = await open('shared-tablet-guardian', LOGINS.guardian);
    const teacherIds = (await teacher.repo.loadAll()).map((doc) => doc._id);
    const guardianIds = (await guardian.repo.loadAll()).map((doc) => doc._id);
    expect(teacherIds.filter((id) => id.startsWith('pupil:'))).toHaveLength(4);
    expect(guardianIds.filter((id) => id.startsWith('pupil:'))).toHaveLength(1);
    expect(guardianIds.some((id) => id.startsWith('guardian:'))).toBe(false);
    expect(await teacher.repo.readCheckpoint('checkpoint:shared-tablet-teacher')).not.toEqual(
      await guardian.repo.readCheckpoint('checkpoint:shared-tablet-guardian'),
    );
  });

  it('a deletion reaches a device that had the document', async () => {
    const { open, pupils, events } = await start();
    const first = await open('first', LOGINS.first);
    const second = await open('second', LOGINS.second);
    const mark = markDoc(first, pupils[0]!, events[0]!, '2026-09-07T05:00:00.000Z');
    await first.repo.saveLocal([mark]);
    expect(await first.sync()).toBe(true);
    expect(await second.sync()).toBe(true);
    expect(await second.repo.get(mark._id)).toBeDefined();

    const stored = (await first.repo.get(mark._id))!;
    await first.repo.saveLocal([
      { ...stored, _deleted: true, updatedAt: '2026-09-07T05:01:00.000Z' },
    ]);
    expect(await first.sync()).toBe(true);
    expect(await second.sync()).toBe(true);
    expect(await second.repo.get(mark._id)).toBeUndefined();
  });

  it('a document with a deleted conflict branch syncs to a fresh device', async () => {
    const { server, open, pupils, events } = await start();
    const first = await open('first', LOGINS.first);
    const mark = markDoc(first, pupils[0]!, events[0]!, '2026-09-07T05:00:00.000Z');
    const db = server.store.db;
    // Two branches of the same mark, as two offline replicas pushing with new_edits=false.
    await db.bulkDocs(
      [
        { ...mark, _rev: '1-aaaa' },
        { ...mark, _rev: '1-bbbb', body: { ...(mark.body as AttendanceBody), status: 'late' } },
      ],
      { new_edits: false },
    );
    const losing = (await db.get(mark._id, { conflicts: true }))._conflicts![0]!;
    await db.bulkDocs(
      [
        {
          ...mark,
          _id: mark._id,
          _rev: '2-cccc',
          _deleted: true,
          _revisions: { start: 2, ids: ['cccc', losing.slice(2)] },
        },
      ],
      { new_edits: false },
    );
    await server.store.catchUp();

    const fresh = await open('fresh', LOGINS.second);
    const got = await fresh.repo.get(mark._id);
    expect(got?._rev).toBe((await db.get(mark._id))._rev);
    expect(got?._deleted).toBeUndefined();
  });

  it('live sync recovers by itself after the network drops and the server restarts, and never claims more than it did', async () => {
    const { server, open, pupils, events } = await start();
    const teacher = await open('live', LOGINS.first);
    teacher.client.start(true);
    try {
      teacher.down = true;
      const mark = markDoc(teacher, pupils[1]!, events[1]!, '2026-09-10T15:00:00.000Z');
      await teacher.repo.saveLocal([mark]);
      await teacher.client.nudge();
      await expect.poll(() => teacher.client.current.error, { timeout: 5000 }).toBe('network');
      await server.restart();
      teacher.down = false;
      // The loop retries on its own (backoff of a second after the first failure).
      await expect
        .poll(async () => (await server.store.db.get(mark._id).catch(() => undefined))?._rev, {
          timeout: 10_000,
        })
        .toBeDefined();
      await expect.poll(() => teacher.client.current.pending, { timeout: 5000 }).toBe(0);
    } finally {
      await teacher.client.stop();
    }
    // Whenever a status said everything was sent, nothing was pending and no attempt had failed.
    for (const snapshot of teacher.snapshots) {
      const claimsSynced =
        snapshot.state === 'idle' && snapshot.error === null && snapshot.lastSyncedAt !== null;
      if (claimsSynced && snapshot.pending > 0)
        expect.fail(`claimed synced with ${snapshot.pending} pending`);
    }
    const failed = teacher.snapshots.findIndex((snapshot) => snapshot.error === 'network');
    expect(failed).toBeGreaterThanOrEqual(0);
  });
});
