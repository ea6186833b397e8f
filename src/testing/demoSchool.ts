/**
 * The demo school as a device would hold it, built with the import code from `demo-data/`, with a
 * term of recorded roll calls, a parent meeting's minutes, an excursion's record, notes and
 * achievements in 10 «Б»: the input of the report tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attendanceId, type HomeroomDoc } from '../domain/envelope';
import { decodeText } from '../domain/import/csv';
import { planImport } from '../domain/import/importPlan';
import { parsePlan } from '../domain/import/plan';
import { parseRoster, type RosterPupil } from '../domain/import/roster';
import { parseStaff } from '../domain/import/staff';
import { pupilsOf, type DocOf, type Docs } from '../domain/queries';
import type { SchoolBody } from '../domain/schemas';

const DEMO = path.resolve(import.meta.dirname, '../../demo-data');
const read = (name: string) => decodeText(new Uint8Array(readFileSync(path.join(DEMO, name))));

export const LONG_SURNAME = 'Константинопольская-Римская-Корсакова';
export const LONG_NOTE =
  'Экскурсия в музей прошла содержательно: ребята сами подготовили вопросы экскурсоводу, ' +
  'Фёдор и Алёна рассказали о находках станицы Ёлкинской, «живая» витрина № 3 всех впечатлила; ' +
  'на обратном пути автобус задержался на сорок минут из-за ремонта дороги, родители предупреждены ' +
  'заранее, все дети доставлены к школе в 15:40 без происшествий.';
export const MEETING_HEARD =
  'Арутюнян Г. Л. о задачах 10 «Б» на учебный год, о графике «Разговоров о важном» и ёлке.';
export const MEETING_DECIDED =
  'Избрать родительский комитет № 1 в составе трёх человек; утвердить план экскурсий.';
export const ACHIEVEMENT = 'Диплом I степени олимпиады «Серебряное перо» № 17';

const NOW = '2026-11-01T08:00:00.000Z';

function stamp<T extends object>(doc: T): T & { updatedAt: string; updatedBy: string } {
  return { ...doc, updatedAt: NOW, updatedBy: 'teacher' };
}

export interface DemoSchool {
  docs: Docs;
  school: SchoolBody;
  classId: string;
  meetingId: string;
  excursionId: string;
  longPupil: DocOf<'pupil'>;
  /** Every mark recorded for the long-surnamed pupil, for checking totals. */
  longPupilMarks: { absent: boolean; excused: boolean; date: string }[];
}

/** The value, or a thrown error naming what the demo files lack. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the demo school has no ${what}`);
  return value;
}

export function demoSchool(): DemoSchool {
  const school = JSON.parse(read('school.json')) as SchoolBody;
  const roster = parseRoster(read('roster.csv')).rows;
  const extra: RosterPupil = {
    ...must(
      roster.find((row) => row.className === '10 «Б»'),
      'pupil in 10 «Б»',
    ),
    line: 9999,
    lastName: LONG_SURNAME,
    firstName: 'Алёна',
    patronymic: 'Фёдоровна',
    birthDate: '2010-02-28',
    guardians: [],
  };
  let n = 0;
  const ctx = { schoolId: 's1', author: 'admin', now: NOW, newId: () => `d${String((n += 1))}` };
  const planned = planImport(
    [],
    { roster: [...roster, extra], staff: parseStaff(read('staff.csv')).rows },
    ctx,
  );
  const docs = new Map<string, HomeroomDoc>(planned.writes.map((doc) => [doc._id, doc]));
  const classDoc = [...docs.values()].find(
    (doc) => doc.type === 'class' && (doc.body as { name: string }).name === '10 «Б»',
  );
  const classId = must(classDoc?.classIds[0], 'class 10 «Б»');
  const add = (doc: HomeroomDoc) => docs.set(doc._id, doc);

  const events = parsePlan(read('plan-2026-2027.csv')).rows.filter((r) => r.className === '10 «Б»');
  const eventDocs = events.map((row, index) => {
    const eventId = `e${String(index)}`;
    const doc = stamp({
      _id: `event:${eventId}`,
      type: 'event' as const,
      schoolId: 's1',
      classIds: [classId],
      eventId,
      audience: 'class-families' as const,
      date: row.date,
      body: {
        title: row.title,
        kind: row.kind,
        place: row.place,
        start: row.start,
        end: row.end,
        participants: row.participants,
        responsible: row.responsible,
        status: 'held' as const,
      },
    });
    add(doc);
    return doc;
  });
  const meeting = must(
    eventDocs.find((e) => e.body.kind === 'родительское собрание'),
    'parent meeting',
  );
  meeting.body = {
    ...meeting.body,
    minutes: {
      agenda: ['Задачи учебного года', 'Выборы родительского комитета', 'Разное'],
      heard: MEETING_HEARD,
      decided: MEETING_DECIDED,
    },
  } as typeof meeting.body;
  const excursion = must(
    eventDocs.find((e) => e.body.kind === 'экскурсия'),
    'excursion',
  );
  excursion.body = {
    ...excursion.body,
    outcome: 'Музей посетили 27 учеников; экскурсовод — Ёлкина М. В.',
    deviations: 'Возвращение на 40 минут позже плана.',
  } as typeof excursion.body;

  const pupils = pupilsOf(docs, [classId]);
  const longPupil = must(
    pupils.find((p) => p.body.lastName === LONG_SURNAME),
    'long surname',
  );
  const longPupilMarks: DemoSchool['longPupilMarks'] = [];
  const past = eventDocs.filter((event) => event.date <= '2026-10-31');
  past.forEach((event, j) => {
    pupils.forEach((pupil, i) => {
      const mark = markFor(i, j, event === meeting, pupil === longPupil);
      if (pupil === longPupil) {
        const absent = mark.status === 'absent';
        longPupilMarks.push({ absent, excused: mark.excused, date: event.date });
      }
      add(
        stamp({
          _id: attendanceId(event.eventId, pupil.pupilId ?? ''),
          type: 'attendance',
          schoolId: 's1',
          classIds: [classId],
          pupilId: pupil.pupilId,
          eventId: event.eventId,
          date: event.date,
          audience: 'family',
          body: { ...mark, recordedAt: NOW, recordedBy: 'teacher', history: [] },
        }),
      );
    });
  });

  add(
    stamp({
      _id: 'note:n1',
      type: 'note',
      schoolId: 's1',
      classIds: [classId],
      eventId: excursion.eventId,
      audience: 'staff',
      date: excursion.date,
      body: { text: LONG_NOTE, authorName: 'Арутюнян Г. Л.' },
    }),
  );
  add(
    stamp({
      _id: 'note:n2',
      type: 'note',
      schoolId: 's1',
      classIds: [classId],
      pupilId: longPupil.pupilId,
      audience: 'staff',
      date: '2026-10-20',
      body: {
        text: 'Ответственна, помогает одноклассникам с математикой.',
        authorName: 'Лебедева М. Ю.',
      },
    }),
  );
  add(
    stamp({
      _id: 'achievement:a1',
      type: 'achievement',
      schoolId: 's1',
      classIds: [classId],
      pupilId: longPupil.pupilId,
      audience: 'family',
      date: '2026-10-15',
      body: { title: ACHIEVEMENT, level: 'городской', authorName: 'Гребенюк Т. И.' },
    }),
  );
  return {
    docs,
    school,
    classId,
    meetingId: meeting.eventId,
    excursionId: excursion.eventId,
    longPupil,
    longPupilMarks,
  };
}

/** A fixed pattern of marks: most present, some ill, some absent without a reason. */
function markFor(i: number, j: number, meeting: boolean, long: boolean) {
  const present = {
    status: 'present',
    reason: 'unknown',
    evidence: 'none',
    excused: false,
  } as const;
  if (meeting) return i < 21 ? present : { ...present, status: 'absent' as const };
  if (long) {
    if (j === 1 || j === 2 || j === 4) {
      return { status: 'absent', reason: 'illness', evidence: 'medical', excused: true } as const;
    }
    if (j === 6 || j === 7) return { ...present, status: 'absent' as const };
    return present;
  }
  if ((i * 7 + j * 3) % 23 === 0) return { ...present, status: 'absent' as const };
  if ((i + j) % 17 === 0) {
    return { status: 'absent', reason: 'illness', evidence: 'parent-note', excused: true } as const;
  }
  return present;
}
