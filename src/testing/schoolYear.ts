/**
 * A school year of one class's roll calls, generated deterministically for the first-sync
 * benchmark: a roll call on every school day (Monday to Friday inside the school year, outside the
 * holidays that apply to the class's grade) at an event of its own, and a roll call at each of the
 * class's planned events, which are marked held. The same input always gives the same documents.
 */
import {
  attendanceRecord,
  recordMark,
  type AttendanceBody,
  type Mark,
  PRESENT,
} from '../domain/attendance';
import { docId, type HomeroomDoc } from '../domain/envelope';
import { applyChange, type EventDoc } from '../domain/eventLife';
import { addDays } from '../domain/schoolDate';
import type { EventBody, SchoolBody } from '../domain/schemas';

export interface SchoolYearInput {
  school: SchoolBody;
  grade: number;
  classId: string;
  /** The class's pupils, as the server holds them. */
  pupils: readonly HomeroomDoc[];
  /** The class's events from the plan, with their revisions: they are marked held. */
  planEvents: readonly HomeroomDoc<EventBody>[];
  /** The class teacher, who leads the daily events and records every mark. */
  teacherId: string;
  /**
   * The latest instant a mark may carry (ISO). The server refuses marks recorded in the future,
   * so a day after it is recorded as if entered at this instant.
   */
  notAfter: string;
}

/** Weekdays the school teaches, as `Date.getUTCDay()` numbers them: Monday to Friday. */
const TEACHING_WEEKDAYS = new Set([1, 2, 3, 4, 5]);

/** 08:05 at the demo school (Europe/Moscow, UTC+3 all year), when the day's roll call is taken. */
const ROLL_CALL_UTC = 'T05:05:00.000Z';

/** The school days of the year for a grade: weekdays from start to end, outside its holidays. */
export function schoolDays(school: SchoolBody, grade: number): string[] {
  const holidays = school.holidays.filter(
    (holiday) => holiday.grades === undefined || holiday.grades.includes(grade),
  );
  const days: string[] = [];
  const { start, end } = school.schoolYear;
  for (let day = start; day <= end; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (!TEACHING_WEEKDAYS.has(weekday)) continue;
    if (holidays.some((holiday) => holiday.start <= day && day <= holiday.end)) continue;
    days.push(day);
  }
  return days;
}

/** Every document of the year's roll calls: new events, plan events marked held, and marks. */
export function schoolYearOfRollCalls(input: SchoolYearInput): HomeroomDoc[] {
  const docs: HomeroomDoc[] = [];
  for (const day of schoolDays(input.school, input.grade)) {
    const event = dailyEvent(input, day);
    docs.push(event, ...rollCall(input, event));
  }
  for (const planned of input.planEvents) {
    const at = recordedAt(input, planned.date ?? input.school.schoolYear.start);
    const event = { ...heldEvent(input, planned, at), updatedAt: at };
    docs.push(event, ...rollCall(input, event));
  }
  return docs;
}

/** A plan event marked held as the app does, with the entry the server asks of the change. */
function heldEvent(input: SchoolYearInput, planned: EventDoc, at: string): EventDoc {
  if (planned.body.status === 'held') return planned;
  const held = applyChange(planned, { action: 'held' }, { personId: input.teacherId, at });
  if (!held.ok) throw new Error(`${planned._id} cannot be marked held: ${held.error}`);
  return held.event;
}

function dailyEvent(input: SchoolYearInput, day: string): HomeroomDoc<EventBody> {
  const eventId = stableUuid(`roll-call:${input.classId}:${day}`);
  return {
    _id: docId('event', eventId),
    type: 'event',
    schoolId: schoolIdOf(input),
    classIds: [input.classId],
    eventId,
    personId: input.teacherId,
    audience: 'class-families',
    date: day,
    updatedAt: recordedAt(input, day),
    updatedBy: input.teacherId,
    body: {
      title: 'Учебный день',
      kind: 'учёт посещаемости',
      start: '08:00',
      end: '08:10',
      status: 'held',
    },
  };
}

function schoolIdOf(input: SchoolYearInput): string {
  const pupil = input.pupils[0];
  if (!pupil) throw new Error('the class has no pupils to take the roll of');
  return pupil.schoolId;
}

/** One mark per pupil at the event, recorded by the class teacher on the event's day. */
function rollCall(input: SchoolYearInput, event: HomeroomDoc): HomeroomDoc<AttendanceBody>[] {
  const at = recordedAt(input, event.date ?? input.school.schoolYear.start);
  return input.pupils.map((pupil) => {
    const body = markOf(`${event._id}:${pupil._id}`, at, input.teacherId);
    return attendanceRecord({ event, pupil }, body, {
      updatedAt: at,
      updatedBy: input.teacherId,
    });
  });
}

function recordedAt(input: SchoolYearInput, day: string): string {
  const at = `${day}${ROLL_CALL_UTC}`;
  return at < input.notAfter ? at : input.notAfter;
}

/**
 * A plausible mark, the same for the same key: mostly present; some ill (excused, with a
 * certificate or a parent's note), some absent without a reason, some late; a few absences are
 * corrected later to a family reason with a parent's note, keeping the first mark in the history.
 */
function markOf(key: string, at: string, teacherId: string): AttendanceBody {
  const hash = parseInt(stableUuid(key).slice(0, 8), 16);
  const draw = hash % 100;
  const variant = Math.floor(hash / 100) % 6;
  const record = (mark: Partial<Mark>, previous?: AttendanceBody) =>
    recordMark(previous, { ...PRESENT, ...mark }, at, teacherId);

  if (draw < 90) return record({});
  if (draw < 94) {
    const evidence = variant % 2 === 0 ? 'medical' : 'parent-note';
    return record({ status: 'absent', reason: 'illness', evidence, excused: true });
  }
  if (draw < 97) {
    const first = record({ status: 'absent' });
    if (variant !== 0) return first;
    return record(
      { status: 'absent', reason: 'family', evidence: 'parent-note', excused: true },
      first,
    );
  }
  return record({ status: 'late' });
}

/**
 * A UUID-shaped hex string that depends only on `text` (128 bits of a seeded FNV-style hash); not
 * for security, only for ids and choices that must be the same in every run.
 */
export function stableUuid(text: string): string {
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
      hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0;
    }
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
    return (hash ^ (hash >>> 16)) >>> 0;
  });
  const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
