/**
 * Writes taken together: requests that arrive while the store is writing are stored in one batch,
 * each answered for its own documents, each checked against what the requests before it wrote, and
 * routed exactly as the database's own changes feed says.
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceId, type HomeroomDoc } from '../../src/domain/envelope';
import type { AuditEntry } from '../src/audit/auditLog';
import { ChannelIndex, type IndexEntry } from '../src/routing/channelIndex';
import type { SchoolStore, StoreResult, WriteRequest } from '../src/storage/schoolStore';
import { login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
let store: SchoolStore;
let seeded: HomeroomDoc[];

beforeAll(async () => {
  server = await startTestServer();
  store = server.homeroom.deps.schools.get('demo')!;
  seeded = (await store.db.allDocs({ include_docs: true })).rows.flatMap((row) =>
    row.doc ? [row.doc] : [],
  );
});
afterAll(async () => {
  await server.close();
});

const AT = '2026-12-07T05:10:00.000Z';

function note(classId: string, text = 'Объявление'): HomeroomDoc {
  return {
    _id: `note:${randomUUID()}`,
    type: 'note',
    schoolId: seeded[0]!.schoolId,
    classIds: [classId],
    audience: 'class-families',
    updatedAt: AT,
    updatedBy: 'test',
    body: { text },
  };
}

/** A request that writes `docs` as they are, reading nothing else. */
function writing(docs: HomeroomDoc[], newEdits = true, refs: string[] = []): WriteRequest {
  return { ids: docs.map((doc) => doc._id), refs, newEdits, prepare: () => docs };
}

/** Sizes of the batches the store hands PouchDB while `run` runs. */
async function batchesDuring<T>(run: () => Promise<T>): Promise<{ value: T; batches: number[] }> {
  const batches: number[] = [];
  const original = store.db.bulkDocs.bind(store.db);
  store.db.bulkDocs = (docs, options) => {
    batches.push(docs.length);
    return original(docs, options);
  };
  try {
    return { value: await run(), batches };
  } finally {
    store.db.bulkDocs = original;
  }
}

/** The current entries of every channel, as the index answers a feed. */
function currentEntries(index: ChannelIndex) {
  const entries = new Map<string, IndexEntry[]>();
  for (const channel of index.channels()) {
    const current = [...index.entriesAfter(channel, 0)].filter((entry) => !entry.removed);
    if (current.length > 0) entries.set(channel, current);
  }
  return entries;
}

/** The index built from nothing but the database's changes feed, as at a start. */
async function rebuiltIndex(): Promise<ChannelIndex> {
  const index = new ChannelIndex(store.index.keyOf);
  const changes = await store.db.changes({ since: 0, include_docs: true });
  for (const change of changes.results) index.add(Number(change.seq), change.id, change.doc);
  return index;
}

const okRevs = (results: StoreResult[]) => results.map((result) => 'ok' in result && result.ok);

describe('writes taken together', () => {
  it('are stored in one batch, answered each for its own documents, and routed as the changes feed says', async () => {
    const classes = seeded.filter((doc) => doc.type === 'class').map((doc) => doc.classIds[0]!);
    const pupil = seeded.find((doc) => doc.type === 'pupil')!;
    const first = [note(classes[0]!), note(classes[0]!), note(classes[0]!)];
    const second = [note(classes[1]!), note(classes[2]!)];
    const edited = { ...pupil, updatedAt: AT };

    // Queued in one moment, so all three wait for the same turn of the store.
    const { value, batches } = await batchesDuring(() =>
      Promise.all([
        store.write(writing(first)),
        store.write(writing([edited])),
        store.write(writing(second)),
      ]),
    );
    expect(batches).toEqual([6]);
    expect(value.map(okRevs)).toEqual([[true, true, true], [true], [true, true]]);
    const revOf = (result: StoreResult | undefined) =>
      result && 'rev' in result ? result.rev : '';
    expect(revOf(value[1][0])).toMatch(/^2-/);

    // A deletion, a conflicting branch and new documents, each routed however it must be.
    const gone = { ...first[0]!, _rev: revOf(value[0][0]), _deleted: true };
    const branch = { ...second[0]!, _rev: '7-0123456789abcdef0123456789abcdef', updatedBy: 'x' };
    await Promise.all([
      store.write(writing([gone, note(classes[3]!)])),
      store.write(writing([branch], false)),
      store.write(writing([note(classes[0]!)])),
    ]);

    const rebuilt = await rebuiltIndex();
    expect(store.index.lastSeq).toBe(rebuilt.lastSeq);
    expect(currentEntries(store.index)).toEqual(currentEntries(rebuilt));
  });

  it('check each request against what the requests before it wrote', async () => {
    const classId = seeded.find((doc) => doc.type === 'class')!.classIds[0]!;
    const eventId = randomUUID();
    const event = { ...note(classId), _id: `event:${eventId}`, type: 'event' as const, eventId };
    let seenEvent: HomeroomDoc | undefined;
    const mark = note(classId);
    const results = await Promise.all([
      store.write(writing([event])),
      store.write({
        ...writing([mark], true, [event._id]),
        prepare: (current) => {
          seenEvent = current.get(event._id);
          return [mark];
        },
      }),
    ]);
    expect(results.map(okRevs)).toEqual([[true], [true]]);
    expect(seenEvent?._id).toBe(event._id);
  });

  it('a request PouchDB refuses whole does not take the others down with it', async () => {
    const classId = seeded.find((doc) => doc.type === 'class')!.classIds[0]!;
    const before = note(classId);
    const malformed = { ...note(classId), _rev: 'not-a-revision' };
    const after = note(classId);
    const outcomes = await Promise.allSettled([
      store.write(writing([before])),
      store.write(writing([malformed])),
      store.write(writing([after])),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(store.index.has(before._id) && store.index.has(after._id)).toBe(true);
    expect(store.index.has(malformed._id)).toBe(false);
    const rebuilt = await rebuiltIndex();
    expect(currentEntries(store.index)).toEqual(currentEntries(rebuilt));
  });

  it('roll calls pushed at once are each in their class feed when answered', async () => {
    const teacher = await login(server.app, TEACHER_10B);
    const classId = seeded.find(
      (doc) => doc.type === 'assignment' && doc.personId === teacher.personId,
    )!.classIds[0]!;
    const pupils = seeded.filter((doc) => doc.type === 'pupil' && doc.classIds[0] === classId);
    const template = seeded.find((doc) => doc.type === 'event')!;
    const rollCall = () => {
      const eventId = randomUUID();
      const event = { ...template, _id: `event:${eventId}`, eventId, classIds: [classId] };
      delete (event as { _rev?: string })._rev;
      delete (event as { personId?: string }).personId;
      const marks = pupils.map((pupil) => ({
        _id: attendanceId(eventId, pupil.pupilId!),
        type: 'attendance',
        schoolId: pupil.schoolId,
        classIds: [classId],
        pupilId: pupil.pupilId,
        eventId,
        date: template.date,
        audience: 'family',
        updatedAt: AT,
        updatedBy: teacher.personId,
        body: {
          status: 'present',
          reason: 'unknown',
          evidence: 'none',
          excused: false,
          recordedAt: AT,
          recordedBy: teacher.personId,
          history: [],
        },
      }));
      return [event, ...marks];
    };
    const feedIds = async () => {
      const response = await server.app.inject({
        url: '/couch/demo/_changes',
        headers: { cookie: teacher.cookie },
      });
      return new Set(response.json<{ results: { id: string }[] }>().results.map((row) => row.id));
    };

    const pushes = Array.from({ length: 6 }, rollCall);
    await Promise.all(
      pushes.map(async (docs) => {
        const response = await server.app.inject({
          method: 'POST',
          url: '/couch/demo/_bulk_docs',
          headers: { cookie: teacher.cookie },
          payload: { docs },
        });
        expect(response.json<{ ok?: true }[]>().every((result) => result.ok)).toBe(true);
        const visible = await feedIds();
        for (const doc of docs) expect(visible.has(doc._id), doc._id).toBe(true);
      }),
    );
  });
});

describe('the access log', () => {
  it('takes over the entries an earlier version kept in PouchDB, and removes that database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'homeroom-audit-move-'));
    const old = new PouchDB<AuditEntry>(path.join(dataDir, 'audit'));
    const pupilId = randomUUID();
    const entries = Array.from({ length: 3 }, (_, i) => ({
      _id: `p:${pupilId}:2026-10-0${i + 1}T08:00:00.000Z:00000${i}`,
      at: `2026-10-0${i + 1}T08:00:00.000Z`,
      accountId: 'account:someone',
      personId: 'someone',
      roles: ['classTeacher'],
      device: 'tablet',
      docId: `pupil:${pupilId}`,
      docType: 'pupil',
      pupilId,
      action: 'read' as const,
    }));
    await old.bulkDocs(entries);
    await old.close();

    const moved = await startTestServer({ dataDir });
    try {
      const found = await moved.homeroom.deps.auditLog.forPupil(pupilId, 10);
      expect(found).toEqual([...entries].reverse());
      expect(existsSync(path.join(dataDir, 'audit'))).toBe(false);
    } finally {
      await moved.close();
    }
  });
});
