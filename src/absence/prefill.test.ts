/**
 * «Все присутствуют» on a roll call with a family's notice: it records what the roll shows, the
 * notice's absence for that pupil and present for the others, and its undo takes both back.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDataKey } from '../crypto/keys';
import { suggestionFor, type Notice } from '../domain/absence';
import type { AttendanceLetter } from '../domain/attendance';
import type { DocOf } from '../domain/queries';
import { markAllPresent, undoAllPresent } from '../roll-call/rollCallActions';
import { useApp } from '../store/appStore';
import { Repository } from '../store/repository';
import { setRuntime } from '../store/runtime';
import { UserDb } from '../store/userDb';
import { CouchApi } from '../sync/couchApi';
import { CLASS, pupil, SCHOOL } from '../testing/docs';

const event = {
  _id: 'event:ev1',
  type: 'event',
  schoolId: SCHOOL,
  classIds: [CLASS],
  eventId: 'ev1',
  audience: 'class-families',
  date: '2026-12-25',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'seed',
  body: { title: 'Новогодний праздник', status: 'planned' },
} as DocOf<'event'>;
const pupils = [
  pupil('p1', 'Абрамова', 'Анна'),
  pupil('p2', 'Борисова', 'Вера'),
] as DocOf<'pupil'>[];
const notice: Notice = {
  _id: 'absence:n1',
  type: 'absence',
  schoolId: SCHOOL,
  classIds: [CLASS],
  pupilId: 'p1',
  audience: 'family',
  date: '2026-12-25',
  updatedAt: '2026-12-24T16:30:00.000Z',
  updatedBy: 'mum',
  body: { from: '2026-12-25', to: '2026-12-25', reason: 'illness', evidence: 'medical' },
};
const letters: AttendanceLetter[] = [
  { letter: 'н', status: 'absent', excused: false, meaning: '' },
  { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: '' },
];

let db: UserDb;

beforeEach(async () => {
  db = new UserDb(`prefill-${Math.random()}`);
  const repo = new Repository(db, (await createDataKey('pw', 1000)).key);
  setRuntime({
    repo,
    api: new CouchApi(),
    deviceId: 'test-device-0000',
    personId: 'teacher',
    schoolId: SCHOOL,
    afterWrite: () => undefined,
  });
  useApp.setState({ docs: new Map([[notice._id, notice]]) });
});

afterEach(async () => {
  setRuntime(null);
  await db.delete();
});

it('«Все присутствуют» records the notice for its pupil and present for the rest; undo takes both back', async () => {
  const docs = useApp.getState().docs;
  const suggested = (who: DocOf<'pupil'>) =>
    suggestionFor([notice], event, who.pupilId ?? '', undefined, { attendanceLetters: letters })
      ?.mark;
  expect(docs.has('att:ev1:p1')).toBe(false);

  const created = await markAllPresent(docs, event, pupils, 'teacher', suggested);
  const now = useApp.getState().docs;
  expect(now.get('att:ev1:p1')?.body).toMatchObject({
    status: 'absent',
    reason: 'illness',
    evidence: 'medical',
    excused: true,
  });
  expect(now.get('att:ev1:p2')?.body).toMatchObject({ status: 'present' });

  await undoAllPresent(created);
  expect([...useApp.getState().docs.keys()]).toEqual([notice._id]);
});
