/**
 * Homeroom in WebKit, the engine of Safari on iPhones, through Debian's WebKitGTK WebDriver: a
 * guardian logs in on a phone-sized window and sees her child's marks and notes; locks and
 * unlocks; reloads with the server gone and unlocks offline; and when the site's storage is
 * cleared under the open app, it says so instead of showing an empty page.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fixturePupils, GUARDIAN_10B, PASSWORD, TEACHER_10B } from '../e2e/support/fixture';
import { demoServer, freeDisplay, started, stop, waitForHttp } from './processes';
import { WebDriver } from './webDriver';

const APP_PORT = Number(process.env.WEBKIT_APP_PORT ?? 8184);
const DRIVER_PORT = Number(process.env.WEBKIT_DRIVER_PORT ?? 4444);
const APP = `http://localhost:${APP_PORT}/`;
const pupils = fixturePupils();
const child = pupils.find((p) => p.guardianEmails.includes(GUARDIAN_10B))!;
const classmates = pupils.filter((p) => p.className === child.className && p !== child);

let xvfb: ChildProcess | undefined;
let driverProcess: ChildProcess | undefined;
let server: ChildProcess | undefined;
let browser: WebDriver | undefined;

before(async () => {
  const display = freeDisplay();
  xvfb = started('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
  driverProcess = started('WebKitWebDriver', [`--port=${DRIVER_PORT}`], {
    DISPLAY: `:${display}`,
  });
  server = demoServer(APP_PORT);
  await waitForHttp(`http://127.0.0.1:${DRIVER_PORT}/status`);
  await waitForHttp(`${APP}couch/`);
  await teacherWritesMarkAndNote();
  const session = await WebDriver.start(`http://127.0.0.1:${DRIVER_PORT}`);
  await session.resize(390, 844);
  browser = session;
});

after(async () => {
  await browser?.quit().catch(() => undefined);
  stop(server);
  stop(driverProcess);
  stop(xvfb);
});

const NOTE = 'Ксения сегодня выступала на классном часе — молодец!';

interface Doc {
  _id: string;
  type: string;
  schoolId: string;
  classIds: string[];
  pupilId?: string;
  eventId?: string;
  date?: string;
  body: { lastName?: string; firstName?: string };
}

/** The class teacher, over the API, marks the child ill at an event and writes to the family. */
async function teacherWritesMarkAndNote(): Promise<void> {
  const session = await fetch(`${APP}couch/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: TEACHER_10B, password: PASSWORD }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const feed = (await (
    await fetch(`${APP}couch/demo/_changes?include_docs=true`, { headers: { cookie } })
  ).json()) as { results: { doc: Doc }[] };
  const docs = feed.results.map((row) => row.doc);
  const pupil = docs.find((doc) => doc.type === 'pupil' && doc.body.lastName === child.lastName)!;
  const event = docs.find((doc) => doc.type === 'event' && doc.classIds[0] === pupil.classIds[0])!;
  const now = new Date().toISOString();
  const envelope = { schoolId: pupil.schoolId, classIds: pupil.classIds, pupilId: pupil.pupilId };
  const write = await fetch(`${APP}couch/demo/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      docs: [
        {
          ...envelope,
          _id: `att:${event.eventId!}:${pupil.pupilId!}`,
          type: 'attendance',
          eventId: event.eventId,
          date: event.date,
          audience: 'family',
          updatedAt: now,
          updatedBy: 'webkit-test',
          body: {
            status: 'absent',
            reason: 'illness',
            evidence: 'none',
            excused: true,
            recordedAt: now,
            recordedBy: 'webkit-test',
            history: [],
          },
        },
        {
          ...envelope,
          _id: 'note:webkit-family-note',
          type: 'note',
          audience: 'family',
          updatedAt: now,
          updatedBy: 'webkit-test',
          body: { text: NOTE },
        },
      ],
    }),
  });
  const results = (await write.json()) as { ok?: boolean; reason?: string }[];
  assert.deepEqual(
    results.map((result) => result.ok ?? result.reason),
    [true, true],
  );
}

/** The WebKit session; started in `before`. */
function webkit(): WebDriver {
  if (!browser) throw new Error('no WebKit session');
  return browser;
}

async function logIn(login: string, password = PASSWORD): Promise<void> {
  await webkit().waitFor("return document.querySelector('input[name=username]') !== null;");
  await webkit().type('input[name=username]', login);
  await webkit().type('input[name=password]', password);
  await webkit().click('button[type=submit]');
}

const childName = new RegExp(`${child.lastName} ${child.firstName}`);

void test("a guardian's phone: the child's marks and notes, and no one else's", async () => {
  await webkit().go(APP);
  await logIn(GUARDIAN_10B);
  const text = await webkit().waitForText(/Посещаемость[\s\S]*Сообщения/);
  assert.match(text, childName);
  process.stdout.write(
    `# the guardian's screen:\n# ${text.split('\n').slice(0, 40).join('\n# ')}\n`,
  );
  const others = classmates.filter((p) => text.includes(`${p.lastName} ${p.firstName}`));
  assert.deepEqual(others, []);
  const overflow = await webkit().run<number>(
    'return document.documentElement.scrollWidth - document.documentElement.clientWidth;',
  );
  assert.ok(overflow <= 0, `sideways scroll of ${overflow}px`);
});

void test('locks, and a wrong password says so before the right one unlocks', async () => {
  await webkit().clickButton('Заблокировать');
  await logIn(GUARDIAN_10B, 'not-the-password');
  await webkit().waitForText(/Неверный пароль для этого устройства/);
  await logIn(GUARDIAN_10B);
  await webkit().waitForText(childName);
});

void test('reload with the server gone, and unlock offline', async () => {
  await webkit().waitFor(
    `const registration = await navigator.serviceWorker.getRegistration();
     return registration?.active?.state === 'activated';`,
    30_000,
  );
  await webkit().refresh();
  await webkit().waitFor('return navigator.serviceWorker.controller !== null;');
  stop(server);
  server = undefined;
  await webkit().refresh();
  await logIn(GUARDIAN_10B);
  const text = await webkit().waitForText(childName);
  assert.match(text, /отсутствовала, болела/);
  assert.ok(text.includes(NOTE));
});

void test('storage cleared under the open app: it says so instead of an empty page', async () => {
  await webkit().run(`
    localStorage.clear();
    const names = (await indexedDB.databases()).map((db) => db.name);
    await Promise.all(names.map((name) => new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    })));
    for (const name of await caches.keys()) await caches.delete(name);
    return true;`);
  const text = await webkit().waitForText(/Браузер удалил данные Homeroom с этого устройства/);
  assert.doesNotMatch(text, childName);
});
