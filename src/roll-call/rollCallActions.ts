/**
 * Store actions of the roll call. Every mark keeps the one it replaces in its history, and a
 * correction of a mark from an earlier school day keeps why it was made.
 */
import {
  attendanceRecord,
  isCorrection,
  PRESENT,
  recordMark,
  sameMark,
  type AttendanceBody,
  type Mark,
} from '../domain/attendance';
import { attendanceId, uuidOf } from '../domain/envelope';
import { markAt, schoolOf, type DocOf, type Docs } from '../domain/queries';
import { schoolTimeZone } from '../store/hooks';
import { discardDocs, saveDocs, stamp } from '../store/writes';

/** A mark from an earlier school day was about to be changed without saying why. */
export class WhyRequiredError extends Error {
  constructor() {
    super('a correction of a mark from an earlier school day needs a why');
    this.name = 'WhyRequiredError';
  }
}

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

/** Whether changing this pupil's mark now is a correction that needs a why (`isCorrection`). */
export function needsWhy(docs: Docs, event: DocOf<'event'>, pupil: DocOf<'pupil'>): boolean {
  const previous = markAt(docs, uuidOf(event._id), pupil.pupilId ?? '');
  return isCorrection(previous, new Date(Date.now()), schoolTimeZone(schoolOf(docs)));
}

/**
 * Records one pupil's mark at an event, correcting any earlier one. The same mark again writes
 * nothing; a correction without a why is refused with WhyRequiredError.
 */
export async function setMark(
  docs: Docs,
  event: DocOf<'event'>,
  pupil: DocOf<'pupil'>,
  mark: Mark,
  me: string,
  why?: string,
): Promise<void> {
  const id = attendanceId(uuidOf(event._id), pupil.pupilId ?? '');
  const previous = docs.get(id) as DocOf<'attendance'> | undefined;
  if (previous && !previous._deleted && sameMark(previous.body, mark)) return;
  const reason = why?.trim();
  if (!reason && needsWhy(docs, event, pupil)) throw new WhyRequiredError();
  const body = recordMark(previous?.body, mark, now(), me, reason || undefined);
  await saveDocs([attendanceDoc(event, pupil, body, previous)]);
}

/**
 * Marks every unmarked pupil present in one write, except that a pupil with a family's absence
 * notice gets the mark it suggests, as the roll shows it (src/domain/absence.ts); returns what to
 * take back on undo.
 */
export async function markAllPresent(
  docs: Docs,
  event: DocOf<'event'>,
  pupils: readonly DocOf<'pupil'>[],
  me: string,
  suggested: (pupil: DocOf<'pupil'>) => Mark | undefined = () => undefined,
): Promise<DocOf<'attendance'>[]> {
  const eventId = uuidOf(event._id);
  const recordedAt = now();
  const created = pupils
    .filter((pupil) => !markAt(docs, eventId, pupil.pupilId ?? ''))
    .map((pupil) => {
      const mark = suggested(pupil) ?? PRESENT;
      return attendanceDoc(event, pupil, recordMark(undefined, mark, recordedAt, me), undefined);
    });
  if (created.length > 0) await saveDocs(created);
  return created;
}

export async function undoAllPresent(created: readonly DocOf<'attendance'>[]): Promise<void> {
  await discardDocs(created);
}
