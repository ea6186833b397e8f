import { describe, expect, it } from 'vitest';
import type { AttendanceBody } from '../domain/attendance';
import { ofType, pupilsOf } from '../domain/queries';
import { validateDoc } from '../domain/schemas';
import { demoSchool } from './demoSchool';
import { schoolDays, schoolYearOfRollCalls, stableUuid } from './schoolYear';

const NOT_AFTER = '2026-12-04T00:00:00.000Z';

function input() {
  const demo = demoSchool();
  return {
    school: demo.school,
    grade: 10,
    classId: demo.classId,
    pupils: pupilsOf(demo.docs, [demo.classId]),
    planEvents: ofType(demo.docs, 'event').filter((e) => e.classIds.includes(demo.classId)),
    teacherId: 'teacher-1',
    notAfter: NOT_AFTER,
  };
}

describe('school days', () => {
  const { school } = demoSchool();

  it('are the weekdays of the school year outside the holidays', () => {
    const days = schoolDays(school, 10);
    expect(days[0]).toBe('2026-09-01');
    expect(days.at(-1)).toBe('2027-05-26');
    for (const day of days) {
      expect([0, 6]).not.toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
    expect(days).not.toContain('2026-10-26');
    expect(days).not.toContain('2027-01-11');
    expect(days).toContain('2027-01-12');
    expect(days).toContain('2027-02-15');
    // 192 weekdays from 1 September to 26 May; the three holidays take 7, 9 and 6 of them.
    expect(days).toHaveLength(192 - 7 - 9 - 6);
  });

  it('leave out the holidays of the grades they are for only', () => {
    const first = schoolDays(school, 1);
    expect(first).not.toContain('2027-02-15');
    expect(first).toHaveLength(schoolDays(school, 10).length - 5);
  });
});

describe('a school year of roll calls', () => {
  it('is valid, with one mark per pupil at every event, and the same every time', () => {
    const year = input();
    const docs = schoolYearOfRollCalls(year);
    for (const doc of docs) {
      const check = validateDoc(doc);
      expect(check.ok ? '' : `${doc._id}: ${check.reason}`).toBe('');
    }
    const events = docs.filter((doc) => doc.type === 'event');
    const marks = docs.filter((doc) => doc.type === 'attendance');
    expect(events).toHaveLength(schoolDays(year.school, 10).length + year.planEvents.length);
    expect(marks).toHaveLength(events.length * year.pupils.length);
    expect(new Set(docs.map((doc) => doc._id)).size).toBe(docs.length);
    expect(schoolYearOfRollCalls(input())).toEqual(docs);
  });

  it('marks the plan events held, keeping their revisions, and records nothing in the future', () => {
    const year = input();
    const planned = year.planEvents.map((event) => ({ ...event, _rev: '1-abc' }));
    const docs = schoolYearOfRollCalls({ ...year, planEvents: planned });
    const held = docs.filter((doc) => planned.some((event) => event._id === doc._id));
    expect(held).toHaveLength(planned.length);
    for (const event of held) {
      expect(event._rev).toBe('1-abc');
      expect((event.body as { status: string }).status).toBe('held');
    }
    for (const doc of docs) {
      expect(doc.updatedAt <= NOT_AFTER).toBe(true);
      if (doc.type === 'attendance') {
        expect((doc.body as AttendanceBody).recordedAt <= NOT_AFTER).toBe(true);
      }
    }
  });

  it('has the marks of a real class: mostly present, some absent, ill or late', () => {
    const marks = schoolYearOfRollCalls(input())
      .filter((doc) => doc.type === 'attendance')
      .map((doc) => doc.body as AttendanceBody);
    const share = (test: (mark: AttendanceBody) => boolean) =>
      marks.filter(test).length / marks.length;
    expect(share((mark) => mark.status === 'present')).toBeGreaterThan(0.85);
    expect(share((mark) => mark.reason === 'illness')).toBeGreaterThan(0.02);
    expect(share((mark) => mark.status === 'late')).toBeGreaterThan(0.01);
    expect(share((mark) => mark.history.length > 0)).toBeGreaterThan(0);
  });
});

describe('stable uuids', () => {
  it('depend on the text only, and differ between texts', () => {
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
    expect(stableUuid('a')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const many = new Set(Array.from({ length: 10_000 }, (_, i) => stableUuid(`event:${i}`)));
    expect(many.size).toBe(10_000);
  });
});
