/**
 * Stock PouchDB pushing to Homeroom with `replicate.to`: the replication protocol's
 * `_revs_diff` and `_bulk_docs` with `new_edits: false`, conflicting revisions included, for the
 * documents the user may write; what the user may not write is refused and not stored.
 */
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceId, type HomeroomDoc } from '../../src/domain/envelope';
import { DEMO_PASSWORD, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ listen: true });
});
afterAll(async () => {
  await server.close();
});

const remote = () =>
  new PouchDB<HomeroomDoc>(`${server.url}/couch/demo`, {
    auth: { username: TEACHER_10B, password: DEMO_PASSWORD },
  });

describe('stock PouchDB replicate.to', () => {
  it('pushes new marks and conflicting branches; refuses what the teacher may not write', async () => {
    const local = new PouchDB<HomeroomDoc>('teacher-tablet-push', { adapter: 'memory' });
    await local.replicate.from(remote());
    const all = (await local.allDocs({ include_docs: true })).rows.flatMap((row) =>
      row.doc ? [row.doc] : [],
    );
    const me = server.homeroom.deps.accounts.findByLogin(TEACHER_10B)!.personId;
    const ownClass = all.find((doc) => doc.type === 'assignment')!.classIds[0]!;
    const event = all.find((doc) => doc.type === 'event' && doc.classIds[0] === ownClass)!;
    const [first, second] = all.filter(
      (doc) => doc.type === 'pupil' && doc.classIds[0] === ownClass,
    );
    const foreign = all.find((doc) => doc.type === 'pupil' && doc.classIds[0] !== ownClass)!;
    const at = new Date().toISOString();
    const mark = (pupil: HomeroomDoc, status: string) => ({
      _id: attendanceId(event.eventId!, pupil.pupilId!),
      type: 'attendance',
      schoolId: pupil.schoolId,
      classIds: pupil.classIds,
      pupilId: pupil.pupilId,
      eventId: event.eventId,
      date: event.date,
      audience: 'family',
      updatedAt: at,
      updatedBy: me,
      body: {
        status,
        reason: 'unknown',
        evidence: 'none',
        excused: false,
        recordedAt: at,
        recordedBy: me,
        history: [],
      },
    });

    await local.bulkDocs([mark(first!, 'absent'), mark(second!, 'late')]);
    // Two offline branches of the first mark, as two tablets would leave them.
    const base = await local.get(mark(first!, 'absent')._id);
    const baseHash = base._rev.slice(2);
    await local.bulkDocs(
      [
        {
          ...mark(first!, 'present'),
          _rev: '2-aaaa',
          _revisions: { start: 2, ids: ['aaaa', baseHash] },
        },
        {
          ...mark(first!, 'late'),
          _rev: '2-bbbb',
          _revisions: { start: 2, ids: ['bbbb', baseHash] },
        },
      ],
      { new_edits: false },
    );
    // And one the teacher may not write: a pupil of a class she does not lead.
    const foreignEvent = all.find((doc) => doc.type === 'event' && doc.classIds[0] !== ownClass);
    await local.bulkDocs([
      {
        ...mark(foreign, 'absent'),
        _id: attendanceId(foreignEvent?.eventId ?? 'x', foreign.pupilId!),
        eventId: foreignEvent?.eventId ?? 'x',
      },
    ]);

    const result = await local.replicate.to(remote());
    expect(result.doc_write_failures).toBe(1);

    const stored = await server.homeroom.deps.schools
      .get('demo')!
      .db.get(mark(first!, 'absent')._id, { conflicts: true });
    expect(stored._rev).toBe('2-bbbb');
    expect(stored._conflicts).toEqual(['2-aaaa']);
    const winner = await local.get(stored._id);
    expect(winner._rev).toBe(stored._rev);
    await expect(
      server.homeroom.deps.schools.get('demo')!.db.get(mark(second!, 'late')._id),
    ).resolves.toMatchObject({ body: { status: 'late' } });
    await expect(
      server.homeroom.deps.schools
        .get('demo')!
        .db.get(attendanceId(foreignEvent?.eventId ?? 'x', foreign.pupilId!)),
    ).rejects.toMatchObject({ status: 404 });
  });
});
