import { describe, expect, it } from 'vitest';
import {
  absentLetter,
  attended,
  attendedPercent,
  calendarProblems,
  EVIDENCE,
  excusedFor,
  excuseRuleSchema,
  holidayOf,
  isCorrection,
  letterForMark,
  letterProblems,
  markForLetter,
  mergeAttendance,
  periodOf,
  periodsFor,
  periodTotals,
  PRESENT,
  REASONS,
  recordedMarkSchema,
  recordMark,
  STATUSES,
  toggledMark,
  type AttendanceLetter,
  type Mark,
  type SchoolCalendar,
} from './attendance';
import { schoolBodySchema } from './schemas';

/** The demo school's letters, as school.json gives them. */
const LETTERS: AttendanceLetter[] = [
  { letter: 'н', status: 'absent', excused: false, meaning: 'без уважительной причины' },
  { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: 'болел' },
  { letter: 'у', status: 'absent', excused: true, meaning: 'по уважительной причине' },
  { letter: 'оп', status: 'late', meaning: 'опоздал' },
];

/** A school with other letters: capitals, a letter for leaving early, one for official business. */
const OTHER_LETTERS: AttendanceLetter[] = [
  { letter: 'НП', status: 'absent', meaning: 'не присутствовал' },
  { letter: 'УП', status: 'absent', excused: true, meaning: 'уважительная причина' },
  { letter: 'Б', status: 'absent', reason: 'illness', meaning: 'болезнь' },
  { letter: 'ОФ', status: 'absent', reason: 'official', excused: true, meaning: 'олимпиада' },
  { letter: 'О', status: 'late', meaning: 'опоздание' },
  { letter: 'УР', status: 'left-early', meaning: 'ушёл с урока' },
  { letter: 'ВШ', status: 'off-site', meaning: 'вне школы' },
];

/** Every mark the model can express: 5 statuses × 5 reasons × 4 kinds of evidence × excused. */
const ALL_MARKS: Mark[] = STATUSES.flatMap((status) =>
  REASONS.flatMap((reason) =>
    EVIDENCE.flatMap((evidence) =>
      [false, true].map((excused) => ({ status, reason, evidence, excused })),
    ),
  ),
);

const mark = (status: Mark['status'], reason: Mark['reason'], evidence: Mark['evidence']) => ({
  status,
  reason,
  evidence,
});

describe('the headcount', () => {
  it('counts everyone who was there: present, off-site, late, left early; not the absent', () => {
    const statuses = ['present', 'off-site', 'late', 'left-early', 'absent'] as const;
    const mark = (status: (typeof statuses)[number]) => ({
      status,
      reason: 'unknown' as const,
      evidence: 'none' as const,
      excused: false,
    });
    expect(statuses.filter((status) => attended(mark(status)))).toEqual([
      'present',
      'off-site',
      'late',
      'left-early',
    ]);
  });
});

describe('letters ↔ marks', () => {
  it.each([
    ['the demo school', LETTERS],
    ['a school with other letters', OTHER_LETTERS],
  ])('in %s every letter maps to a mark that maps back to the same letter', (_, letters) => {
    expect(letterProblems(letters)).toEqual([]);
    for (const letter of letters) {
      const recorded = markForLetter(letter);
      expect(recorded.status).toBe(letter.status);
      expect(letterForMark(letters, recorded)).toBe(letter);
    }
  });

  it.each([
    ['the demo school', LETTERS],
    ['a school with other letters', OTHER_LETTERS],
  ])('in %s a mark → letter → mark keeps the letter and what it names', (_, letters) => {
    expect(ALL_MARKS).toHaveLength(200);
    for (const recorded of ALL_MARKS) {
      const letter = letterForMark(letters, recorded);
      if (!letter) continue;
      const again = markForLetter(letter);
      expect(letterForMark(letters, again)).toBe(letter);
      expect(again.status).toBe(recorded.status);
      if (letter.reason) expect(again.reason).toBe(recorded.reason);
      if (letter.excused !== undefined) expect(again.excused).toBe(recorded.excused);
    }
  });

  it('present has no letter, and the most specific letter wins', () => {
    expect(letterForMark(LETTERS, PRESENT)).toBeUndefined();
    const ill = { ...mark('absent', 'illness', 'medical'), excused: true };
    expect(letterForMark(LETTERS, ill)?.letter).toBe('б');
    const family = { ...mark('absent', 'family', 'parent-note'), excused: true };
    expect(letterForMark(LETTERS, family)?.letter).toBe('у');
    const unexcusedIllness = { ...mark('absent', 'illness', 'none'), excused: false };
    expect(letterForMark(LETTERS, unexcusedIllness)?.letter).toBe('н');
    expect(letterForMark(OTHER_LETTERS, unexcusedIllness)?.letter).toBe('Б');
    expect(letterForMark(OTHER_LETTERS, { ...PRESENT, status: 'off-site' })?.letter).toBe('ВШ');
  });

  it('a mark the school has no letter for shows none', () => {
    expect(letterForMark(LETTERS, { ...PRESENT, status: 'left-early' })).toBeUndefined();
    expect(letterForMark(LETTERS, { ...PRESENT, status: 'off-site' })).toBeUndefined();
  });

  it('refuses letters that cannot round-trip, saying which and why', () => {
    const shadowed: AttendanceLetter[] = [
      { letter: 'н', status: 'absent', meaning: '' },
      { letter: 'нн', status: 'absent', excused: false, meaning: '' },
    ];
    expect(letterProblems(shadowed)).toEqual([
      'letter «н» would never be shown: «нн» stands for the same marks; give it another status, reason or excused flag',
    ]);
    expect(letterProblems([...LETTERS, { ...LETTERS[0]! }])).toContain(
      'letter «н» is listed twice',
    );
    expect(letterProblems([{ letter: 'п', status: 'present', meaning: '' }])).toEqual([
      'letter «п»: present has no letter; remove it',
    ]);
  });

  it('one tap toggles between absent with the school’s letter and present', () => {
    expect(absentLetter(LETTERS)?.letter).toBe('н');
    expect(absentLetter(OTHER_LETTERS)?.letter).toBe('НП');
    expect(toggledMark(LETTERS, undefined)).toEqual(markForLetter(LETTERS[0]!));
    expect(toggledMark(LETTERS, PRESENT)).toEqual(markForLetter(LETTERS[0]!));
    expect(toggledMark(LETTERS, markForLetter(LETTERS[1]!))).toEqual(PRESENT);
    expect(toggledMark(LETTERS, markForLetter(LETTERS[2]!))).toEqual(PRESENT);
    expect(toggledMark(LETTERS, markForLetter(LETTERS[3]!))).toEqual(markForLetter(LETTERS[0]!));
    const onlyLate: AttendanceLetter[] = [{ letter: 'о', status: 'late', meaning: '' }];
    expect(toggledMark(onlyLate, undefined)).toEqual({ ...PRESENT, status: 'absent' });
  });
});

describe('excused rules', () => {
  const demo = { attendanceLetters: LETTERS };
  const other = { attendanceLetters: OTHER_LETTERS };

  it('by default: illness with a certificate or a note, family with a note, official with an order', () => {
    expect(excusedFor(mark('absent', 'illness', 'medical'), other)).toBe(true);
    expect(excusedFor(mark('absent', 'illness', 'parent-note'), other)).toBe(true);
    expect(excusedFor(mark('absent', 'illness', 'none'), other)).toBe(false);
    expect(excusedFor(mark('absent', 'family', 'parent-note'), other)).toBe(true);
    expect(excusedFor(mark('absent', 'family', 'none'), other)).toBe(false);
    expect(excusedFor(mark('left-early', 'official', 'order'), other)).toBe(true);
    expect(excusedFor(mark('absent', 'other', 'parent-note'), other)).toBe(false);
  });

  it('an unknown reason is never excused, whatever the evidence', () => {
    for (const evidence of EVIDENCE) {
      expect(excusedFor(mark('absent', 'unknown', evidence), demo)).toBe(false);
      expect(excusedFor(mark('absent', 'unknown', evidence), other)).toBe(false);
    }
  });

  it('present, in school or off-site, has nothing to excuse', () => {
    expect(excusedFor(mark('present', 'illness', 'medical'), other)).toBe(false);
    expect(excusedFor(mark('off-site', 'official', 'order'), other)).toBe(false);
  });

  it('a letter that names the reason and excused overrides the rules', () => {
    // The demo school's «б» is excused: every illness is, even without a note.
    expect(excusedFor(mark('absent', 'illness', 'none'), demo)).toBe(true);
    // «ОФ» excuses official business without an order; the other school's «Б» names no flag.
    expect(excusedFor(mark('absent', 'official', 'none'), other)).toBe(true);
    expect(excusedFor(mark('absent', 'illness', 'none'), other)).toBe(false);
  });

  it('letters that disagree leave it to the rules', () => {
    const split: AttendanceLetter[] = [
      { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: '' },
      { letter: 'бс', status: 'absent', reason: 'illness', excused: false, meaning: '' },
    ];
    expect(letterProblems(split)).toEqual([]);
    expect(excusedFor(mark('absent', 'illness', 'medical'), { attendanceLetters: split })).toBe(
      true,
    );
    expect(excusedFor(mark('absent', 'illness', 'none'), { attendanceLetters: split })).toBe(false);
  });

  it("a school's own rules replace the defaults", () => {
    const strict = {
      attendanceLetters: OTHER_LETTERS,
      excuseRules: [{ reason: 'illness', evidence: ['medical'] }] as const,
    };
    expect(excusedFor(mark('absent', 'illness', 'medical'), strict)).toBe(true);
    expect(excusedFor(mark('absent', 'illness', 'parent-note'), strict)).toBe(false);
    expect(excusedFor(mark('absent', 'family', 'parent-note'), strict)).toBe(false);
    const lenient = {
      attendanceLetters: OTHER_LETTERS,
      excuseRules: [{ reason: 'other', evidence: ['none', 'parent-note'] }] as const,
    };
    expect(excusedFor(mark('late', 'other', 'none'), lenient)).toBe(true);
  });

  it('refuses a rule that would excuse an unknown reason', () => {
    const result = excuseRuleSchema.safeParse({ reason: 'unknown', evidence: ['medical'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/unknown reason never excuses/);
  });
});

/** A school of quarters whose 10th and 11th grades have semesters, with a 1st-grade holiday. */
const QUARTERS: SchoolCalendar = {
  schoolYear: { start: '2026-09-01', end: '2027-05-26' },
  periods: [
    { name: 'I четверть', start: '2026-09-01', end: '2026-10-24' },
    { name: 'II четверть', start: '2026-11-04', end: '2026-12-29' },
    { name: 'III четверть', start: '2027-01-12', end: '2027-03-20' },
    { name: 'IV четверть', start: '2027-03-30', end: '2027-05-26' },
    { name: 'I полугодие', start: '2026-09-01', end: '2026-12-29', grades: [10, 11] },
    { name: 'II полугодие', start: '2027-01-12', end: '2027-05-26', grades: [10, 11] },
  ],
  holidays: [
    { name: 'Осенние каникулы', start: '2026-10-26', end: '2026-11-03' },
    { name: 'Зимние каникулы', start: '2026-12-30', end: '2027-01-11' },
    { name: 'Дополнительные каникулы', start: '2027-02-15', end: '2027-02-21', grades: [1] },
    { name: 'Весенние каникулы', start: '2027-03-22', end: '2027-03-29' },
  ],
};

/** A school of trimesters, and modules for the 5th to 9th grades. */
const TRIMESTERS: SchoolCalendar = {
  schoolYear: { start: '2026-09-01', end: '2027-05-31' },
  periods: [
    { name: 'I триместр', start: '2026-09-01', end: '2026-11-30' },
    { name: 'II триместр', start: '2026-12-01', end: '2027-02-28' },
    { name: 'III триместр', start: '2027-03-01', end: '2027-05-31' },
    ...[1, 2, 3, 4, 5].map((n, index) => ({
      name: `Модуль ${String(n)}`,
      start: ['2026-09-01', '2026-10-19', '2027-01-01', '2027-02-24', '2027-04-14'][index]!,
      end: ['2026-10-11', '2026-12-27', '2027-02-15', '2027-04-05', '2027-05-31'][index]!,
      grades: [5, 6, 7, 8, 9],
    })),
  ],
  holidays: [{ name: 'Зимние каникулы', start: '2026-12-28', end: '2027-01-07' }],
};

describe('reporting periods', () => {
  const names = (periods: { name: string }[]) => periods.map((period) => period.name);

  it('quarters for most grades, semesters for the grades that name them', () => {
    expect(names(periodsFor(QUARTERS, 5))).toEqual([
      'I четверть',
      'II четверть',
      'III четверть',
      'IV четверть',
    ]);
    expect(names(periodsFor(QUARTERS, 10))).toEqual(['I полугодие', 'II полугодие']);
    expect(periodOf(QUARTERS, 5, '2026-11-04')?.name).toBe('II четверть');
    expect(periodOf(QUARTERS, 10, '2026-11-04')?.name).toBe('I полугодие');
    expect(periodOf(QUARTERS, 5, '2026-10-24')?.name).toBe('I четверть');
  });

  it('a trimester school, with modules for the middle grades', () => {
    expect(names(periodsFor(TRIMESTERS, 2))).toEqual(['I триместр', 'II триместр', 'III триместр']);
    expect(periodsFor(TRIMESTERS, 7)).toHaveLength(5);
    expect(periodOf(TRIMESTERS, 2, '2027-02-28')?.name).toBe('II триместр');
    expect(periodOf(TRIMESTERS, 7, '2026-10-15')).toBeUndefined();
    expect(periodOf(TRIMESTERS, 7, '2026-10-19')?.name).toBe('Модуль 2');
    expect(calendarProblems(TRIMESTERS)).toEqual([]);
  });

  it('no period on a holiday, between periods or outside the school year', () => {
    expect(periodOf(QUARTERS, 5, '2026-10-30')).toBeUndefined();
    expect(holidayOf(QUARTERS, 5, '2026-10-30')?.name).toBe('Осенние каникулы');
    // The 1st grade's extra holiday is a school day for the others.
    expect(periodOf(QUARTERS, 1, '2027-02-16')).toBeUndefined();
    expect(holidayOf(QUARTERS, 1, '2027-02-16')?.name).toBe('Дополнительные каникулы');
    expect(periodOf(QUARTERS, 2, '2027-02-16')?.name).toBe('III четверть');
    expect(periodOf(QUARTERS, 5, '2026-08-31')).toBeUndefined();
    expect(periodOf(QUARTERS, 5, '2027-06-01')).toBeUndefined();
    expect(holidayOf(QUARTERS, 5, '2027-06-01')).toBeUndefined();
  });

  it('refuses overlapping periods of one grade and spans that end before they start', () => {
    expect(calendarProblems(QUARTERS)).toEqual([]);
    const overlapping: SchoolCalendar = {
      ...QUARTERS,
      periods: [
        ...QUARTERS.periods,
        { name: 'Модуль', start: '2026-12-01', end: '2027-01-20', grades: [10] },
      ],
      holidays: [{ name: 'Каникулы', start: '2026-11-03', end: '2026-10-26' }],
    };
    expect(calendarProblems(overlapping)).toEqual([
      '«Каникулы» ends before it starts',
      'periods «I полугодие» and «Модуль» overlap',
      'periods «Модуль» and «II полугодие» overlap',
    ]);
    const outside = {
      ...QUARTERS,
      periods: [{ name: 'Лето', start: '2027-06-01', end: '2027-06-30' }],
    };
    expect(calendarProblems(outside)).toEqual(['period «Лето» lies outside the school year']);
  });

  it('the school schema refuses a school whose letters or periods are wrong', () => {
    const school = {
      name: 'Школа',
      shortName: 'Школа',
      timeZone: 'Asia/Vladivostok',
      ...QUARTERS,
      periods: [...QUARTERS.periods],
      holidays: [...QUARTERS.holidays],
      attendanceLetters: LETTERS,
    };
    expect(schoolBodySchema.safeParse(school).success).toBe(true);
    const wrong = schoolBodySchema.safeParse({
      ...school,
      attendanceLetters: [...LETTERS, { letter: 'x', status: 'absent', meaning: '' }],
      periods: [...school.periods, { name: 'Лишняя', start: '2026-09-10', end: '2026-09-20' }],
    });
    expect(wrong.error?.issues.map((issue) => issue.message)).toEqual([
      'letter «x» would never be shown: «н» stands for the same marks; give it another status, reason or excused flag',
      'periods «I четверть» and «Лишняя» overlap',
    ]);
  });
});

describe('period totals', () => {
  const dated = (pupilId: string, date: string, recorded: Mark) => ({
    pupilId,
    date,
    body: recorded,
  });
  const [n, b, u, op] = LETTERS.map(markForLetter) as [Mark, Mark, Mark, Mark];

  it('count present, late, absent, excused and unexcused per pupil, within the period', () => {
    const marks = [
      dated('p1', '2026-09-01', PRESENT),
      dated('p1', '2026-09-02', n),
      dated('p1', '2026-09-03', b),
      dated('p1', '2026-09-04', op),
      dated('p1', '2026-10-24', u),
      dated('p1', '2026-10-25', n),
      dated('p2', '2026-09-01', { ...PRESENT, status: 'off-site' }),
      dated('p2', '2026-09-02', { ...PRESENT, status: 'left-early' }),
      dated('p2', '2026-08-31', n),
    ];
    const totals = periodTotals(marks, QUARTERS.periods[0]!);
    expect(totals.get('p1')).toEqual({
      marked: 5,
      present: 1,
      late: 1,
      leftEarly: 0,
      absent: 3,
      excused: 2,
      unexcused: 1,
    });
    expect(totals.get('p2')).toEqual({
      marked: 2,
      present: 1,
      late: 0,
      leftEarly: 1,
      absent: 0,
      excused: 0,
      unexcused: 0,
    });
    expect(attendedPercent(totals.get('p1')!)).toBe(40);
    expect(attendedPercent(totals.get('p2')!)).toBe(100);
    expect(totals.has('p3')).toBe(false);
  });
});

describe('recording and correcting', () => {
  const TZ = 'Asia/Vladivostok';

  it('keeps the replaced mark in the history, with who, when and why', () => {
    const first = recordMark(
      undefined,
      markForLetter(LETTERS[0]!),
      '2026-12-07T05:00:00.000Z',
      't1',
    );
    const corrected = recordMark(
      first,
      markForLetter(LETTERS[1]!),
      '2026-12-08T09:00:00.000Z',
      't2',
      'Мама принесла справку',
    );
    expect(corrected).toMatchObject({
      status: 'absent',
      reason: 'illness',
      recordedBy: 't2',
      why: 'Мама принесла справку',
    });
    expect(corrected.history).toEqual([
      { ...markForLetter(LETTERS[0]!), recordedAt: '2026-12-07T05:00:00.000Z', recordedBy: 't1' },
    ]);
    const again = recordMark(corrected, PRESENT, '2026-12-09T09:00:00.000Z', 't1', 'Ошибка');
    expect(again.history.map((entry) => entry.why)).toEqual([undefined, 'Мама принесла справку']);
  });

  it('a mark from an earlier school day is a correction; one from the same school day is not', () => {
    // 08:15 on 2 September in Vladivostok is 22:15 on 1 September in UTC.
    const morning = { recordedAt: '2026-09-01T22:15:00.000Z' };
    expect(isCorrection(undefined, new Date('2026-09-02T05:00:00Z'), TZ)).toBe(false);
    expect(isCorrection(morning, new Date('2026-09-02T05:00:00Z'), TZ)).toBe(false);
    expect(isCorrection(morning, new Date('2026-09-02T14:00:00Z'), TZ)).toBe(true);
    // 15:00 and 18:00 on 1 September in Moscow; 22:00 on 1 September and 01:00 on 2 September
    // in Vladivostok.
    const afternoon = { recordedAt: '2026-09-01T12:00:00.000Z' };
    const later = new Date('2026-09-01T15:00:00Z');
    expect(isCorrection(afternoon, later, 'Europe/Moscow')).toBe(false);
    expect(isCorrection(afternoon, later, TZ)).toBe(true);
  });

  it('refuses an empty or overlong why', () => {
    const base = { ...PRESENT, recordedAt: '2026-12-07T05:00:00.000Z', recordedBy: 't' };
    expect(recordedMarkSchema.safeParse({ ...base, why: 'Справка' }).success).toBe(true);
    expect(recordedMarkSchema.safeParse({ ...base, why: '  ' }).success).toBe(false);
    expect(recordedMarkSchema.safeParse({ ...base, why: 'я'.repeat(501) }).success).toBe(false);
    expect(recordedMarkSchema.safeParse({ ...base, why: 'я'.repeat(500) }).success).toBe(true);
  });
});

describe('mergeAttendance', () => {
  const early = recordMark(
    undefined,
    markForLetter(LETTERS[0]!),
    '2026-12-07T05:00:00.000Z',
    'teacher-a',
  );
  const late = recordMark(undefined, PRESENT, '2026-12-07T05:03:00.000Z', 'teacher-b');

  it('the mark recorded later wins and the other is kept in the history', () => {
    const merged = mergeAttendance(early, late);
    expect(merged.status).toBe('present');
    expect(merged.recordedBy).toBe('teacher-b');
    expect(merged.history).toEqual([
      expect.objectContaining({ status: 'absent', recordedBy: 'teacher-a' }),
    ]);
  });

  it('is commutative and idempotent, so every replica ends the same', () => {
    expect(mergeAttendance(early, late)).toEqual(mergeAttendance(late, early));
    const once = mergeAttendance(early, late);
    expect(mergeAttendance(once, late)).toEqual(once);
    expect(mergeAttendance(once, early)).toEqual(once);
  });

  it('breaks a tie on time by author, the same way everywhere', () => {
    const a = recordMark(undefined, PRESENT, '2026-12-07T05:00:00.000Z', 'a');
    const b = recordMark(undefined, markForLetter(LETTERS[3]!), '2026-12-07T05:00:00.000Z', 'b');
    expect(mergeAttendance(a, b)).toEqual(mergeAttendance(b, a));
    expect(mergeAttendance(a, b).recordedBy).toBe('b');
  });

  it('keeps two corrections made offline on two devices, each with its why', () => {
    const base = recordMark(undefined, markForLetter(LETTERS[0]!), '2026-12-07T05:00:00.000Z', 'a');
    const one = recordMark(
      base,
      markForLetter(LETTERS[1]!),
      '2026-12-08T06:00:00.000Z',
      'a',
      'Справка',
    );
    const two = recordMark(
      base,
      markForLetter(LETTERS[2]!),
      '2026-12-08T07:00:00.000Z',
      'b',
      'Заявление',
    );
    const merged = mergeAttendance(one, two);
    expect(merged).toEqual(mergeAttendance(two, one));
    expect(merged).toMatchObject({ recordedBy: 'b', why: 'Заявление' });
    expect(merged.history.map((entry) => [entry.recordedBy, entry.why])).toEqual([
      ['a', undefined],
      ['a', 'Справка'],
    ]);
  });

  it('keeps entries of one moment that differ only in their why, in one order', () => {
    const base = recordMark(undefined, PRESENT, '2026-12-07T05:00:00.000Z', 'a');
    const x = {
      ...base,
      history: [
        { ...markForLetter(LETTERS[0]!), recordedAt: base.recordedAt, recordedBy: 'c', why: 'x' },
      ],
    };
    const y = {
      ...base,
      history: [
        { ...markForLetter(LETTERS[0]!), recordedAt: base.recordedAt, recordedBy: 'c', why: 'y' },
      ],
    };
    expect(mergeAttendance(x, y)).toEqual(mergeAttendance(y, x));
    expect(mergeAttendance(x, y).history).toHaveLength(2);
  });
});
