/**
 * A class teacher's first full sync of a school year of her class: the demo school's 10 «Б» with a
 * roll call on every school day and at each of the plan's events, written through Homeroom's
 * normal write path as the class teacher. Measured in headless Chromium, a fresh browser context
 * (empty storage) per run:
 * - Homeroom: the app's sign-in first (not timed), then the app's sync client, timed from the start
 *   of its first cycle until every document is sealed and stored in the Repository with its
 *   checkpoint, from the Homeroom server that serves the page;
 * - baseline: stock PouchDB (its browser build, with each of its two IndexedDB adapters)
 *   `PouchDB.replicate(remote, local)` of the very same documents from express-pouchdb (LevelDB)
 *   on this machine, until done.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import { chromium, type Browser } from 'playwright-core';
import type { HomeroomDoc } from '../src/domain/envelope';
import type { ClassBody, EventBody, SchoolBody } from '../src/domain/schemas';
import { schoolDays, schoolYearOfRollCalls } from '../src/testing/schoolYear';
import { buildApp } from '../sync-server/src/app';
import { readConfig } from '../sync-server/src/config';
import { DEMO_PASSWORD, openHomeroom } from '../sync-server/src/homeroom';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.config';
import { bundleHarness, callHarness, HARNESS_PAGE } from './harnessServer';
import { median, ms } from './measure';

const TEACHER = 'garutyunyan919@example.com';
const CLASS_NAME = '10 «Б»';
/** The floor for "a school year of a class". */
const MIN_DOCS = 6000;
/** PouchDB's IndexedDB adapters: `idb`, its default, and `indexeddb`, the newer optional one. */
const POUCH_ADAPTERS = ['idb', 'indexeddb'] as const;
type PouchAdapter = (typeof POUCH_ADAPTERS)[number];
/** PouchDB's own browser builds: the library, and the plugin with the `indexeddb` adapter. */
const POUCH_SCRIPTS = ['pouchdb.min.js', 'pouchdb.indexeddb.min.js'];
const POUCH_DIST = path.resolve(import.meta.dirname, '..', 'node_modules', 'pouchdb', 'dist');
/** The server takes at most this many documents per `_bulk_docs`. */
const WRITE_BATCH = 1000;

export interface FirstSyncResult {
  docs: number;
  schoolDays: number;
  planEvents: number;
  pupils: number;
  homeroomMs: number;
  /** Stock PouchDB, per adapter. */
  baselines: { adapter: PouchAdapter; ms: number }[];
}

interface Session {
  url: string;
  cookie: string;
}

/** What `harness.firstSync()` of src/testing/syncHarness.ts answers. */
interface FirstSyncRun {
  ms: number;
  delivered: number;
  rows: number;
  distinctIvs: number;
  rowsWithClearBody: number;
  checkpointWritten: boolean;
}

export async function firstSync(runs: number): Promise<FirstSyncResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'homeroom-first-sync-'));
  const pageDir = path.join(dir, 'page');
  mkdirSync(pageDir);
  writeFileSync(path.join(pageDir, 'index.html'), HARNESS_PAGE);
  writeFileSync(path.join(pageDir, 'harness.js'), await bundleHarness('syncHarness.ts'));

  const homeroom = await openHomeroom(
    readConfig({ HOMEROOM_DATA: path.join(dir, 'homeroom'), LOG_LEVEL: 'silent' }, ['--demo']),
  );
  const app = await buildApp({ ...homeroom.deps, staticDir: pageDir });
  const homeroomUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const baseline = await startBaseline(path.join(dir, 'baseline'));
  let browser: Browser | undefined;
  try {
    const teacher = { url: homeroomUrl, cookie: await logIn(homeroomUrl) };
    const year = await writeSchoolYear(teacher);
    const docs = await readableDocs(teacher);
    if (docs.length < MIN_DOCS) {
      throw new Error(`the class teacher reads ${docs.length} documents, fewer than ${MIN_DOCS}`);
    }
    await loadBaseline(baseline.url, docs);

    const chromiumBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    browser = chromiumBrowser;
    const medians = await takeTurns(runs, {
      homeroom: () => homeroomFirstSync(chromiumBrowser, homeroomUrl, docs.length),
      ...Object.fromEntries(
        POUCH_ADAPTERS.map((adapter) => [
          adapter,
          () => pouchReplicate(chromiumBrowser, baseline.url, adapter, docs.length),
        ]),
      ),
    });
    return {
      docs: docs.length,
      ...year,
      homeroomMs: medians.homeroom!,
      baselines: POUCH_ADAPTERS.map((adapter) => ({ adapter, ms: medians[adapter]! })),
    };
  } finally {
    await browser?.close();
    await app.close();
    await baseline.close();
    await homeroom.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Median milliseconds of each contender over `runs` rounds, after one warm-up round of the servers
 * and the browser. The contenders take turns within a round, so drift hits all of them alike.
 */
async function takeTurns(
  runs: number,
  contenders: Record<string, () => Promise<number>>,
): Promise<Record<string, number>> {
  const times = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
  for (let round = -1; round < runs; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const elapsed = await run();
      if (round >= 0) times.get(name)?.push(elapsed);
    }
  }
  return Object.fromEntries([...times].map(([name, values]) => [name, median(values)]));
}

/** The section of docs/BENCHMARKS.md; the ratio is taken against the faster stock adapter. */
export function firstSyncSection(r: FirstSyncResult): string[] {
  const perSecond = (time: number) => Math.round((r.docs * 1000) / time).toLocaleString('en');
  const fastest = r.baselines.reduce((best, next) => (next.ms < best.ms ? next : best));
  return [
    "### A class teacher's first full sync: Homeroom against stock PouchDB from express-pouchdb",
    '',
    `${CLASS_NAME} for a school year (${r.pupils} pupils, a roll call on each of its ${r.schoolDays} school days and at each of its ${r.planEvents} planned events): the class teacher reads ${r.docs.toLocaleString('en')} documents. Headless Chromium, a fresh browser context (empty storage) per run.`,
    '',
    '| | first sync | documents per second | ÷ Homeroom |',
    '| --- | --- | --- | --- |',
    `| Homeroom: its server, the app's sync client, the encrypted Repository | ${ms(r.homeroomMs)} ms | ${perSecond(r.homeroomMs)} | |`,
    ...r.baselines.map(
      (b) =>
        `| stock PouchDB (\`${b.adapter}\` adapter) from express-pouchdb | ${ms(b.ms)} ms | ${perSecond(b.ms)} | ${(b.ms / r.homeroomMs).toFixed(2)} |`,
    ),
    '',
    `- Homeroom against the faster stock adapter (\`${fastest.adapter}\`): **${(fastest.ms / r.homeroomMs).toFixed(2)}× faster** (target ≥ 2).`,
  ];
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/couch/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: TEACHER, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`the class teacher cannot log in: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Every document the account reads, following `_changes` page by page to its end. */
async function readableDocs({ url, cookie }: Session): Promise<HomeroomDoc[]> {
  const docs: HomeroomDoc[] = [];
  let since: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ include_docs: 'true', limit: '1000' });
    if (since !== undefined) query.set('since', since);
    const response = await fetch(`${url}/couch/demo/_changes?${query.toString()}`, {
      headers: { cookie },
    });
    if (!response.ok) throw new Error(`_changes answered ${response.status}`);
    const page = (await response.json()) as {
      results: { doc?: HomeroomDoc }[];
      last_seq: string;
      pending: number;
    };
    for (const row of page.results) if (row.doc && !row.doc._deleted) docs.push(row.doc);
    if (page.pending === 0) return docs;
    since = page.last_seq;
  }
}

/**
 * The year's roll calls of the teacher's class, written as the class teacher through
 * `_bulk_docs`, each refused document an error. Marks are never dated after today: the server
 * refuses marks recorded in the future.
 */
async function writeSchoolYear(teacher: Session) {
  const docs = await readableDocs(teacher);
  const school = docs.find((doc) => doc.type === 'school') as HomeroomDoc<SchoolBody> | undefined;
  const classDoc = docs.find(
    (doc) => doc.type === 'class' && (doc.body as ClassBody).name === CLASS_NAME,
  ) as HomeroomDoc<ClassBody> | undefined;
  const assignment = docs.find((doc) => doc.type === 'assignment');
  if (!school || !classDoc || !assignment?.personId) {
    throw new Error(`the demo school lacks the school, ${CLASS_NAME} or its class teacher`);
  }
  const classId = classDoc.classIds[0]!;
  const pupils = docs.filter((doc) => doc.type === 'pupil' && doc.classIds[0] === classId);
  const planEvents = docs.filter(
    (doc) => doc.type === 'event' && doc.classIds.includes(classId),
  ) as HomeroomDoc<EventBody>[];
  const notAfter = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
  const year = schoolYearOfRollCalls({
    school: school.body,
    grade: classDoc.body.grade,
    classId,
    pupils,
    planEvents,
    teacherId: assignment.personId,
    notAfter,
  });

  for (let start = 0; start < year.length; start += WRITE_BATCH) {
    const response = await fetch(`${teacher.url}/couch/demo/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: teacher.cookie },
      body: JSON.stringify({ docs: year.slice(start, start + WRITE_BATCH) }),
    });
    const results = (await response.json()) as { ok?: boolean; id: string; reason?: string }[];
    const refused = Array.isArray(results) ? results.find((result) => !result.ok) : results;
    if (!response.ok || refused) {
      throw new Error(`Homeroom refused the year's roll calls: ${JSON.stringify(refused)}`);
    }
  }
  return {
    schoolDays: schoolDays(school.body, classDoc.body.grade).length,
    planEvents: planEvents.length,
    pupils: pupils.length,
  };
}

interface Baseline {
  url: string;
  close(): Promise<void>;
}

/**
 * express-pouchdb over LevelDB, as bench/pushRate.ts starts it, plus a page at `/bench/` with
 * PouchDB's own browser build, so the replication is same-origin as Homeroom's.
 */
async function startBaseline(dir: string): Promise<Baseline> {
  mkdirSync(dir, { recursive: true });
  const LevelPouch = PouchDB.defaults({ prefix: `${dir}${path.sep}` });
  const baselineApp = express();
  const tags = POUCH_SCRIPTS.map((file) => `<script src="/bench/${file}"></script>`).join('');
  baselineApp.get('/bench/', (_request, response) => {
    response
      .type('html')
      .send(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>PouchDB baseline</title>' +
          `${tags}</html>`,
      );
  });
  for (const file of POUCH_SCRIPTS) {
    const script = readFileSync(path.join(POUCH_DIST, file), 'utf8');
    baselineApp.get(`/bench/${file}`, (_request, response) => {
      response.type('js').send(script);
    });
  }
  baselineApp.use(
    '/',
    expressPouchDB(LevelPouch, { inMemoryConfig: true, mode: 'minimumForPouchDB' }),
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = baselineApp.listen(0, '127.0.0.1', () => {
      resolve(listening);
    });
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The same documents, same ids and revisions, stored as a replica would (`new_edits: false`). */
async function loadBaseline(url: string, docs: readonly HomeroomDoc[]): Promise<void> {
  await fetch(`${url}/demo`, { method: 'PUT' });
  for (let start = 0; start < docs.length; start += WRITE_BATCH) {
    const response = await fetch(`${url}/demo/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(start, start + WRITE_BATCH), new_edits: false }),
    });
    if (!response.ok) throw new Error(`express-pouchdb refused the documents: ${response.status}`);
  }
  const info = (await (await fetch(`${url}/demo`)).json()) as { doc_count: number };
  if (info.doc_count !== docs.length) {
    throw new Error(`express-pouchdb holds ${info.doc_count} of ${docs.length} documents`);
  }
}

/** One first sync in a fresh context: sign in (not timed), then the timed sync. */
async function homeroomFirstSync(browser: Browser, url: string, docs: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.waitForFunction(() => 'harness' in globalThis);
    await callHarness(page, 'signInAs', TEACHER, DEMO_PASSWORD);
    const run = await callHarness<FirstSyncRun>(page, 'firstSync');
    const wrong = [
      run.rows !== docs && `${run.rows} rows stored`,
      run.delivered !== docs && `${run.delivered} documents delivered`,
      run.distinctIvs !== run.rows && `${run.rows - run.distinctIvs} repeated IVs`,
      run.rowsWithClearBody > 0 && `${run.rowsWithClearBody} rows with a clear body`,
      !run.checkpointWritten && 'no checkpoint',
    ].filter(Boolean);
    if (wrong.length > 0) {
      throw new Error(`Homeroom's first sync of ${docs} documents: ${wrong.join(', ')}`);
    }
    return run.ms;
  } finally {
    await context.close();
  }
}

interface PouchRun {
  ms: number;
  docCount: number;
  ok: boolean;
}

/** One stock PouchDB replication into a fresh context's IndexedDB. */
async function pouchReplicate(
  browser: Browser,
  url: string,
  adapter: PouchAdapter,
  docs: number,
): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/bench/`);
    await page.waitForFunction(() => 'PouchDB' in globalThis);
    const run = await page.evaluate(
      async ({ remoteUrl, adapter }): Promise<PouchRun> => {
        interface Db {
          info(): Promise<{ doc_count: number }>;
        }
        const Pouch = (
          globalThis as unknown as {
            PouchDB: {
              new (name: string, options?: object): Db;
              replicate(source: Db, target: Db): Promise<{ ok: boolean }>;
            };
          }
        ).PouchDB;
        const remote = new Pouch(remoteUrl);
        const local = new Pouch('first-sync', { adapter });
        const start = performance.now();
        const result = await Pouch.replicate(remote, local);
        const ms = performance.now() - start;
        return { ms, docCount: (await local.info()).doc_count, ok: result.ok };
      },
      { remoteUrl: `${url}/demo`, adapter },
    );
    if (!run.ok || run.docCount !== docs) {
      throw new Error(`PouchDB (${adapter}) replicated ${run.docCount} of ${docs} documents`);
    }
    return run.ms;
  } finally {
    await context.close();
  }
}
