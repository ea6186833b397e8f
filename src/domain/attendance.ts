/**
 * The attendance model: a mark is a status with a reason, evidence and whether it is excused. The
 * letters a school shows (н, б, у, оп, …), its rules of what excuses an absence and its reporting
 * periods are the school's settings, data mapped onto this model.
 */
import { z } from 'zod';
import { attendanceId, uuidOf, type HomeroomDoc } from './envelope';
import { schoolDate } from './schoolDate';

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

/** The longest explanation of a correction. */
export const MAX_WHY_CHARS = 500;

/** A mark as it was at some moment, kept when it is corrected or loses a conflict. */
export const recordedMarkSchema = markSchema.extend({
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().min(1).max(200),
  /** Why a mark recorded on an earlier school day was changed (see `isCorrection`). */
  why: z
    .string()
    .max(MAX_WHY_CHARS)
    .refine((text) => text.trim() !== '', 'why: say why the mark was corrected, or leave it out')
    .optional(),
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

export function isPresent(mark: Mark): boolean {
  return mark.status === 'present' || mark.status === 'off-site';
}

/**
 * Whether the pupil was there for at least part of it: present, off-site, late or left early.
 * The headcount of a roll call («28 из 31») and of minutes («Присутствовали») counts these.
 */
export function attended(mark: Mark): boolean {
  return mark.status !== 'absent';
}

export function sameMark(a: Mark, b: Mark): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.evidence === b.evidence &&
    a.excused === b.excused
  );
}

/** Only the four fields of a mark, whatever else the object carries. */
function markOf({ status, reason, evidence, excused }: Mark): Mark {
  return { status, reason, evidence, excused };
}

// ---------------------------------------------------------------------------------------------
// Letters

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

/**
 * What is wrong with a school's letters, in words that say what to change. Letters are valid
 * when each one is shown for the mark its own tap records, so letter → mark → letter is exact:
 * no two letters stand for the same marks, and present has no letter.
 */
export function letterProblems(letters: readonly AttendanceLetter[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const letter of letters) {
    if (seen.has(letter.letter)) problems.push(`letter «${letter.letter}» is listed twice`);
    seen.add(letter.letter);
    if (letter.status === 'present') {
      problems.push(`letter «${letter.letter}»: present has no letter; remove it`);
      continue;
    }
    const shown = letterForMark(letters, markForLetter(letter));
    if (shown && shown.letter !== letter.letter) {
      problems.push(
        `letter «${letter.letter}» would never be shown: «${shown.letter}» stands for the same marks; give it another status, reason or excused flag`,
      );
    }
  }
  return problems;
}

/**
 * The letter one tap on a pupil records: the school's plain absence, not excused, with no reason
 * named («н» in the demo school). Undefined when the school has no letter for an absence.
 */
export function absentLetter(letters: readonly AttendanceLetter[]): AttendanceLetter | undefined {
  const absences = letters.filter((letter) => letter.status === 'absent');
  return (
    absences.find((letter) => letter.reason === undefined && letter.excused === false) ??
    absences.find((letter) => letter.reason === undefined && letter.excused === undefined) ??
    absences[0]
  );
}

/**
 * The mark after one tap on a pupil in the roll call: an absent pupil becomes present; anyone
 * else (unmarked, present, late, …) becomes absent with the school's absent letter. Tapping twice
 * gives an absence back its presence.
 */
export function toggledMark(letters: readonly AttendanceLetter[], mark: Mark | undefined): Mark {
  if (mark?.status === 'absent') return PRESENT;
  const letter = absentLetter(letters);
  return letter
    ? markForLetter(letter)
    : { status: 'absent', reason: 'unknown', evidence: 'none', excused: false };
}

// ---------------------------------------------------------------------------------------------
// What excuses an absence

/**
 * A school's rule: a mark with this reason, backed by one of these kinds of evidence, is excused.
 * An unknown reason never excuses, so no rule may name it.
 */
export const excuseRuleSchema = z.strictObject({
  reason: z
    .enum(REASONS)
    .refine(
      (reason) => reason !== 'unknown',
      'an unknown reason never excuses an absence; name illness, family, official or other',
    ),
  evidence: z.array(z.enum(EVIDENCE)).min(1).max(EVIDENCE.length),
});
export type ExcuseRule = z.infer<typeof excuseRuleSchema>;

/**
 * The rules of a school that sets none: illness with a medical certificate or a parent's note,
 * family reasons with a parent's note (заявление родителей), official business (an olympiad, a
 * competition) with a school order.
 */
export const DEFAULT_EXCUSE_RULES: readonly ExcuseRule[] = [
  { reason: 'illness', evidence: ['medical', 'parent-note'] },
  { reason: 'family', evidence: ['parent-note'] },
  { reason: 'official', evidence: ['order'] },
];

/** The settings of a school that decide whether a mark is excused. */
export interface ExcusePolicy {
  attendanceLetters: readonly AttendanceLetter[];
  excuseRules?: readonly { reason: Reason; evidence: readonly Evidence[] }[] | undefined;
}

/**
 * Whether a mark with this status, reason and evidence is excused at this school:
 * - present (in school or off-site) has nothing to excuse;
 * - a letter of the school that names this status and reason, and whether it is excused, decides:
 *   that is how a school overrides its rules (the demo school's «б» excuses every illness), unless
 *   its letters for that status and reason disagree;
 * - an unknown reason is never excused;
 * - otherwise the school's rules (or `DEFAULT_EXCUSE_RULES`) decide.
 * The teacher may still set `excused` by hand; this is what the roll call proposes.
 */
export function excusedFor(mark: Omit<Mark, 'excused'>, policy: ExcusePolicy): boolean {
  if (isPresent({ ...mark, excused: false })) return false;
  const decided = new Set(
    policy.attendanceLetters
      .filter((letter) => letter.status === mark.status && letter.reason === mark.reason)
      .flatMap((letter) => (letter.excused === undefined ? [] : [letter.excused])),
  );
  // Letters that disagree («б» excused, «бс» not) leave it to the evidence and the rules.
  if (decided.size === 1) return decided.has(true);
  if (mark.reason === 'unknown') return false;
  const rules = policy.excuseRules ?? DEFAULT_EXCUSE_RULES;
  return rules.some((rule) => rule.reason === mark.reason && rule.evidence.includes(mark.evidence));
}

// ---------------------------------------------------------------------------------------------
// Reporting periods

/** A named span of school dates, for some grades or (without `grades`) for every grade. */
export interface SchoolPeriod {
  name: string;
  start: string;
  end: string;
  grades?: readonly number[] | undefined;
}

/** The school's calendar: its year, reporting periods and holidays. */
export interface SchoolCalendar {
  schoolYear: { start: string; end: string };
  periods: readonly SchoolPeriod[];
  holidays: readonly SchoolPeriod[];
}

function byStart(a: SchoolPeriod, b: SchoolPeriod): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

function covers(period: Pick<SchoolPeriod, 'start' | 'end'>, date: string): boolean {
  return period.start <= date && date <= period.end;
}

/**
 * The reporting periods of a grade, in order. A period that names grades is for those grades
 * only, and replaces the general ones for them: a school of quarters whose 10th and 11th grades
 * have semesters lists the quarters without grades and the semesters with `grades: [10, 11]`.
 */
export function periodsFor(school: Pick<SchoolCalendar, 'periods'>, grade: number): SchoolPeriod[] {
  const own = school.periods.filter((period) => period.grades?.includes(grade));
  const periods = own.length > 0 ? own : school.periods.filter((period) => !period.grades);
  return [...periods].sort(byStart);
}

/** The holidays of a grade: the general ones and those that name it, in order. */
export function holidaysFor(
  school: Pick<SchoolCalendar, 'holidays'>,
  grade: number,
): SchoolPeriod[] {
  return school.holidays
    .filter((holiday) => !holiday.grades || holiday.grades.includes(grade))
    .sort(byStart);
}

/** The holiday of a grade on a date, if the date is one. */
export function holidayOf(
  school: Pick<SchoolCalendar, 'holidays'>,
  grade: number,
  date: string,
): SchoolPeriod | undefined {
  return holidaysFor(school, grade).find((holiday) => covers(holiday, date));
}

/**
 * The reporting period of a grade a date falls in; undefined on the grade's holidays, between
 * periods and outside the school year.
 */
export function periodOf(
  school: SchoolCalendar,
  grade: number,
  date: string,
): SchoolPeriod | undefined {
  if (!covers(school.schoolYear, date) || holidayOf(school, grade, date)) return undefined;
  return periodsFor(school, grade).find((period) => covers(period, date));
}

/** Every grade a school may have, 0 (preschool) to 12. */
const GRADES = Array.from({ length: 13 }, (_, grade) => grade);

/**
 * What is wrong with a school's calendar, in words that say what to change: a span that ends
 * before it starts, a period outside the school year, or two periods of one grade that overlap.
 */
export function calendarProblems(school: SchoolCalendar): string[] {
  const problems: string[] = [];
  if (school.schoolYear.end < school.schoolYear.start) {
    problems.push('the school year ends before it starts');
  }
  for (const span of [...school.periods, ...school.holidays]) {
    if (span.end < span.start) problems.push(`«${span.name}» ends before it starts`);
  }
  for (const period of school.periods) {
    if (period.start < school.schoolYear.start || period.end > school.schoolYear.end) {
      problems.push(`period «${period.name}» lies outside the school year`);
    }
  }
  const reported = new Set<string>();
  for (const grade of GRADES) {
    const periods = periodsFor(school, grade);
    for (let index = 1; index < periods.length; index += 1) {
      const [before, after] = [periods[index - 1], periods[index]];
      if (!before || !after || after.start > before.end) continue;
      const problem = `periods «${before.name}» and «${after.name}» overlap`;
      if (!reported.has(problem)) problems.push(problem);
      reported.add(problem);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Totals

/** A pupil's marks counted the way a register counts them. */
export interface MarkTotals {
  /** Marks counted. */
  marked: number;
  /** Present, in school or off-site. */
  present: number;
  late: number;
  leftEarly: number;
  absent: number;
  /** Absences that are excused and those that are not; together they are `absent`. */
  excused: number;
  unexcused: number;
}

export function emptyTotals(): MarkTotals {
  return { marked: 0, present: 0, late: 0, leftEarly: 0, absent: 0, excused: 0, unexcused: 0 };
}

/** Adds one mark to running totals. */
function countMark(totals: MarkTotals, mark: Mark): MarkTotals {
  const next = { ...totals, marked: totals.marked + 1 };
  if (isPresent(mark)) next.present += 1;
  else if (mark.status === 'late') next.late += 1;
  else if (mark.status === 'left-early') next.leftEarly += 1;
  else {
    next.absent += 1;
    if (mark.excused) next.excused += 1;
    else next.unexcused += 1;
  }
  return next;
}

/** Share of marked lessons attended (late and left early count as attended), 0–100 to 0.1. */
export function attendedPercent(totals: MarkTotals): number | undefined {
  if (totals.marked === 0) return undefined;
  return Math.round(((totals.marked - totals.absent) / totals.marked) * 1000) / 10;
}

/** A dated mark of a pupil, as an attendance document carries it. */
interface DatedMark {
  pupilId?: string | undefined;
  date?: string | undefined;
  body: Mark;
}

/** Per pupil id, the totals of the marks dated within a period (its first and last day included). */
export function periodTotals(
  marks: Iterable<DatedMark>,
  period: Pick<SchoolPeriod, 'start' | 'end'>,
): Map<string, MarkTotals> {
  const totals = new Map<string, MarkTotals>();
  for (const mark of marks) {
    if (mark.pupilId === undefined || mark.date === undefined || !covers(period, mark.date)) {
      continue;
    }
    totals.set(mark.pupilId, countMark(totals.get(mark.pupilId) ?? emptyTotals(), mark.body));
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Recording and correcting

/**
 * Whether changing a mark is a correction, which the roll call records with a why. The roll call
 * session is the school day: marks recorded earlier on the same school day (in the school's time
 * zone) belong to it and change freely, a late-comer or a slip of the finger; a mark recorded on
 * an earlier school day is a correction. A first mark is never a correction.
 */
export function isCorrection(
  previous: Pick<RecordedMark, 'recordedAt'> | undefined,
  now: Date,
  timeZone: string,
): boolean {
  if (!previous) return false;
  return schoolDate(new Date(previous.recordedAt), timeZone) < schoolDate(now, timeZone);
}

/** A new mark on top of an existing record: the old one goes into the history. */
export function recordMark(
  previous: AttendanceBody | undefined,
  mark: Mark,
  recordedAt: string,
  recordedBy: string,
  why?: string,
): AttendanceBody {
  const recorded = { ...markOf(mark), recordedAt, recordedBy, ...(why ? { why } : {}) };
  if (!previous) return { ...recorded, history: [] };
  const { history, ...was } = previous;
  return { ...recorded, history: [...history, was].slice(-MAX_MARK_HISTORY) };
}

/** Every field of a recorded mark in a fixed order: equal keys are the same entry. */
function entryKey(entry: RecordedMark): string {
  return [
    entry.recordedAt,
    entry.recordedBy,
    entry.status,
    entry.reason,
    entry.evidence,
    String(entry.excused),
    entry.why ?? '',
  ].join('|');
}

/**
 * Merges two versions of one pupil's mark at one event (two devices marked offline). The mark
 * recorded later wins; the other is kept in the history, so nothing recorded is lost. Ties on
 * time break on `recordedBy`, so every replica picks the same winner; the history is ordered by
 * time and then by content, so the result does not depend on the order of the arguments.
 */
export function mergeAttendance(a: AttendanceBody, b: AttendanceBody): AttendanceBody {
  const aWins =
    a.recordedAt > b.recordedAt || (a.recordedAt === b.recordedAt && a.recordedBy >= b.recordedBy);
  const [winner, loser] = aWins ? [a, b] : [b, a];
  const { history: winnerHistory, ...winnerMark } = winner;
  const { history: loserHistory, ...loserMark } = loser;
  const seen = new Set([entryKey(winnerMark)]);
  const history: RecordedMark[] = [];
  for (const entry of [...winnerHistory, ...loserHistory, loserMark]) {
    const key = entryKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    history.push(entry);
  }
  const ordered = history
    .map((entry) => ({ entry, key: entryKey(entry) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map(({ entry }) => entry);
  return { ...winner, history: ordered.slice(-MAX_MARK_HISTORY) };
}

// ---------------------------------------------------------------------------------------------
// The record

/** Where a mark belongs: the event and the pupil, as their envelopes name them. */
interface MarkPlace {
  event: { _id: string; schoolId: string; eventId?: string | undefined; date?: string | undefined };
  pupil: { _id: string; classIds: readonly string[]; pupilId?: string | undefined };
}

/**
 * The one attendance record of a pupil at an event, with its envelope: its deterministic id, the
 * pupil's class, and the family as audience. `updatedBy` and `updatedAt` say who wrote it and when.
 * Its date is the event's date, a school date, so a mark belongs to the event's day on every
 * device whatever the device's time zone.
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
