import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { markForLetter, type AttendanceBody } from '../domain/attendance';
import type { DocOf } from '../domain/queries';
import { useApp } from '../store/appStore';
import { Repository } from '../store/repository';
import { setRuntime } from '../store/runtime';
import { UserDb } from '../store/userDb';
import { CouchApi } from '../sync/couchApi';
import { CLASS, pupil, SCHOOL } from '../testing/docs';
import { markAllPresent, setMark, undoAllPresent } from './rollCallActions';

const event = {
  _id: 'event:ev1',
  type: 'event',
  schoolId: SCHOOL,
  classIds: [CLASS],
  audience: 'class-families',
  date: '2026-12-07',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'seed',
  body: { title: 'Разговоры о важном', status: 'planned' },
} as DocOf<'event'>;
const pupils = [
  pupil('p1', 'Абрамова', 'Анна'),
  pupil('p2', 'Борисова', 'Вера'),
] as DocOf<'pupil'>[];
const ILL = markForLetter({
  letter: 'б',
  status: 'absent',
  reason: 'illness',
  excused: true,
  meaning: 'болел',
});

let db: UserDb;
let repo: Repository;
let nudges = 0;

beforeEach(async () => {
  db = new UserDb(`roll-call-${Math.random()}`);
  repo = new Repository(db, (await createDataKey('pw', 1000)).key);
  nudges = 0;
  setRuntime({
    repo,
    api: new CouchApi(),
    deviceId: 'test-device-0000',
    personId: 'teacher',
    schoolId: SCHOOL,
    afterWrite: () => (nudges += 1),
  });
  useApp.setState({ docs: new Map() });
});

afterEach(async () => {
  setRuntime(null);
  await db.delete();
});

const docs = () => useApp.getState().docs;
const body = (pupilId: string) => docs().get(`att:ev1:${pupilId}`)?.body as AttendanceBody;

describe('roll call actions', () => {
  it('marks only the unmarked present in one write, and undo takes exactly those back', async () => {
    await setMark(docs(), event, pupils[0]!, ILL, 'teacher');
    const created = await markAllPresent(docs(), event, pupils, 'teacher');

    expect(created.map((doc) => doc.pupilId)).toEqual(['p2']);
    expect(body('p1').status).toBe('absent');
    expect(body('p2').status).toBe('present');
    expect(await repo.pendingCount()).toBe(2);
    expect(nudges).toBe(2);

    await undoAllPresent(created);
    expect(docs().has('att:ev1:p2')).toBe(false);
    expect(body('p1').status).toBe('absent');
  });

  it('keeps the history when a past mark is corrected, and validates before queuing', async () => {
    await setMark(docs(), event, pupils[0]!, ILL, 'teacher');
    await setMark(
      docs(),
      event,
      pupils[0]!,
      { ...ILL, status: 'present', excused: false },
      'teacher',
    );
    expect(body('p1').status).toBe('present');
    expect(body('p1').history.map((mark) => mark.status)).toEqual(['absent']);

    const stored = await repo.get('att:ev1:p1');
    expect(stored?.body).toEqual(body('p1'));
    expect(stored).toMatchObject({
      classIds: [CLASS],
      pupilId: 'p1',
      eventId: 'ev1',
      audience: 'family',
    });

    const undated = { ...event, date: undefined } as unknown as DocOf<'event'>;
    await expect(setMark(docs(), undated, pupils[1]!, ILL, 'teacher')).rejects.toThrow(/date/);
    expect(docs().has('att:ev1:p2')).toBe(false);
  });
});
