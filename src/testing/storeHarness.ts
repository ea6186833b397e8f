/**
 * A page for measurements and crypto tests in a real browser: the encrypted store (Repository over
 * UserDb, the app's own code) beside plain Dexie with the same schema, the key functions, and the
 * IV check across tabs. Bundled and served by bench/harnessServer.ts; never part of the app.
 */
import { Dexie, type Table } from 'dexie';
import { createDataKey, PBKDF2_ITERATIONS, unwrapDataKey, type WrappedKey } from '../crypto/keys';
import { toHex } from '../crypto/bytes';
import { attendanceId, type HomeroomDoc } from '../domain/envelope';
import { validateDoc } from '../domain/schemas';
import { Repository } from '../store/repository';
import { UserDb, type DocRow, type OutboxEntry } from '../store/userDb';

const SCHOOL = '7d1f3c2a-1111-4c4c-9a9a-000000000001';
const CLASS = '7d1f3c2a-2222-4c4c-9a9a-000000000002';

/** A stable UUID per (salt, n): five hex digits of the salt's hash, seven of n. */
function uuid(n: number, salt: string): string {
  let hash = 0;
  for (const char of salt) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  const hex = (hash % 0xfffff).toString(16).padStart(5, '0') + n.toString(16).padStart(7, '0');
  return `7d1f3c2a-3333-4c4c-9a9a-${hex}`;
}

/** Roll-call marks as the app writes them: one per pupil and event, ~300 bytes each. */
export function rollCallDocs(count: number, salt = 'a'): HomeroomDoc[] {
  const at = new Date('2026-12-07T05:00:00Z').toISOString();
  return Array.from({ length: count }, (_, i) => {
    const eventId = uuid(Math.floor(i / 28), `event-${salt}`);
    const pupilId = uuid(i % 28, `pupil-${salt}`);
    return {
      _id: attendanceId(eventId, pupilId),
      type: 'attendance',
      schoolId: SCHOOL,
      classIds: [CLASS],
      pupilId,
      eventId,
      audience: 'family',
      date: '2026-12-07',
      updatedAt: at,
      updatedBy: SCHOOL,
      body: {
        status: i % 7 === 0 ? 'absent' : 'present',
        reason: i % 7 === 0 ? 'illness' : 'unknown',
        evidence: 'none',
        excused: i % 7 === 0,
        recordedAt: at,
        recordedBy: SCHOOL,
        history: [],
      },
    };
  });
}

/** The baseline: Dexie with the very same schema, rows stored as they are. */
class PlainDb extends Dexie {
  docs!: Table<HomeroomDoc, string>;
  outbox!: Table<OutboxEntry, string>;

  constructor(name: string) {
    super(name);
    this.version(2).stores({
      docs: '&_id, type, *classIds, pupilId, eventId, personId, date',
      outbox: '&docId',
      checkpoints: '&key',
      meta: '&key',
    });
  }
}

/** The same work as Repository.saveLocal, without encryption. */
async function savePlain(db: PlainDb, docs: readonly HomeroomDoc[]): Promise<void> {
  const queuedAt = new Date().toISOString();
  await db.transaction('rw', db.docs, db.outbox, async () => {
    const ids = docs.map((doc) => doc._id);
    const [, entries] = await Promise.all([db.docs.bulkGet(ids), db.outbox.bulkGet(ids)]);
    await db.docs.bulkPut([...docs]);
    await db.outbox.bulkPut(
      docs.map((doc, i) => ({ docId: doc._id, editSeq: (entries[i]?.editSeq ?? 0) + 1, queuedAt })),
    );
  });
}

let dbCount = 0;

/** Writes `count` marks in one call and reads them all back; milliseconds of each. */
async function writeRead(kind: 'encrypted' | 'plain', count: number) {
  const docs = rollCallDocs(count);
  const name = `bench-${kind}-${dbCount++}`;
  let writeMs: number;
  let readMs: number;
  let read: number;
  if (kind === 'encrypted') {
    const { key } = await createDataKey('bench', 1000);
    const db = new UserDb(name);
    const repo = new Repository(db, key);
    const start = performance.now();
    await repo.saveLocal(docs);
    writeMs = performance.now() - start;
    const again = performance.now();
    read = (await repo.loadAll()).length;
    readMs = performance.now() - again;
    db.close();
  } else {
    const db = new PlainDb(name);
    await db.open();
    const start = performance.now();
    await savePlain(db, docs);
    writeMs = performance.now() - start;
    const again = performance.now();
    read = (await db.docs.toArray()).length;
    readMs = performance.now() - again;
    db.close();
  }
  await Dexie.delete(name);
  if (read !== count) throw new Error(`read ${read} of ${count}`);
  return { writeMs, readMs };
}

/** Time to unwrap the data key from the password at `iterations`, as an unlock does. */
async function unlockMs(iterations = PBKDF2_ITERATIONS): Promise<number> {
  const { stored } = await createDataKey('homeroom-demo', iterations);
  const start = performance.now();
  await unwrapDataKey(stored, 'homeroom-demo');
  return performance.now() - start;
}

/**
 * The whole unlock of a device that holds `rows` marks: unwrap the key from the password, then
 * read and decrypt every row into memory, as the app does before it shows the class.
 */
async function unlockAndLoadMs(rows: number, iterations = PBKDF2_ITERATIONS): Promise<number> {
  const { stored, key } = await createDataKey('homeroom-demo', iterations);
  const name = `bench-unlock-${dbCount++}`;
  const db = new UserDb(name);
  await new Repository(db, key).saveLocal(rollCallDocs(rows, 'unlock'));
  db.close();
  const start = performance.now();
  const again = new UserDb(name);
  const loaded = await new Repository(
    again,
    await unwrapDataKey(stored, 'homeroom-demo'),
  ).loadAll();
  const elapsed = performance.now() - start;
  again.close();
  await Dexie.delete(name);
  if (loaded.length !== rows) throw new Error(`loaded ${loaded.length} of ${rows}`);
  return elapsed;
}

/**
 * Tap to saved: validate one mark, seal it, put it and its outbox entry in one transaction,
 * into a store that already holds a term of roll calls. Milliseconds per mark.
 */
async function tapToSaved(samples: number, stored = 2000): Promise<number[]> {
  const { key } = await createDataKey('bench', 1000);
  const name = `bench-tap-${dbCount++}`;
  const db = new UserDb(name);
  const repo = new Repository(db, key);
  await repo.saveLocal(rollCallDocs(stored, 'term'));
  const marks = rollCallDocs(samples, 'today');
  const times: number[] = [];
  for (const mark of marks) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const start = performance.now();
    const check = validateDoc(mark);
    if (!check.ok) throw new Error(check.reason);
    await repo.saveLocal([mark]);
    times.push(performance.now() - start);
  }
  db.close();
  await Dexie.delete(name);
  return times;
}

const IV_DB = 'harness-iv';
const KEY_DB = 'harness-key';

/** One tab creates the data key; the others unwrap the same stored key, as tabs of one user do. */
async function ivShareKey(): Promise<void> {
  const { stored } = await createDataKey('two-tabs', 1000);
  const db = new Dexie(KEY_DB);
  db.version(1).stores({ keys: '' });
  await db.table('keys').put(stored, 'key');
  db.close();
}

async function ivWrite(tab: string, count: number): Promise<void> {
  const keys = new Dexie(KEY_DB);
  keys.version(1).stores({ keys: '' });
  const stored = (await keys.table('keys').get('key')) as WrappedKey;
  keys.close();
  const repo = new Repository(new UserDb(IV_DB), await unwrapDataKey(stored, 'two-tabs'));
  const docs = rollCallDocs(count, tab);
  for (let start = 0; start < docs.length; start += 250) {
    await repo.saveLocal(docs.slice(start, start + 250));
  }
  repo.db.close();
}

async function ivCollect(): Promise<string[]> {
  const db = new UserDb(IV_DB);
  const rows: DocRow[] = await db.docs.toArray();
  db.close();
  return rows.map((row) => toHex(row.iv));
}

export const harness = {
  writeRead,
  unlockMs,
  unlockAndLoadMs,
  tapToSaved,
  ivShareKey,
  ivWrite,
  ivCollect,
  pbkdf2Iterations: () => PBKDF2_ITERATIONS,
};

(globalThis as unknown as { harness: typeof harness }).harness = harness;
