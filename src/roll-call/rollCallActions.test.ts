import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { markForLetter, PRESENT, type AttendanceBody } from '../domain/attendance';
import { groupEvents, schoolOf, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useApp } from '../store/appStore';
import { schoolToday } from '../store/hooks';
import { Repository } from '../store/repository';
import { setRuntime } from '../store/runtime';
import { UserDb } from '../store/userDb';
import { CouchApi } from '../sync/couchApi';
import { CLASS, pupil, SCHOOL } from '../testing/docs';
import {
  markAllPresent,
  needsWhy,
  setMark,
  undoAllPresent,
  WhyRequiredError,
} from './rollCallActions';

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

const DEVICE_ZONE = process.env.TZ;

afterEach(async () => {
  vi.useRealTimers();
  process.env.TZ = DEVICE_ZONE;
  setRuntime(null);
  await db.delete();
});

/** Only Date is faked: IndexedDB's own timers keep running. */
function clockAt(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

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

describe('corrections', () => {
  it('a mark from an earlier school day changes only with a why, which the record keeps', async () => {
    clockAt('2026-12-07T05:00:00Z');
    await setMark(docs(), event, pupils[0]!, ILL, 'teacher');
    // 15:00 in Moscow, the same school day: a slip or a late-comer changes freely.
    clockAt('2026-12-07T12:00:00Z');
    expect(needsWhy(docs(), event, pupils[0]!)).toBe(false);
    await setMark(docs(), event, pupils[0]!, PRESENT, 'teacher');

    clockAt('2026-12-08T05:00:00Z');
    expect(needsWhy(docs(), event, pupils[0]!)).toBe(true);
    expect(needsWhy(docs(), event, pupils[1]!)).toBe(false);
    await expect(setMark(docs(), event, pupils[0]!, ILL, 'teacher')).rejects.toBeInstanceOf(
      WhyRequiredError,
    );
    await expect(setMark(docs(), event, pupils[0]!, ILL, 'teacher', '  ')).rejects.toBeInstanceOf(
      WhyRequiredError,
    );
    expect(body('p1').status).toBe('present');

    await setMark(docs(), event, pupils[0]!, ILL, 'deputy', '  Мама принесла справку ');
    expect(body('p1')).toMatchObject({
      status: 'absent',
      recordedBy: 'deputy',
      recordedAt: '2026-12-08T05:00:00.000Z',
      why: 'Мама принесла справку',
    });
    expect(body('p1').history.map((mark) => [mark.status, mark.recordedAt])).toEqual([
      ['absent', '2026-12-07T05:00:00.000Z'],
      ['present', '2026-12-07T12:00:00.000Z'],
    ]);
    expect((await repo.get('att:ev1:p1'))?.body).toEqual(body('p1'));

    const writes = nudges;
    await setMark(docs(), event, pupils[0]!, ILL, 'deputy', 'Ещё раз');
    expect(nudges).toBe(writes);
  });
});

describe("the school's time zone", () => {
  /** 08:15 on 2 September in Vladivostok; still 1 September in London and Los Angeles. */
  const MORNING_IN_VLADIVOSTOK = '2026-09-01T22:15:00Z';
  const school = {
    _id: 'school:s1',
    type: 'school',
    schoolId: SCHOOL,
    classIds: [],
    audience: 'school',
    updatedAt: '2026-08-01T00:00:00.000Z',
    updatedBy: 'seed',
    body: { name: 'Школа', timeZone: 'Asia/Vladivostok' },
  } as unknown as DocOf<'school'>;
  const onDate = (eventId: string, date: string) =>
    ({ ...event, _id: `event:${eventId}`, eventId, date }) as DocOf<'event'>;
  const firstSeptember = onDate('sep1', '2026-09-01');
  const secondSeptember = onDate('sep2', '2026-09-02');

  it.each(['America/Los_Angeles', 'Europe/London', 'Asia/Vladivostok'])(
    'a mark made at 08:15 on 2 September in Vladivostok is dated 2 September on a device in %s',
    async (deviceZone) => {
      process.env.TZ = deviceZone;
      clockAt(MORNING_IN_VLADIVOSTOK);
      expect(new Date().getDate()).toBe(deviceZone === 'Asia/Vladivostok' ? 2 : 1);
      useApp.setState({ docs: new Map([[school._id, school]]) });

      const today = schoolToday(schoolOf(docs()));
      expect(today).toBe('2026-09-02');
      const [todays] = groupEvents([firstSeptember, secondSeptember], today).today;
      expect(todays?.eventId).toBe('sep2');
      await setMark(docs(), todays!, pupils[0]!, ILL, 'teacher');

      const stored = await repo.get('att:sep2:p1');
      expect(stored).toMatchObject({
        date: '2026-09-02',
        body: { recordedAt: '2026-09-01T22:15:00.000Z' },
      });
      expect(formatDate(stored?.date ?? '', 'ru')).toBe('ср, 2 сентября 2026 г.');
    },
  );
});
