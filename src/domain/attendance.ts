/**
 * The attendance model: a mark is a status with a reason, evidence and whether it is excused. The
 * letters a school shows (н, б, у, оп, …) are the school's setting, mapped onto this model.
 */
import { z } from 'zod';
import { attendanceId, uuidOf, type HomeroomDoc } from './envelope';

export const STATUSES = ['present', 'absent', 'late', 'left-early', 'off-site'] as const;
export type Status = (typeof STATUSES)[number];

export const REASONS = ['unknown', 'illness', 'family', 'official', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export const EVIDENCE = ['none', 'parent-note', 'medical', 'order'] as const;
export type Evidence = (typeof EVIDENCE)[number];

export const markSchema = z.strictObject({
  status: z.enum(STATUSES),
  reason: z.enum(REASONS),
  evidence: z.enum(EVIDENCE),
  excused: z.boolean(),
});
export type Mark = z.infer<typeof markSchema>;

/** A mark as it was at some moment, kept when it is corrected or loses a conflict. */
export const recordedMarkSchema = markSchema.extend({
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().min(1).max(200),
});
export type RecordedMark = z.infer<typeof recordedMarkSchema>;

export const MAX_MARK_HISTORY = 50;

export const attendanceBodySchema = recordedMarkSchema.extend({
  /** Earlier marks of this pupil at this event, oldest first. */
  history: z.array(recordedMarkSchema).max(MAX_MARK_HISTORY),
});
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

export const PRESENT: Mark = {
  status: 'present',
  reason: 'unknown',
  evidence: 'none',
  excused: false,
};

/** A school's letter and the mark it stands for. */
export const attendanceLetterSchema = z.strictObject({
  letter: z.string().min(1).max(4),
  status: z.enum(STATUSES),
  reason: z.enum(REASONS).optional(),
  excused: z.boolean().optional(),
  meaning: z.string().max(200),
});
export type AttendanceLetter = z.infer<typeof attendanceLetterSchema>;

/** The mark a tap on a school's letter records. */
export function markForLetter(letter: AttendanceLetter): Mark {
  return {
    status: letter.status,
    reason: letter.reason ?? 'unknown',
    evidence: 'none',
    excused: letter.excused ?? false,
  };
}

/**
 * The letter a school shows for a mark: the letter whose status matches and whose reason and
 * excused flag, where the letter names them, match too; the most specific letter wins.
 * Present has no letter.
 */
export function letterForMark(
  letters: readonly AttendanceLetter[],
  mark: Mark,
): AttendanceLetter | undefined {
  if (mark.status === 'present') return undefined;
  let best: AttendanceLetter | undefined;
  let bestScore = -1;
  for (const letter of letters) {
    if (letter.status !== mark.status) continue;
    if (letter.reason !== undefined && letter.reason !== mark.reason) continue;
    if (letter.excused !== undefined && letter.excused !== mark.excused) continue;
    const score = (letter.reason === undefined ? 0 : 2) + (letter.excused === undefined ? 0 : 1);
    if (score > bestScore) {
      best = letter;
      bestScore = score;
    }
  }
  return best;
}

export function isPresent(mark: Mark): boolean {
  return mark.status === 'present' || mark.status === 'off-site';
}

export function sameMark(a: Mark, b: Mark): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.evidence === b.evidence &&
    a.excused === b.excused
  );
}

/** A new mark on top of an existing record: the old one goes into the history. */
export function recordMark(
  previous: AttendanceBody | undefined,
  mark: Mark,
  recordedAt: string,
  recordedBy: string,
): AttendanceBody {
  if (!previous) return { ...mark, recordedAt, recordedBy, history: [] };
  const { history, ...was } = previous;
  const kept = [...history, was].slice(-MAX_MARK_HISTORY);
  return { ...mark, recordedAt, recordedBy, history: kept };
}

/**
 * Merges two versions of one pupil's mark at one event (two devices marked offline). The mark
 * recorded later wins; the other is kept in the history, so nothing recorded is lost. Ties on
 * time break on `recordedBy`, so every replica picks the same winner.
 */
export function mergeAttendance(a: AttendanceBody, b: AttendanceBody): AttendanceBody {
  const aWins =
    a.recordedAt > b.recordedAt || (a.recordedAt === b.recordedAt && a.recordedBy >= b.recordedBy);
  const [winner, loser] = aWins ? [a, b] : [b, a];
  const seen = new Set<string>();
  const history: RecordedMark[] = [];
  const { history: loserHistory, ...loserMark } = loser;
  for (const entry of [...winner.history, ...loserHistory, loserMark]) {
    const key = `${entry.recordedAt}|${entry.recordedBy}|${entry.status}|${entry.reason}`;
    const isWinner =
      entry.recordedAt === winner.recordedAt && entry.recordedBy === winner.recordedBy;
    if (seen.has(key) || isWinner) continue;
    seen.add(key);
    history.push(entry);
  }
  history.sort((x, y) => (x.recordedAt < y.recordedAt ? -1 : x.recordedAt > y.recordedAt ? 1 : 0));
  return { ...winner, history: history.slice(-MAX_MARK_HISTORY) };
}

/** Where a mark belongs: the event and the pupil, as their envelopes name them. */
interface MarkPlace {
  event: { _id: string; schoolId: string; eventId?: string | undefined; date?: string | undefined };
  pupil: { _id: string; classIds: readonly string[]; pupilId?: string | undefined };
}

/**
 * The one attendance record of a pupil at an event, with its envelope: its deterministic id, the
 * pupil's class, and the family as audience. `updatedBy` and `updatedAt` say who wrote it and when.
 */
export function attendanceRecord(
  { event, pupil }: MarkPlace,
  body: AttendanceBody,
  written: { updatedAt: string; updatedBy: string },
): HomeroomDoc<AttendanceBody> {
  const eventId = event.eventId ?? uuidOf(event._id);
  const pupilId = pupil.pupilId ?? uuidOf(pupil._id);
  return {
    _id: attendanceId(eventId, pupilId),
    type: 'attendance',
    schoolId: event.schoolId,
    classIds: pupil.classIds.slice(0, 1),
    pupilId,
    eventId,
    audience: 'family',
    ...(event.date ? { date: event.date } : {}),
    ...written,
    body,
  };
}
