/** The store action of a scanned card: the pupil is marked present as a tap in the roll call does. */
import { PRESENT } from '../domain/attendance';
import { uuidOf } from '../domain/envelope';
import { markAt, type DocOf, type Docs } from '../domain/queries';
import { needsWhy, setMark } from '../roll-call/rollCallActions';

export type CheckInResult =
  | 'checked-in'
  | 'already-here'
  /** An absence recorded on an earlier school day: a correction, made in the roll call with a why. */
  | 'earlier-day';

/**
 * Marks a pupil present at an event, unless a mark already says they are here (present, late,
 * left early or off-site): a scan never overwrites what the teacher recorded about a pupil who
 * is in the room. A pupil marked absent who then comes through the door is marked present; the
 * absence stays in the mark's history.
 */
export async function checkIn(
  docs: Docs,
  event: DocOf<'event'>,
  pupil: DocOf<'pupil'>,
  me: string,
): Promise<CheckInResult> {
  const mark = markAt(docs, uuidOf(event._id), pupil.pupilId ?? '');
  if (mark && mark.status !== 'absent') return 'already-here';
  if (needsWhy(docs, event, pupil)) return 'earlier-day';
  await setMark(docs, event, pupil, PRESENT, me);
  return 'checked-in';
}
