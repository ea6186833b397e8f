/**
 * Pure questions the screens ask of the decrypted documents. Everything sorts in memory, after
 * decryption, with the Russian collator.
 */
import type { AttendanceBody, Mark } from './attendance';
import type { DocType, HomeroomDoc } from './envelope';
import { compareByName, compareRu } from './names';
import type { BodyOf } from './schemas';

export type Docs = ReadonlyMap<string, HomeroomDoc>;
export type DocOf<T extends DocType> = HomeroomDoc<BodyOf<T>>;

/** Live documents of one type (deleted versions are never shown). */
export function ofType<T extends DocType>(docs: Docs, type: T): DocOf<T>[] {
  const found: DocOf<T>[] = [];
  for (const doc of docs.values()) {
    if (doc.type === type && !doc._deleted) found.push(doc as DocOf<T>);
  }
  return found;
}

export function schoolOf(docs: Docs): DocOf<'school'> | undefined {
  return ofType(docs, 'school')[0];
}

export function classOf(docs: Docs, classId: string): DocOf<'class'> | undefined {
  const doc = docs.get(`class:${classId}`);
  return doc && !doc._deleted ? (doc as DocOf<'class'>) : undefined;
}

/** Classes sorted by grade, then letter. */
export function sortedClasses(docs: Docs): DocOf<'class'>[] {
  return ofType(docs, 'class').sort(
    (a, b) => a.body.grade - b.body.grade || compareRu(a.body.letter, b.body.letter),
  );
}

/** Classes this person leads as class teacher, from their assignment documents. */
export function teacherClassIds(docs: Docs, personId: string): string[] {
  const ids = ofType(docs, 'assignment')
    .filter((doc) => doc.personId === personId)
    .flatMap((doc) => doc.classIds);
  return [...new Set(ids)];
}

/** Pupils of the given classes in register order. */
export function pupilsOf(docs: Docs, classIds: readonly string[]): DocOf<'pupil'>[] {
  return ofType(docs, 'pupil')
    .filter((doc) => doc.classIds.some((id) => classIds.includes(id)))
    .sort((a, b) => compareByName(a.body, b.body));
}

function byDateAndStart(a: DocOf<'event'>, b: DocOf<'event'>): number {
  return (
    (a.date ?? '').localeCompare(b.date ?? '') ||
    (a.body.start ?? '').localeCompare(b.body.start ?? '')
  );
}

export function eventsOfClass(docs: Docs, classId: string): DocOf<'event'>[] {
  return ofType(docs, 'event')
    .filter((doc) => doc.classIds.includes(classId))
    .sort(byDateAndStart);
}

export interface EventGroups {
  today: DocOf<'event'>[];
  upcoming: DocOf<'event'>[];
  /** Newest first, for corrections. */
  past: DocOf<'event'>[];
}

export function groupEvents(events: readonly DocOf<'event'>[], today: string): EventGroups {
  return {
    today: events.filter((doc) => doc.date === today),
    upcoming: events.filter((doc) => (doc.date ?? '') > today),
    past: events.filter((doc) => (doc.date ?? '') < today).reverse(),
  };
}

export function markAt(docs: Docs, eventId: string, pupilId: string): AttendanceBody | undefined {
  const doc = docs.get(`att:${eventId}:${pupilId}`);
  return doc && !doc._deleted ? (doc.body as AttendanceBody) : undefined;
}

/** Pupils this guardian is a guardian of, in register order. */
export function childrenOf(docs: Docs, personId: string): DocOf<'pupil'>[] {
  const ids = new Set(
    ofType(docs, 'guardianship')
      .filter((doc) => doc.personId === personId)
      .map((doc) => doc.pupilId),
  );
  return ofType(docs, 'pupil')
    .filter((doc) => ids.has(doc.pupilId))
    .sort((a, b) => compareByName(a.body, b.body));
}

export interface MarkRow {
  attendance: DocOf<'attendance'>;
  event: DocOf<'event'> | undefined;
}

/** A pupil's marks, newest first. */
export function marksOf(docs: Docs, pupilId: string): MarkRow[] {
  return ofType(docs, 'attendance')
    .filter((doc) => doc.pupilId === pupilId)
    .map((attendance) => {
      const event = docs.get(`event:${attendance.eventId ?? ''}`);
      return { attendance, event: event as DocOf<'event'> | undefined };
    })
    .sort(
      (a, b) =>
        (b.attendance.date ?? '').localeCompare(a.attendance.date ?? '') ||
        (b.event?.body.start ?? '').localeCompare(a.event?.body.start ?? ''),
    );
}

/** Notes a family reads about a pupil: to the pupil's family, or to the families of the class. */
export function notesForPupil(docs: Docs, pupil: DocOf<'pupil'>): DocOf<'note'>[] {
  return ofType(docs, 'note')
    .filter(
      (doc) =>
        (doc.audience === 'family' && doc.pupilId === pupil.pupilId) ||
        (doc.audience === 'class-families' &&
          doc.classIds.some((id) => pupil.classIds.includes(id))),
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function notesOfEvent(docs: Docs, eventId: string): DocOf<'note'>[] {
  return ofType(docs, 'note')
    .filter((doc) => doc.eventId === eventId)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}

export interface Absence {
  pupil: DocOf<'pupil'> | undefined;
  classDoc: DocOf<'class'> | undefined;
  attendance: DocOf<'attendance'>;
}

/**
 * Everyone marked absent on a date across the school, by class then name; a pupil absent at
 * several events that day is listed once, with the latest mark.
 */
export function absencesOn(docs: Docs, date: string): Absence[] {
  const latest = new Map<string, DocOf<'attendance'>>();
  for (const doc of ofType(docs, 'attendance')) {
    if (doc.date !== date || doc.body.status !== 'absent') continue;
    const key = doc.pupilId ?? doc._id;
    const seen = latest.get(key);
    if (!seen || seen.body.recordedAt < doc.body.recordedAt) latest.set(key, doc);
  }
  return [...latest.values()]
    .map((attendance) => ({
      attendance,
      pupil: docs.get(`pupil:${attendance.pupilId ?? ''}`) as DocOf<'pupil'> | undefined,
      classDoc: classOf(docs, attendance.classIds[0] ?? ''),
    }))
    .sort(
      (a, b) =>
        (a.classDoc?.body.grade ?? 0) - (b.classDoc?.body.grade ?? 0) ||
        compareRu(a.classDoc?.body.letter ?? '', b.classDoc?.body.letter ?? '') ||
        (a.pupil && b.pupil ? compareByName(a.pupil.body, b.pupil.body) : 0),
    );
}

export type MarkWords =
  'present' | 'ill' | 'excused' | 'unexcused' | 'late' | 'leftEarly' | 'offSite';

/** Which words describe a mark to a family («отсутствовал, болел», «опоздал», …). */
export function markWords(mark: Mark): MarkWords {
  switch (mark.status) {
    case 'present':
      return 'present';
    case 'late':
      return 'late';
    case 'left-early':
      return 'leftEarly';
    case 'off-site':
      return 'offSite';
    case 'absent':
      if (mark.reason === 'illness') return 'ill';
      return mark.excused ? 'excused' : 'unexcused';
  }
}
