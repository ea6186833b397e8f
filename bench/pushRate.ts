/**
 * Roll calls pushed by many teachers at once: Homeroom (validation, access rules, routing index,
 * access log) against express-pouchdb (PouchDB's own CouchDB-compatible server, no access control)
 * taking the very same writes, both on LevelDB on this machine, in the same run. Reports roll calls
 * per second at saturation, and push latencies when 200 teachers arrive over ten seconds.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import { attendanceId, type HomeroomDoc } from '../src/domain/envelope';
import { buildApp } from '../sync-server/src/app';
import { readConfig } from '../sync-server/src/config';
import { openHomeroom } from '../sync-server/src/homeroom';

export interface PushRateResult {
  concurrency: number;
  seconds: number;
  homeroomRollCallsPerSecond: number;
  baselineRollCallsPerSecond: number;
  marksPerRollCall: number;
  arrivals: number;
  homeroomLatency: { p50: number; p95: number; p99: number };
  baselineLatency: { p50: number; p95: number; p99: number };
}

interface Teacher {
  cookie: string;
  classId: string;
  pupils: HomeroomDoc[];
  template: HomeroomDoc;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A roll call of one class at a new event: the event and a mark per pupil. */
function rollCall(teacher: Teacher, personId: string): HomeroomDoc[] {
  const eventId = randomUUID();
  const at = new Date().toISOString();
  const event = {
    ...teacher.template,
    _id: `event:${eventId}`,
    eventId,
    personId: undefined,
    updatedAt: at,
    updatedBy: personId,
    body: { title: 'Классный час', status: 'held' },
  };
  delete (event as { _rev?: string })._rev;
  const marks = teacher.pupils.map((pupil) => ({
    _id: attendanceId(eventId, pupil.pupilId!),
    type: 'attendance',
    schoolId: pupil.schoolId,
    classIds: pupil.classIds,
    pupilId: pupil.pupilId,
    eventId,
    date: teacher.template.date,
    audience: 'family',
    updatedAt: at,
    updatedBy: personId,
    body: {
      status: 'present',
      reason: 'unknown',
      evidence: 'none',
      excused: false,
      recordedAt: at,
      recordedBy: personId,
      history: [],
    },
  })) as HomeroomDoc[];
  return [event, ...marks];
}

export async function pushRate(
  concurrency: number,
  seconds: number,
  arrivals: number,
): Promise<PushRateResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'homeroom-push-'));
  const homeroom = await openHomeroom(
    readConfig({ HOMEROOM_DATA: path.join(dir, 'homeroom'), LOG_LEVEL: 'silent' }, ['--demo']),
  );
  // Saturation is the point here: the per-account request rate is lifted for the benchmark.
  const app = await buildApp({ ...homeroom.deps, rateLimit: { burst: 1e9, perSecond: 1e9 } });
  const homeroomUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const LevelPouch = PouchDB.defaults({ prefix: `${path.join(dir, 'baseline')}${path.sep}` });
  mkdirSync(path.join(dir, 'baseline'), { recursive: true });
  const baselineApp = express();
  baselineApp.use(
    '/',
    expressPouchDB(LevelPouch, { inMemoryConfig: true, mode: 'minimumForPouchDB' }),
  );
  const baselineServer = await new Promise<Server>((resolve) => {
    const server = baselineApp.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });
  const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}`;

  try {
    const store = homeroom.deps.schools.get('demo')!;
    const all = (await store.db.allDocs({ include_docs: true })).rows.flatMap((row) =>
      row.doc ? [row.doc] : [],
    );
    await fetch(`${baselineUrl}/demo`, { method: 'PUT' });
    await fetch(`${baselineUrl}/demo/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: all.map(({ _rev, ...doc }) => doc) }),
    });

    const teachers: (Teacher & { personId: string })[] = [];
    for (const assignment of all.filter((doc) => doc.type === 'assignment')) {
      const account = homeroom.deps.accounts.findById(`account:${assignment.personId!}`)!;
      const login = await fetch(`${homeroomUrl}/couch/_session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: account.logins[0], password: 'homeroom-demo' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const classId = assignment.classIds[0]!;
      const pupils = all.filter((doc) => doc.type === 'pupil' && doc.classIds[0] === classId);
      const template = {
        ...(all.find((doc) => doc.type === 'event') as HomeroomDoc),
        classIds: [classId],
        date: '2026-12-07',
      };
      teachers.push({ cookie, classId, pupils, template, personId: account.personId });
    }
    const marksPerRollCall = Math.round(
      teachers.reduce((sum, t) => sum + t.pupils.length, 0) / teachers.length,
    );

    const push = async (target: 'homeroom' | 'baseline', teacher: (typeof teachers)[number]) => {
      const docs = rollCall(teacher, teacher.personId);
      const url =
        target === 'homeroom'
          ? `${homeroomUrl}/couch/demo/_bulk_docs`
          : `${baselineUrl}/demo/_bulk_docs`;
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: teacher.cookie },
        body: JSON.stringify({ docs }),
      });
      const results = (await response.json()) as { ok?: boolean }[];
      if (!response.ok || results.some((result) => !result.ok))
        throw new Error(
          `${target} refused a roll call: ${JSON.stringify(results.find((r) => !r.ok))}`,
        );
      return performance.now() - started;
    };

    const saturate = async (target: 'homeroom' | 'baseline') => {
      let done = 0;
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          const teacher = teachers[worker % teachers.length]!;
          while (performance.now() < deadline) {
            await push(target, teacher);
            done++;
          }
        }),
      );
      return done / seconds;
    };

    const arrive = async (target: 'homeroom' | 'baseline') => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: arrivals }, async (_, i) => {
          await new Promise((resolve) =>
            setTimeout(resolve, (i / arrivals) * 10_000 + Math.random() * 50),
          );
          latencies.push(await push(target, teachers[i % teachers.length]!));
        }),
      );
      return {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      };
    };

    await saturate('homeroom');
    await saturate('baseline');
    const homeroomRate = await saturate('homeroom');
    const baselineRate = await saturate('baseline');
    const homeroomLatency = await arrive('homeroom');
    const baselineLatency = await arrive('baseline');
    return {
      concurrency,
      seconds,
      homeroomRollCallsPerSecond: homeroomRate,
      baselineRollCallsPerSecond: baselineRate,
      marksPerRollCall,
      arrivals,
      homeroomLatency,
      baselineLatency,
    };
  } finally {
    await app.close();
    await new Promise((resolve) => baselineServer.close(resolve));
    await homeroom.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
