import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { markForLetter, type AttendanceBody, type Mark } from '../domain/attendance';
import type { DocOf } from '../domain/queries';
import { setMark } from '../roll-call/rollCallActions';
import { useApp } from '../store/appStore';
import { Repository } from '../store/repository';
import { setRuntime } from '../store/runtime';
import { UserDb } from '../store/userDb';
import { CouchApi } from '../sync/couchApi';
import { CLASS, pupil, SCHOOL } from '../testing/docs';
import { checkIn } from './checkInActions';

const event = {
  _id: 'event:ev1',
  type: 'event',
  schoolId: SCHOOL,
  classIds: [CLASS],
  eventId: 'ev1',
  audience: 'class-families',
  date: '2026-12-07',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'seed',
  body: { title: 'Разговоры о важном', status: 'planned' },
} as DocOf<'event'>;
const anna = pupil('p1', 'Абрамова', 'Анна') as DocOf<'pupil'>;
const ABSENT = markForLetter({ letter: 'н', status: 'absent', excused: false, meaning: '' });
const LATE = markForLetter({ letter: 'оп', status: 'late', meaning: '' });

let db: UserDb;
let repo: Repository;

beforeEach(async () => {
  db = new UserDb(`check-in-${Math.random()}`);
  repo = new Repository(db, (await createDataKey('pw', 1000)).key);
  setRuntime({
    repo,
    api: new CouchApi(),
    deviceId: 'test-device-0000',
    personId: 'teacher',
    schoolId: SCHOOL,
    afterWrite: () => undefined,
  });
  useApp.setState({ docs: new Map() });
});

afterEach(async () => {
  vi.useRealTimers();
  setRuntime(null);
  await db.delete();
});

/** Only Date is faked: IndexedDB's own timers keep running. */
function clockAt(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

const docs = () => useApp.getState().docs;
const body = () => docs().get('att:ev1:p1')?.body as AttendanceBody | undefined;
const marked = (mark: Mark) => setMark(docs(), event, anna, mark, 'teacher');

describe('a scanned card', () => {
  it('marks an unmarked pupil present, into the outbox', async () => {
    clockAt('2026-12-07T05:02:00Z');
    expect(await checkIn(docs(), event, anna, 'teacher')).toBe('checked-in');
    expect(body()).toMatchObject({ status: 'present', recordedAt: '2026-12-07T05:02:00.000Z' });
    expect(await repo.pendingCount()).toBe(1);
  });

  it('changes nothing for a pupil whose mark says they are here', async () => {
    clockAt('2026-12-07T05:02:00Z');
    await marked(LATE);
    expect(await checkIn(docs(), event, anna, 'teacher')).toBe('already-here');
    expect(body()).toMatchObject({ status: 'late', history: [] });
  });

  it('marks present a pupil recorded absent earlier the same school day, keeping the absence', async () => {
    clockAt('2026-12-07T05:00:00Z');
    await marked(ABSENT);
    clockAt('2026-12-07T05:20:00Z');
    expect(await checkIn(docs(), event, anna, 'teacher')).toBe('checked-in');
    expect(body()?.status).toBe('present');
    expect(body()?.history.map((mark) => mark.status)).toEqual(['absent']);
  });

  it('leaves an absence of an earlier school day to a correction in the roll call', async () => {
    clockAt('2026-12-07T05:00:00Z');
    await marked(ABSENT);
    clockAt('2026-12-08T05:00:00Z');
    expect(await checkIn(docs(), event, anna, 'teacher')).toBe('earlier-day');
    expect(body()).toMatchObject({ status: 'absent', history: [] });
  });
});
