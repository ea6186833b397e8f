import { describe, expect, it } from 'vitest';
import type { HomeroomDoc } from './envelope';
import {
  absencesOn,
  childrenOf,
  groupEvents,
  marksOf,
  markWords,
  pupilsOf,
  sortedClasses,
  type DocOf,
} from './queries';

function doc(
  partial: Partial<HomeroomDoc> & Pick<HomeroomDoc, '_id' | 'type' | 'body'>,
): HomeroomDoc {
  return {
    schoolId: 's',
    classIds: [],
    audience: 'staff',
    updatedAt: '2026-09-01T00:00:00.000Z',
    updatedBy: 'x',
    ...partial,
  };
}

function mapOf(...docs: HomeroomDoc[]): Map<string, HomeroomDoc> {
  return new Map(docs.map((d) => [d._id, d]));
}

const pupil = (id: string, lastName: string, firstName: string, classId = 'c1') =>
  doc({
    _id: `pupil:${id}`,
    type: 'pupil',
    pupilId: id,
    classIds: [classId],
    body: { lastName, firstName },
  });

describe('queries', () => {
  it('sorts pupils with the Russian collator, Ё with Е', () => {
    const docs = mapOf(
      pupil('1', 'Ёлкин', 'А'),
      pupil('2', 'Егоров', 'Б'),
      pupil('3', 'Жуков', 'В'),
      pupil('4', 'Абрамов', 'Г', 'c2'),
    );
    expect(pupilsOf(docs, ['c1']).map((p) => p.body.lastName)).toEqual([
      'Егоров',
      'Ёлкин',
      'Жуков',
    ]);
  });

  it('sorts classes by grade then letter', () => {
    const cls = (id: string, grade: number, letter: string) =>
      doc({
        _id: `class:${id}`,
        type: 'class',
        classIds: [id],
        body: { name: `${grade}${letter}`, grade, letter },
      });
    const docs = mapOf(cls('a', 10, 'Б'), cls('b', 2, 'А'), cls('c', 10, 'А'));
    expect(sortedClasses(docs).map((c) => c.body.name)).toEqual(['2А', '10А', '10Б']);
  });

  it('finds a guardian’s children from guardianships only', () => {
    const docs = mapOf(
      pupil('1', 'Б', 'Б'),
      pupil('2', 'А', 'А'),
      pupil('3', 'В', 'В'),
      doc({ _id: 'g1', type: 'guardianship', pupilId: '1', personId: 'me', body: {} }),
      doc({ _id: 'g2', type: 'guardianship', pupilId: '2', personId: 'me', body: {} }),
      doc({ _id: 'g3', type: 'guardianship', pupilId: '3', personId: 'other', body: {} }),
    );
    expect(childrenOf(docs, 'me').map((p) => p.pupilId)).toEqual(['2', '1']);
  });

  it('lists marks newest first with their events', () => {
    const ev = (id: string, date: string) =>
      doc({ _id: `event:${id}`, type: 'event', date, body: { title: id, status: 'planned' } });
    const att = (eventId: string, date: string) =>
      doc({
        _id: `att:${eventId}:1`,
        type: 'attendance',
        eventId,
        pupilId: '1',
        date,
        body: { status: 'present' },
      });
    const docs = mapOf(
      ev('e1', '2026-09-01'),
      ev('e2', '2026-09-08'),
      att('e1', '2026-09-01'),
      att('e2', '2026-09-08'),
    );
    expect(marksOf(docs, '1').map((row) => row.event?.body.title)).toEqual(['e2', 'e1']);
  });

  it('groups events around today', () => {
    const ev = (date: string) => ({ date }) as DocOf<'event'>;
    const groups = groupEvents(
      [ev('2026-09-01'), ev('2026-09-02'), ev('2026-09-07'), ev('2026-09-09')],
      '2026-09-07',
    );
    expect(groups.today).toHaveLength(1);
    expect(groups.upcoming).toHaveLength(1);
    expect(groups.past.map((e) => e.date)).toEqual(['2026-09-02', '2026-09-01']);
  });

  it('describes marks in the words a family reads', () => {
    const base = { reason: 'unknown', evidence: 'none', excused: false } as const;
    expect(markWords({ ...base, status: 'absent', reason: 'illness', excused: true })).toBe('ill');
    expect(markWords({ ...base, status: 'absent' })).toBe('unexcused');
    expect(markWords({ ...base, status: 'absent', excused: true })).toBe('excused');
    expect(markWords({ ...base, status: 'late' })).toBe('late');
    expect(markWords({ ...base, status: 'present' })).toBe('present');
  });
});

describe('absencesOn', () => {
  it('lists each absent pupil of the day once, by class', () => {
    const att = (eventId: string, pupilId: string, status: string, classId: string) =>
      doc({
        _id: `att:${eventId}:${pupilId}`,
        type: 'attendance',
        eventId,
        pupilId,
        classIds: [classId],
        date: '2026-09-07',
        body: { status, recordedAt: `2026-09-07T0${eventId.length}:00:00.000Z` },
      });
    const cls = (id: string, grade: number) =>
      doc({
        _id: `class:${id}`,
        type: 'class',
        classIds: [id],
        body: { name: id, grade, letter: 'А' },
      });
    const docs = mapOf(
      cls('c10', 10),
      cls('c2', 2),
      att('e1', 'p1', 'absent', 'c10'),
      att('e22', 'p1', 'absent', 'c10'),
      att('e1', 'p2', 'present', 'c10'),
      att('e1', 'p3', 'absent', 'c2'),
    );
    const rows = absencesOn(docs, '2026-09-07');
    expect(rows.map((row) => row.attendance._id)).toEqual(['att:e1:p3', 'att:e22:p1']);
  });
});
