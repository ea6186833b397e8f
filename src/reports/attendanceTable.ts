/**
 * The attendance of a class for a period as a register shows it: pupils by rows, dates by columns,
 * the school's letters in the cells, and per pupil the days and lessons missed with and without a
 * good reason and the share of lessons attended.
 */
import {
  attendedPercent,
  emptyTotals,
  letterForMark,
  periodTotals,
  type AttendanceLetter,
  type MarkTotals,
} from '../domain/attendance';
import { ofType, pupilsOf, type DocOf, type Docs } from '../domain/queries';

export interface Period {
  name: string;
  start: string;
  end: string;
}

export interface PupilTotals {
  daysExcused: number;
  daysUnexcused: number;
  lessonsExcused: number;
  lessonsUnexcused: number;
  /** Lessons with a mark. */
  marked: number;
  /** Share of marked lessons attended, 0–100, or undefined when nothing was marked. */
  percent: number | undefined;
}

export interface AttendanceRow {
  pupil: DocOf<'pupil'>;
  /** One cell per date: the letters of that day's marks, `''` when present or not marked. */
  cells: string[];
  totals: PupilTotals;
}

export interface AttendanceTable {
  dates: string[];
  rows: AttendanceRow[];
}

/** Per day, each marked lesson: undefined when attended, else whether the absence was excused. */
type Days = Map<string, (boolean | undefined)[]>;

function countDays(days: Days): { excused: number; unexcused: number } {
  let excused = 0;
  let unexcused = 0;
  for (const marks of days.values()) {
    // A day is missed when the pupil missed every marked lesson of it.
    if (marks.length === 0 || marks.some((mark) => mark === undefined)) continue;
    if (marks.every((isExcused) => isExcused)) excused += 1;
    else unexcused += 1;
  }
  return { excused, unexcused };
}

export function attendanceTable(
  docs: Docs,
  classId: string,
  period: Pick<Period, 'start' | 'end'>,
  letters: readonly AttendanceLetter[],
): AttendanceTable {
  const inPeriod = (date: string | undefined) =>
    date !== undefined && date >= period.start && date <= period.end;
  const events = ofType(docs, 'event').filter(
    (event) => event.classIds.includes(classId) && inPeriod(event.date),
  );
  const eventIds = new Set(events.map((event) => event.eventId));
  const marks = ofType(docs, 'attendance').filter(
    (mark) => mark.eventId !== undefined && eventIds.has(mark.eventId) && inPeriod(mark.date),
  );
  const dates = [...new Set(events.map((event) => event.date ?? ''))].sort();

  const totals = periodTotals(marks, period);
  const rows = pupilsOf(docs, [classId]).map((pupil) => {
    const own = marks.filter((mark) => mark.pupilId === pupil.pupilId);
    const cells = dates.map((date) =>
      own
        .filter((mark) => mark.date === date)
        .map((mark) => letterForMark(letters, mark.body)?.letter ?? '')
        .filter(Boolean)
        .join(' '),
    );
    const counted = totals.get(pupil.pupilId ?? '') ?? emptyTotals();
    return { pupil, cells, totals: { ...daysMissed(own), ...lessonTotals(counted) } };
  });
  return { dates, rows };
}

/** Lessons missed with and without a good reason, as the register counts them. */
function lessonTotals(totals: MarkTotals) {
  return {
    lessonsExcused: totals.excused,
    lessonsUnexcused: totals.unexcused,
    marked: totals.marked,
    percent: attendedPercent(totals),
  };
}

/** Days on which the pupil missed every marked lesson, excused when every absence was. */
function daysMissed(marks: readonly DocOf<'attendance'>[]) {
  const days: Days = new Map();
  for (const mark of marks) {
    const date = mark.date ?? '';
    const day = days.get(date) ?? [];
    days.set(date, day);
    // Late and left early count as attended, as registers count them.
    day.push(mark.body.status === 'absent' ? mark.body.excused : undefined);
  }
  const { excused, unexcused } = countDays(days);
  return { daysExcused: excused, daysUnexcused: unexcused };
}
