/**
 * Roll calls pushed by many teachers at once: Homeroom (validation, access rules, routing index,
 * access log) against express-pouchdb (PouchDB's own CouchDB-compatible server, no access control)
 * taking the very same writes, both on LevelDB on this machine, in the same run. Reports roll calls
 * per second at saturation, and push latencies when 200 teachers arrive over ten seconds.
 *
 * The machines are shared, so saturation is measured in rounds that alternate which server goes
 * first, and the medians are compared; beside the rate, the CPU time this process spent per roll
 * call (the simulated teachers' side included, the same for both) shows the work each server does,
 * which other processes on the machine disturb less than they disturb a rate.
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
import { median, ms } from './measure';

/** Saturation rounds per server; odd, so the median is one of them. */
const ROUNDS = 3;
const WARM_UP_SECONDS = 5;
const SETTLE_SECONDS = 5;

const pause = (seconds: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, seconds * 1000);
  });

/** One server's saturation round: its rate, and this process's CPU time per roll call. */
export interface SaturationRound {
  rollCallsPerSecond: number;
  cpuMsPerRollCall: number;
}

export interface PushRateResult {
  concurrency: number;
  seconds: number;
  homeroomRounds: SaturationRound[];
  baselineRounds: SaturationRound[];
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

    const saturate = async (
      target: 'homeroom' | 'baseline',
      duration = seconds,
    ): Promise<SaturationRound> => {
      let done = 0;
      const cpu = process.cpuUsage();
      const deadline = performance.now() + duration * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          const teacher = teachers[worker % teachers.length]!;
          while (performance.now() < deadline) {
            await push(target, teacher);
            done++;
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      return {
        rollCallsPerSecond: done / duration,
        cpuMsPerRollCall: (used.user + used.system) / 1000 / done,
      };
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

    await saturate('homeroom', WARM_UP_SECONDS);
    await saturate('baseline', WARM_UP_SECONDS);
    const homeroomRounds: SaturationRound[] = [];
    const baselineRounds: SaturationRound[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order =
        round % 2 === 0 ? (['homeroom', 'baseline'] as const) : (['baseline', 'homeroom'] as const);
      for (const target of order) {
        (target === 'homeroom' ? homeroomRounds : baselineRounds).push(await saturate(target));
      }
    }
    // LevelDB compacts in the background after a burst of writes: each latency phase starts after
    // a pause, so neither server's phase pays for the saturation round before it.
    await pause(SETTLE_SECONDS);
    const homeroomLatency = await arrive('homeroom');
    await pause(SETTLE_SECONDS);
    const baselineLatency = await arrive('baseline');
    return {
      concurrency,
      seconds,
      homeroomRounds,
      baselineRounds,
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

export function pushRateSection(r: PushRateResult): string[] {
  const rates = (rounds: SaturationRound[]) => rounds.map((round) => round.rollCallsPerSecond);
  const cpus = (rounds: SaturationRound[]) => rounds.map((round) => round.cpuMsPerRollCall);
  const homeroomRate = median(rates(r.homeroomRounds));
  const baselineRate = median(rates(r.baselineRounds));
  const homeroomCpu = median(cpus(r.homeroomRounds));
  const baselineCpu = median(cpus(r.baselineRounds));
  const list = (values: number[]) => values.map((value) => value.toFixed(1)).join(', ');
  return [
    '### Pushing roll calls: Homeroom against express-pouchdb taking the same writes',
    '',
    `Each roll call is one \`_bulk_docs\` of an event and its ${r.marksPerRollCall} marks (the demo school's class sizes), from the 22 class teachers' sessions; both servers on LevelDB on this machine. Medians of ${r.homeroomRounds.length} rounds of ${r.seconds} s per server, the servers taking turns to go first.`,
    '',
    '| | Homeroom | express-pouchdb (no access control) | Homeroom ÷ baseline |',
    '| --- | --- | --- | --- |',
    `| roll calls per second, ${r.concurrency} at once | ${homeroomRate.toFixed(1)} (rounds: ${list(rates(r.homeroomRounds))}) | ${baselineRate.toFixed(1)} (rounds: ${list(rates(r.baselineRounds))}) | **${(homeroomRate / baselineRate).toFixed(2)}** (target ≥ 2) |`,
    `| CPU time of the process per roll call, teachers' side included | ${ms(homeroomCpu)} ms | ${ms(baselineCpu)} ms | ${(baselineCpu / homeroomCpu).toFixed(2)} (baseline ÷ Homeroom) |`,
    `| push latency, ${r.arrivals} teachers arriving over 10 s: p50 / p95 / p99 | ${ms(r.homeroomLatency.p50)} / ${ms(r.homeroomLatency.p95)} / **${ms(r.homeroomLatency.p99)} ms** (target p99 < 100 ms) | ${ms(r.baselineLatency.p50)} / ${ms(r.baselineLatency.p95)} / ${ms(r.baselineLatency.p99)} ms | |`,
  ];
}
