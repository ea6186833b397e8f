/** Store actions of the roll call. Every mark keeps the one it replaces in its history. */
import {
  attendanceRecord,
  PRESENT,
  recordMark,
  type AttendanceBody,
  type Mark,
} from '../domain/attendance';
import { attendanceId, uuidOf } from '../domain/envelope';
import { markAt, type DocOf, type Docs } from '../domain/queries';
import { discardDocs, saveDocs, stamp } from '../store/writes';

function attendanceDoc(
  event: DocOf<'event'>,
  pupil: DocOf<'pupil'>,
  body: AttendanceBody,
  previous: DocOf<'attendance'> | undefined,
): DocOf<'attendance'> {
  const record = attendanceRecord({ event, pupil }, body, { updatedAt: '', updatedBy: '' });
  return stamp(previous?._rev ? { ...record, _rev: previous._rev } : record);
}

function now(): string {
  return new Date(Date.now()).toISOString();
}

/** Records one pupil's mark at an event, correcting any earlier one. */
export async function setMark(
  docs: Docs,
  event: DocOf<'event'>,
  pupil: DocOf<'pupil'>,
  mark: Mark,
  me: string,
): Promise<void> {
  const id = attendanceId(uuidOf(event._id), pupil.pupilId ?? '');
  const previous = docs.get(id) as DocOf<'attendance'> | undefined;
  const body = recordMark(previous?.body, mark, now(), me);
  await saveDocs([attendanceDoc(event, pupil, body, previous)]);
}

/** Marks every unmarked pupil present in one write; returns what to take back on undo. */
export async function markAllPresent(
  docs: Docs,
  event: DocOf<'event'>,
  pupils: readonly DocOf<'pupil'>[],
  me: string,
): Promise<DocOf<'attendance'>[]> {
  const eventId = uuidOf(event._id);
  const recordedAt = now();
  const created = pupils
    .filter((pupil) => !markAt(docs, eventId, pupil.pupilId ?? ''))
    .map((pupil) =>
      attendanceDoc(event, pupil, recordMark(undefined, PRESENT, recordedAt, me), undefined),
    );
  if (created.length > 0) await saveDocs(created);
  return created;
}

export async function undoAllPresent(created: readonly DocOf<'attendance'>[]): Promise<void> {
  await discardDocs(created);
}
