import { describe, expect, it } from 'vitest';
import {
  letterForMark,
  markForLetter,
  mergeAttendance,
  PRESENT,
  recordMark,
  type AttendanceLetter,
} from './attendance';

/** The demo school's letters, as school.json gives them. */
const LETTERS: AttendanceLetter[] = [
  { letter: 'н', status: 'absent', excused: false, meaning: 'без уважительной причины' },
  { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: 'болел' },
  { letter: 'у', status: 'absent', excused: true, meaning: 'по уважительной причине' },
  { letter: 'оп', status: 'late', meaning: 'опоздал' },
];

describe('letters', () => {
  it('every letter maps to a mark that maps back to the same letter', () => {
    for (const letter of LETTERS) {
      expect(letterForMark(LETTERS, markForLetter(letter))?.letter).toBe(letter.letter);
    }
  });

  it('present has no letter, and the most specific letter wins', () => {
    expect(letterForMark(LETTERS, PRESENT)).toBeUndefined();
    const ill = {
      status: 'absent',
      reason: 'illness',
      evidence: 'medical',
      excused: true,
    } as const;
    expect(letterForMark(LETTERS, ill)?.letter).toBe('б');
    const family = {
      status: 'absent',
      reason: 'family',
      evidence: 'parent-note',
      excused: true,
    } as const;
    expect(letterForMark(LETTERS, family)?.letter).toBe('у');
  });
});

describe('recordMark', () => {
  it('keeps the replaced mark in the history', () => {
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
      't1',
    );
    expect(corrected.reason).toBe('illness');
    expect(corrected.history).toHaveLength(1);
    expect(corrected.history[0]).toMatchObject({
      status: 'absent',
      excused: false,
      recordedAt: '2026-12-07T05:00:00.000Z',
    });
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
});
