import { describe, expect, it } from 'vitest';
import { canRead, canWrite, type Scope } from '../domain/access';
import { receiptId, type HomeroomDoc } from '../domain/envelope';
import type { DocOf, Docs } from '../domain/queries';
import { validateDoc } from '../domain/schemas';
import {
  familiesOf,
  minutesNoteOf,
  minutesOfEvent,
  minutesPrefill,
  readStateOf,
} from './noteFacts';
import { agendaItems, buildNote, buildReceipt, noteClassIds } from './noteDocs';

const AT = '2026-12-10T15:00:00.000Z';
const base = { schoolId: 'school-1', updatedAt: AT, updatedBy: 'staff-1' };

function pupil(id: string, classId: string, lastName: string): DocOf<'pupil'> {
  return {
    ...base,
    _id: `pupil:${id}`,
    type: 'pupil',
    classIds: [classId],
    pupilId: id,
    audience: 'family',
    body: { lastName, firstName: 'Имя' },
  };
}
function guardianship(pupilId: string, classId: string, guardianId: string): HomeroomDoc {
  return {
    ...base,
    _id: `guardianship:${pupilId}:${guardianId}`,
    type: 'guardianship',
    classIds: [classId],
    pupilId,
    personId: guardianId,
    audience: 'family',
    body: {},
  };
}
function guardian(id: string, classId: string, lastName: string, firstName: string): HomeroomDoc {
  return {
    ...base,
    _id: `guardian:${id}`,
    type: 'guardian',
    classIds: [classId],
    personId: id,
    audience: 'staff',
    body: { lastName, firstName, patronymic: 'Петровна' },
  };
}
function mark(pupilId: string, status: 'present' | 'absent'): HomeroomDoc {
  return {
    ...base,
    _id: `att:e1:${pupilId}`,
    type: 'attendance',
    classIds: ['c10'],
    pupilId,
    eventId: 'e1',
    audience: 'family',
    date: '2026-12-10',
    body: { status, recordedAt: AT, recordedBy: 'staff-1' },
  };
}

const meeting: DocOf<'event'> = {
  ...base,
  _id: 'event:e1',
  type: 'event',
  classIds: ['c10'],
  eventId: 'e1',
  audience: 'class-families',
  date: '2026-12-10',
  body: { title: 'Родительское собрание', status: 'held' },
};

// Four pupils of 10 «Б»: two siblings with one mother, one with two guardians, one without any.
const pupils = [
  pupil('p1', 'c10', 'Андреева'),
  pupil('p2', 'c10', 'Андреев'),
  pupil('p3', 'c10', 'Борисов'),
  pupil('p4', 'c10', 'Васильев'),
  pupil('p9', 'c5', 'Другой'),
];
const grants = [
  guardianship('p1', 'c10', 'g1'),
  guardianship('p2', 'c10', 'g1'),
  guardianship('p3', 'c10', 'g2'),
  guardianship('p3', 'c10', 'g3'),
  guardianship('p9', 'c5', 'g9'),
  guardian('g1', 'c10', 'Андреева', 'Мария'),
  guardian('g2', 'c10', 'Борисова', 'Ольга'),
];

function docsOf(...docs: HomeroomDoc[]): Docs {
  return new Map(docs.map((doc) => [doc._id, doc]));
}
const stamped = <T extends HomeroomDoc>(doc: T): T => ({ ...doc, updatedAt: AT });

function guardianScope(personId: string, children: string[], classes: string[]): Scope {
  return {
    schoolId: 'school-1',
    personId,
    admin: false,
    staff: false,
    classes: new Set(),
    children: new Set(children),
    childClasses: new Set(classes),
    teaches: new Set(),
    leads: new Set(),
  };
}

describe('a note on an event', () => {
  it('for one family belongs to that pupil and their class, and reaches only that family', () => {
    const note = stamped(
      buildNote(
        meeting,
        noteClassIds(meeting, ['c10'], pupils[2]),
        {
          kind: 'note',
          audience: 'family',
          pupil: pupils[2],
          text: ' Прошу зайти в четверг. ',
        },
        [],
      ),
    );
    expect(note).toMatchObject({
      classIds: ['c10'],
      pupilId: 'p3',
      eventId: 'e1',
      audience: 'family',
    });
    expect(note.body.text).toBe('Прошу зайти в четверг.');
    expect(validateDoc(note).ok).toBe(true);
    expect(canRead(guardianScope('g2', ['p3'], ['c10']), note)).toBe(true);
    expect(canRead(guardianScope('g1', ['p1', 'p2'], ['c10']), note)).toBe(false);
  });

  it('for the families of the class is read by them and not by another class', () => {
    const note = stamped(
      buildNote(
        meeting,
        ['c10'],
        { kind: 'note', audience: 'class-families', text: 'Завтра субботник' },
        ['media:m1'],
      ),
    );
    expect(note.pupilId).toBeUndefined();
    expect(note.body.media).toEqual(['media:m1']);
    expect(validateDoc(note).ok).toBe(true);
    expect(canRead(guardianScope('g1', ['p1'], ['c10']), note)).toBe(true);
    expect(canRead(guardianScope('g9', ['p9'], ['c5']), note)).toBe(false);
  });

  it('for one family without a pupil is a mistake, not a note to everyone', () => {
    expect(() =>
      buildNote(meeting, ['c10'], { kind: 'note', audience: 'family', text: 'x' }, []),
    ).toThrow(/needs the pupil/);
  });

  it('goes to the author’s own classes of a shared event, and to all of them at a school-wide one', () => {
    expect(noteClassIds({ classIds: ['c10', 'c5'] }, ['c10'])).toEqual(['c10']);
    expect(noteClassIds({ classIds: [] }, ['c10', 'c11'])).toEqual(['c10', 'c11']);
    expect(noteClassIds({ classIds: ['c10', 'c5'] }, ['c10'], pupils[0])).toEqual(['c10']);
  });

  it('keeps its id and revision when the minutes are edited, and one agenda item per line', () => {
    const first = buildNote(
      meeting,
      ['c10'],
      {
        kind: 'minutes',
        audience: 'staff',
        text: '',
        minutes: {
          present: 2,
          of: 4,
          agenda: 'Успеваемость\n\n  Праздник ',
          heard: ' Слушали ',
          decided: 'Решили',
        },
      },
      [],
    );
    expect(first.body.minutes).toEqual({
      present: 2,
      of: 4,
      agenda: ['Успеваемость', 'Праздник'],
      heard: 'Слушали',
      decided: 'Решили',
    });
    expect(validateDoc(stamped(first)).ok).toBe(true);
    const again = buildNote(
      meeting,
      ['c10'],
      {
        kind: 'minutes',
        audience: 'class-families',
        text: '',
        minutes: { present: 3, of: 4, agenda: '', heard: '', decided: '' },
      },
      ['media:m1'],
      { ...first, _rev: '1-abc' },
    );
    expect(again._id).toBe(first._id);
    expect(again._rev).toBe('1-abc');
    expect(again.audience).toBe('class-families');
    expect(agendaItems(' \n')).toEqual([]);
  });
});

describe('a read receipt', () => {
  const note = stamped(
    buildNote(
      meeting,
      ['c10'],
      { kind: 'note', audience: 'class-families', text: 'Собрание в 18:00' },
      [],
    ),
  );

  it('is the reader’s own, about their child in the note’s class, and passes validation', () => {
    const receipt = stamped(buildReceipt(note, { personId: 'g1' }, pupils[0]!, AT));
    expect(receipt._id).toBe(receiptId(note._id, 'g1'));
    expect(receipt).toMatchObject({
      classIds: ['c10'],
      pupilId: 'p1',
      personId: 'g1',
      audience: 'family',
    });
    expect(validateDoc(receipt).ok).toBe(true);
    expect(canWrite(guardianScope('g1', ['p1', 'p2'], ['c10']), receipt).ok).toBe(true);
    // Another guardian may not write it in g1's name, even of the same child.
    expect(canWrite(guardianScope('g5', ['p1'], ['c10']), receipt).ok).toBe(false);
  });

  it('is counted by family with the reader’s name, and a second guardian of one family counts once', () => {
    const receipts = [
      stamped(buildReceipt(note, { personId: 'g2' }, pupils[2]!, '2026-12-10T16:00:00.000Z')),
      stamped(
        buildReceipt(
          note,
          { personId: 'g3', name: 'Борисов И.' },
          pupils[2]!,
          '2026-12-10T17:00:00.000Z',
        ),
      ),
    ];
    const docs = docsOf(...pupils, ...grants, note, ...receipts);
    expect(familiesOf(docs, ['c10'])).toHaveLength(2);
    const state = readStateOf(docs, note);
    expect(state).toMatchObject({ familiesRead: 1, families: 2 });
    expect(state?.readers.map((reader) => reader.name)).toEqual(['Борисова О. П.', 'Борисов И.']);
  });

  it('a note to one family is out of one; a note for staff has no readers to count', () => {
    const familyNote = stamped(
      buildNote(
        meeting,
        ['c10'],
        { kind: 'note', audience: 'family', pupil: pupils[1], text: 'Дневник' },
        [],
      ),
    );
    const docs = docsOf(...pupils, ...grants, familyNote);
    expect(readStateOf(docs, familyNote)).toMatchObject({ familiesRead: 0, families: 1 });
    const staffNote = { ...familyNote, audience: 'staff' as const };
    expect(readStateOf(docs, staffNote)).toBeUndefined();
  });

  it("counts only the readers of the note's families, not a receipt of another family", () => {
    const familyNote = stamped(
      buildNote(
        meeting,
        ['c10'],
        { kind: 'note', audience: 'family', pupil: pupils[1], text: 'Дневник' },
        [],
      ),
    );
    // g2 is a guardian of another pupil; their receipt says nothing of this family.
    const stray = stamped(buildReceipt(familyNote, { personId: 'g2' }, pupils[1]!, AT));
    const state = readStateOf(docsOf(...pupils, ...grants, familyNote, stray), familyNote);
    expect(state).toMatchObject({ readers: [], familiesRead: 0, families: 1 });
  });
});

describe('the minutes of a parent meeting', () => {
  it('start from the roll call when it was taken: present N of the class’s M', () => {
    const docs = docsOf(
      ...pupils,
      mark('p1', 'present'),
      mark('p2', 'absent'),
      mark('p3', 'present'),
    );
    expect(minutesPrefill(docs, meeting, ['c10'])).toMatchObject({ present: 2, of: 4 });
    expect(minutesPrefill(docsOf(...pupils), meeting, ['c10']).present).toBeUndefined();
  });

  it('an older version’s minutes in the event body are still printed and pre-filled', () => {
    const legacy = {
      ...meeting,
      body: {
        ...meeting.body,
        minutes: { agenda: ['Итоги'], heard: 'Слушали', decided: 'Решили' },
      },
    };
    const docs = docsOf(...pupils, legacy, mark('p1', 'present'));
    expect(minutesOfEvent(docs, legacy)).toEqual({
      present: 1,
      of: 4,
      agenda: ['Итоги'],
      heard: 'Слушали',
      decided: 'Решили',
    });
    expect(minutesPrefill(docs, legacy, ['c10'])).toMatchObject({
      agenda: ['Итоги'],
      heard: 'Слушали',
    });
  });

  it('a minutes note wins over the event body’s', () => {
    const legacy = {
      ...meeting,
      body: { ...meeting.body, minutes: { agenda: [], heard: 'старое', decided: '' } },
    };
    const note = stamped(
      buildNote(
        meeting,
        ['c10'],
        {
          kind: 'minutes',
          audience: 'class-families',
          text: '',
          minutes: { present: 3, of: 4, agenda: 'Итоги', heard: 'новое', decided: 'Решили' },
        },
        [],
      ),
    );
    const docs = docsOf(...pupils, legacy, note);
    expect(minutesNoteOf(docs, 'e1')?._id).toBe(note._id);
    expect(minutesOfEvent(docs, legacy)).toMatchObject({ present: 3, of: 4, heard: 'новое' });
  });
});
