import { describe, expect, it } from 'vitest';
import { canRead, canReplace, canWrite, type Scope } from './access';
import type { Audience, DocType, Envelope } from './envelope';
import { Grants } from './grants';

const SCHOOL = 'school-1';
const CLASS_A = 'class-a';
const CLASS_B = 'class-b';
const CHILD = 'pupil-own';
const OTHER = 'pupil-other';

function envelope(
  type: DocType,
  audience: Audience,
  classIds: string[],
  extra: Partial<Envelope> = {},
): Envelope {
  return {
    _id: `${type}:x`,
    type,
    schoolId: SCHOOL,
    classIds,
    audience,
    updatedAt: '2026-12-07T05:00:00.000Z',
    updatedBy: 'someone',
    ...extra,
  };
}

function scope(overrides: Partial<Scope>): Scope {
  return {
    schoolId: SCHOOL,
    personId: 'me',
    admin: false,
    staff: false,
    classes: new Set(),
    children: new Set(),
    childClasses: new Set(),
    teaches: new Set(),
    leads: new Set(),
    ...overrides,
  };
}

const admin = scope({ admin: true, staff: true });
const teacherA = scope({ staff: true, classes: new Set([CLASS_A]) });
const subjectTeacher = scope({ staff: true });
/** Leads an event of A (not in `docs`), so reads A's roster to take its roll. */
const substituteA = scope({ staff: true, leads: new Set(['led']), leadsIn: new Set([CLASS_A]) });
const guardianA = scope({ children: new Set([CHILD]), childClasses: new Set([CLASS_A]) });

const docs = {
  school: envelope('school', 'school', []),
  classA: envelope('class', 'class-families', [CLASS_A]),
  classB: envelope('class', 'class-families', [CLASS_B]),
  ownPupil: envelope('pupil', 'family', [CLASS_A], { pupilId: CHILD }),
  otherPupil: envelope('pupil', 'family', [CLASS_A], { pupilId: OTHER }),
  ownMark: envelope('attendance', 'family', [CLASS_A], { pupilId: CHILD, eventId: 'e' }),
  otherMark: envelope('attendance', 'family', [CLASS_A], { pupilId: OTHER, eventId: 'e' }),
  markInB: envelope('attendance', 'family', [CLASS_B], { pupilId: 'pb', eventId: 'e' }),
  ownGuardianship: envelope('guardianship', 'family', [CLASS_A], {
    pupilId: CHILD,
    personId: 'me',
  }),
  guardianRecord: envelope('guardian', 'staff', [CLASS_A], { personId: 'g' }),
  staffRecord: envelope('staff', 'staff', [], { personId: 's' }),
  assignment: envelope('assignment', 'staff', [CLASS_A], { personId: 't' }),
  eventA: envelope('event', 'class-families', [CLASS_A], { date: '2026-12-07' }),
  eventAB: envelope('event', 'class-families', [CLASS_A, CLASS_B], { date: '2026-12-07' }),
  eventB: envelope('event', 'class-families', [CLASS_B], { date: '2026-12-07' }),
  schoolEvent: envelope('event', 'school', [], { date: '2026-12-07' }),
  staffNoteA: envelope('note', 'staff', [CLASS_A]),
  familiesNoteA: envelope('note', 'class-families', [CLASS_A]),
  familiesNoteB: envelope('note', 'class-families', [CLASS_B]),
  ownFamilyNote: envelope('note', 'family', [CLASS_A], { pupilId: CHILD }),
  otherFamilyNote: envelope('note', 'family', [CLASS_A], { pupilId: OTHER }),
  ownAbsence: envelope('absence', 'family', [CLASS_A], { pupilId: CHILD, date: '2026-12-07' }),
  otherAbsence: envelope('absence', 'family', [CLASS_A], { pupilId: OTHER, date: '2026-12-07' }),
  ownReceipt: envelope('receipt', 'family', [CLASS_A], { pupilId: CHILD, personId: 'me' }),
  otherReaderReceipt: envelope('receipt', 'family', [CLASS_A], {
    pupilId: CHILD,
    personId: 'dad',
  }),
  ownCertificate: envelope('media', 'family', [CLASS_A], { pupilId: CHILD }),
  familiesPhotoA: envelope('media', 'class-families', [CLASS_A]),
  familiesPhotoB: envelope('media', 'class-families', [CLASS_B]),
  staffPhotoA: envelope('media', 'staff', [CLASS_A]),
  otherSchool: { ...envelope('school', 'school', []), schoolId: 'school-2' },
};
type DocName = keyof typeof docs;

/** What each role reads, doc by doc: the table of the issue. */
const READS: Record<string, [Scope, DocName[]]> = {
  administration: [
    admin,
    (Object.keys(docs) as DocName[]).filter((name) => name !== 'otherSchool'),
  ],
  'class teacher of A': [
    teacherA,
    [
      'school',
      'classA',
      'classB',
      'ownPupil',
      'otherPupil',
      'ownMark',
      'otherMark',
      'ownGuardianship',
      'guardianRecord',
      'staffRecord',
      'assignment',
      'eventA',
      'eventAB',
      'schoolEvent',
      'staffNoteA',
      'familiesNoteA',
      'ownFamilyNote',
      'otherFamilyNote',
      'ownAbsence',
      'otherAbsence',
      'ownReceipt',
      'otherReaderReceipt',
      'ownCertificate',
      'familiesPhotoA',
      'staffPhotoA',
    ],
  ],
  'subject teacher without a class': [
    subjectTeacher,
    ['school', 'classA', 'classB', 'staffRecord', 'schoolEvent'],
  ],
  'substitute leading an event of A': [
    substituteA,
    ['school', 'classA', 'classB', 'ownPupil', 'otherPupil', 'staffRecord', 'schoolEvent'],
  ],
  'guardian of a pupil in A': [
    guardianA,
    [
      'school',
      'classA',
      'ownPupil',
      'ownMark',
      'ownGuardianship',
      'eventA',
      'eventAB',
      'schoolEvent',
      'familiesNoteA',
      'ownFamilyNote',
      'ownAbsence',
      'ownReceipt',
      'otherReaderReceipt',
      'ownCertificate',
      'familiesPhotoA',
    ],
  ],
};

describe('canRead', () => {
  for (const [role, [who, readable]] of Object.entries(READS)) {
    for (const name of Object.keys(docs) as DocName[]) {
      const expected = readable.includes(name);
      it(`${role} ${expected ? 'reads' : 'does not read'} ${name}`, () => {
        expect(canRead(who, docs[name])).toBe(expected);
      });
    }
  }

  it('a person who is both a teacher and a guardian reads the union and nothing more', () => {
    const both = scope({
      staff: true,
      classes: new Set([CLASS_B]),
      children: new Set([CHILD]),
      childClasses: new Set([CLASS_A]),
    });
    expect(canRead(both, docs.markInB)).toBe(true);
    expect(canRead(both, docs.ownMark)).toBe(true);
    expect(canRead(both, docs.otherMark)).toBe(false);
    expect(canRead(both, docs.staffNoteA)).toBe(false);
  });
});

describe('canWrite', () => {
  const cases: [string, Scope, DocName, boolean][] = [
    ['admin writes a pupil', admin, 'ownPupil', true],
    ['admin writes in another school', admin, 'otherSchool', false],
    ['teacher marks in own class', teacherA, 'otherMark', true],
    ['teacher marks in another class', teacherA, 'markInB', false],
    ['teacher writes an event of own class', teacherA, 'eventA', true],
    ['teacher writes an event shared with another class', teacherA, 'eventAB', false],
    ['teacher writes a school-wide event', teacherA, 'schoolEvent', false],
    ['teacher writes a note for families', teacherA, 'familiesNoteA', true],
    ['teacher edits a pupil record', teacherA, 'ownPupil', false],
    ['teacher grants themselves a class', teacherA, 'assignment', false],
    ['subject teacher marks', subjectTeacher, 'otherMark', false],
    ['guardian marks own child', guardianA, 'ownMark', false],
    ['guardian writes a note', guardianA, 'ownFamilyNote', false],
    ["guardian reports own child's absence", guardianA, 'ownAbsence', true],
    ["guardian reports another child's absence", guardianA, 'otherAbsence', false],
    ['guardian attaches a certificate for own child', guardianA, 'ownCertificate', true],
    ['guardian posts a photo to all families', guardianA, 'familiesPhotoA', false],
    ['guardian writes own read receipt', guardianA, 'ownReceipt', true],
    ["guardian forges another reader's receipt", guardianA, 'otherReaderReceipt', false],
    ['teacher records an absence a family phoned in', teacherA, 'otherAbsence', true],
    ['teacher attaches a photo to a class note', teacherA, 'familiesPhotoA', true],
    ['teacher attaches a photo in another class', teacherA, 'familiesPhotoB', false],
    ["teacher forges a family's receipt", teacherA, 'ownReceipt', false],
    ['subject teacher reports an absence', subjectTeacher, 'otherAbsence', false],
  ];
  for (const [name, who, doc, expected] of cases) {
    it(name, () => {
      const decision = canWrite(who, docs[doc]);
      expect(decision.ok).toBe(expected);
      if (!decision.ok) expect(decision.reason.length).toBeGreaterThan(10);
    });
  }
});

describe('refusals say what to fix', () => {
  it("a guardian writing about another family's child is told it is not their child", () => {
    expect(canWrite(guardianA, docs.otherAbsence)).toEqual({
      ok: false,
      reason: 'the pupil (pupilId) is not your child',
    });
  });
});

describe('canReplace', () => {
  const written = (by: string) => ({ ...docs.ownAbsence, updatedBy: by });
  const family = new Set(['me', 'other-parent']);
  const cases: [string, Scope, Envelope, boolean][] = [
    ['guardian replaces their own notice', guardianA, written('me'), true],
    ["guardian corrects the other guardian's notice", guardianA, written('other-parent'), true],
    ["guardian overwrites the teacher's absence record", guardianA, written('teacher'), false],
    [
      "guardian replaces the teacher's photo for the family",
      guardianA,
      { ...docs.ownCertificate, updatedBy: 'teacher' },
      false,
    ],
    ["teacher replaces a family's notice", teacherA, written('me'), true],
    ["admin replaces a family's notice", admin, written('me'), true],
  ];
  for (const [name, who, previous, expected] of cases) {
    it(name, () => {
      const decision = canReplace(who, previous, () => family);
      expect(decision.ok).toBe(expected);
      if (!decision.ok) expect(decision.reason).toContain('written by the school');
    });
  }
});

describe('Grants', () => {
  const grant = (type: DocType, id: string, extra: Partial<Envelope>) =>
    envelope(type, 'staff', extra.classIds ?? [], { _id: id, ...extra });

  it('derives scopes from pupil, guardianship and assignment documents, and follows changes', () => {
    const grants = new Grants();
    grants.apply(grant('pupil', 'pupil:p1', { pupilId: 'p1', classIds: [CLASS_A] }));
    grants.apply(
      grant('guardianship', 'g1', { pupilId: 'p1', personId: 'mum', classIds: [CLASS_A] }),
    );
    grants.apply(grant('assignment', 'a1', { personId: 'teach', classIds: [CLASS_A] }));
    const roles = { schoolId: SCHOOL, admin: false, staff: false };

    const mum = grants.scopeFor({ ...roles, personId: 'mum' });
    expect([...mum.children]).toEqual(['p1']);
    expect([...mum.childClasses]).toEqual([CLASS_A]);
    expect([...grants.scopeFor({ ...roles, personId: 'teach' }).classes]).toEqual([CLASS_A]);
    expect([...grants.guardiansOf('p1')]).toEqual(['mum']);

    // The pupil moves to B: the guardian follows the child, at once.
    grants.apply(grant('pupil', 'pupil:p1', { pupilId: 'p1', classIds: [CLASS_B] }));
    expect([...grants.scopeFor({ ...roles, personId: 'mum' }).childClasses]).toEqual([CLASS_B]);

    // The guardianship is deleted: nothing is left.
    grants.apply(grant('guardianship', 'g1', { pupilId: 'p1', personId: 'mum', _deleted: true }));
    expect(grants.scopeFor({ ...roles, personId: 'mum' }).children.size).toBe(0);
    expect(grants.guardiansOf('p1').size).toBe(0);
  });

  it("gives an event's leader the event and its classes' roster, until someone else leads it", () => {
    const grants = new Grants();
    const event = (personId: string) =>
      grant('event', 'event:e1', { eventId: 'e1', personId, classIds: [CLASS_A] });
    const roles = { schoolId: SCHOOL, admin: false, staff: true };
    grants.apply(event('sub'));
    const sub = grants.scopeFor({ ...roles, personId: 'sub' });
    expect([...sub.leads]).toEqual(['e1']);
    expect([...(sub.leadsIn ?? [])]).toEqual([CLASS_A]);
    expect(canRead(sub, docs.ownPupil)).toBe(true);
    expect(canRead(sub, docs.ownMark)).toBe(false);

    // The class teacher takes the event back: the substitute keeps nothing of it.
    grants.apply(event('teach'));
    const after = grants.scopeFor({ ...roles, personId: 'sub' });
    expect(after.leads.size).toBe(0);
    expect(after.leadsIn?.size).toBe(0);
    expect(canRead(after, docs.ownPupil)).toBe(false);
  });
});
