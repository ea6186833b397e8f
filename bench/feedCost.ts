/**
 * Feed cost: a guardian's first full sync and an incremental sync, at the demo school (~2,500
 * documents) and at a school grown to 200,000 documents with marks of other classes. The guardian's
 * own data is the same size in both. Baseline, in the same run over the same data: a `_changes`
 * filtered per request (every change of the school passed through the access rules), which is how
 * systems without routing at write time answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { canRead } from '../src/domain/access';
import { attendanceId, type HomeroomDoc } from '../src/domain/envelope';
import { accountRoles } from '../sync-server/src/accounts/accounts';
import { buildApp } from '../sync-server/src/app';
import { readConfig } from '../sync-server/src/config';
import { openHomeroom } from '../sync-server/src/homeroom';
import type { SchoolStore } from '../sync-server/src/storage/schoolStore';
import { median, time } from './measure';

const GUARDIAN = 'kps.mama@example.com';
const PAGE = 500;

export interface FeedCostResult {
  docs: number;
  firstSyncMs: number;
  incrementalMs: number;
  baselineFirstMs: number;
  baselineIncrementalMs: number;
  rowsFirst: number;
}

export async function feedCost(totalDocs: number, runs: number): Promise<FeedCostResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'homeroom-bench-'));
  const homeroom = await openHomeroom(
    readConfig({ HOMEROOM_DATA: dataDir, LOG_LEVEL: 'silent' }, ['--demo']),
  );
  const app = await buildApp(homeroom.deps);
  try {
    const store = homeroom.deps.schools.get('demo')!;
    const account = homeroom.deps.accounts.findByLogin(GUARDIAN)!;
    const scope = store.grants.scopeFor(accountRoles(account));
    await growSchool(store, scope.schoolId, totalDocs, scope.childClasses);
    const docs = (await store.db.info()).doc_count;

    const session = await app.inject({
      method: 'POST',
      url: '/couch/_session',
      payload: { name: GUARDIAN, password: 'homeroom-demo' },
    });
    const cookie = `AuthSession=${session.cookies[0]?.value ?? ''}`;
    const follow = async (since?: string) => {
      let position = since;
      let rows = 0;
      for (;;) {
        const query = new URLSearchParams({ include_docs: 'true', limit: String(PAGE) });
        if (position) query.set('since', position);
        const page = (
          await app.inject({ url: `/couch/demo/_changes?${query.toString()}`, headers: { cookie } })
        ).json<{ results: unknown[]; last_seq: string; pending: number }>();
        rows += page.results.length;
        position = page.last_seq;
        if (page.pending === 0) return { rows, position };
      }
    };
    /** The baseline: the whole changes feed, each change checked against the rules. */
    const filtered = async (since: number) => {
      let cursor = since;
      let rows = 0;
      for (;;) {
        const batch = await store.db.changes({ since: cursor, limit: PAGE, include_docs: true });
        for (const change of batch.results) {
          cursor = Number(change.seq);
          if (change.doc && canRead(scope, change.doc)) rows++;
        }
        if (batch.results.length < PAGE) return { rows, cursor };
      }
    };

    // Warm up: the first request of a process pays for compiling the code paths.
    await follow();
    await filtered(0);
    const first = await follow();
    const firstTimes: number[] = [];
    const baselineFirst: number[] = [];
    const incremental: number[] = [];
    const baselineIncremental: number[] = [];
    for (let run = 0; run < runs; run++) {
      firstTimes.push(await time(() => follow()));
      baselineFirst.push(await time(() => filtered(0)));

      const before = await follow();
      const seqBefore = Number((await store.db.info()).update_seq);
      await writeTraffic(store, scope.schoolId, scope.childClasses, 200);
      incremental.push(await time(() => follow(before.position)));
      baselineIncremental.push(await time(() => filtered(seqBefore)));
    }
    return {
      docs,
      rowsFirst: first.rows,
      firstSyncMs: median(firstTimes),
      incrementalMs: median(incremental),
      baselineFirstMs: median(baselineFirst),
      baselineIncrementalMs: median(baselineIncremental),
    };
  } finally {
    await app.close();
    await homeroom.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Marks of other classes' pupils at generated events, until the school holds `total` documents. */
async function growSchool(
  store: SchoolStore,
  schoolId: string,
  total: number,
  avoid: ReadonlySet<string>,
) {
  const all = await store.db.allDocs({ include_docs: true });
  const docs = all.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  const pupils = docs.filter((doc) => doc.type === 'pupil' && !avoid.has(doc.classIds[0] ?? ''));
  let count = docs.length;
  const batch: HomeroomDoc[] = [];
  let day = 0;
  while (count < total) {
    day++;
    const date = new Date(Date.UTC(2026, 8, 1 + (day % 250))).toISOString().slice(0, 10);
    const byClass = new Map<string, HomeroomDoc[]>();
    for (const pupil of pupils)
      byClass.set(pupil.classIds[0]!, [...(byClass.get(pupil.classIds[0]!) ?? []), pupil]);
    for (const [classId, classPupils] of byClass) {
      if (count >= total) break;
      const eventId = randomUUID();
      batch.push(
        envelope(schoolId, {
          _id: `event:${eventId}`,
          type: 'event',
          classIds: [classId],
          eventId,
          date,
          audience: 'class-families',
          body: { title: 'Классный час', status: 'held' },
        }),
      );
      count++;
      for (const pupil of classPupils) {
        if (count >= total) break;
        batch.push(
          envelope(schoolId, {
            _id: attendanceId(eventId, pupil.pupilId!),
            type: 'attendance',
            classIds: [classId],
            pupilId: pupil.pupilId,
            eventId,
            date,
            audience: 'family',
            body: {
              status: 'present',
              reason: 'unknown',
              evidence: 'none',
              excused: false,
              recordedAt: `${date}T05:00:00.000Z`,
              recordedBy: 'bench',
              history: [],
            },
          }),
        );
        count++;
      }
      if (batch.length >= 2000) await store.db.bulkDocs(batch.splice(0));
    }
  }
  if (batch.length > 0) await store.db.bulkDocs(batch);
  await store.catchUp();
}

/** Writes in other classes plus one note to the guardian's class: what a school does in a while. */
async function writeTraffic(
  store: SchoolStore,
  schoolId: string,
  childClasses: ReadonlySet<string>,
  others: number,
) {
  const all = await store.db.allDocs({
    include_docs: true,
    startkey: 'class:',
    endkey: 'class:\uffff',
  });
  const otherClass = all.rows.find(
    (row) => row.doc?.type === 'class' && !childClasses.has(row.doc.classIds[0]!),
  )!.doc!.classIds[0]!;
  const childClass = [...childClasses][0]!;
  const notes = Array.from({ length: others }, () =>
    envelope(schoolId, {
      _id: `note:${randomUUID()}`,
      type: 'note',
      classIds: [otherClass],
      audience: 'class-families',
      body: { text: 'Объявление' },
    }),
  );
  notes.push(
    envelope(schoolId, {
      _id: `note:${randomUUID()}`,
      type: 'note',
      classIds: [childClass],
      audience: 'class-families',
      body: { text: 'Объявление' },
    }),
  );
  await store.db.bulkDocs(notes);
  await store.catchUp();
}

function envelope(schoolId: string, doc: Partial<HomeroomDoc>): HomeroomDoc {
  return {
    schoolId,
    updatedAt: '2026-12-07T05:00:00.000Z',
    updatedBy: 'bench',
    ...doc,
  } as HomeroomDoc;
}
