import { describe, expect, it } from 'vitest';
import { attendanceId } from './envelope';
import { validateDoc } from './schemas';

const mark = {
  _id: attendanceId('e1', 'p1'),
  type: 'attendance',
  schoolId: 's',
  classIds: ['c'],
  pupilId: 'p1',
  eventId: 'e1',
  date: '2026-12-07',
  audience: 'family',
  updatedAt: '2026-12-07T05:00:00.000Z',
  updatedBy: 't',
  body: {
    status: 'absent',
    reason: 'illness',
    evidence: 'none',
    excused: true,
    recordedAt: '2026-12-07T05:00:00.000Z',
    recordedBy: 't',
    history: [],
  },
};

describe('validateDoc', () => {
  it('accepts a well-formed mark', () => {
    expect(validateDoc(mark)).toMatchObject({ ok: true });
  });

  const broken: [string, object, RegExp][] = [
    ['an unknown type', { ...mark, type: 'secret' }, /type/],
    ['an unknown audience', { ...mark, audience: 'everyone' }, /audience/],
    ['an impossible date', { ...mark, date: '2026-02-30' }, /date/],
    ['a mark under another id', { ...mark, _id: 'att:x:y' }, /_id must be/],
    ['a mark in two classes', { ...mark, classIds: ['c', 'd'] }, /exactly one class/],
    ['a mark without its pupil', { ...mark, pupilId: undefined }, /pupilId/],
    [
      'a status outside the model',
      { ...mark, body: { ...mark.body, status: 'gone' } },
      /body\.status/,
    ],
    ['an extra body field', { ...mark, body: { ...mark.body, diagnosis: 'x' } }, /body/],
    ['a reserved id', { ...mark, _id: '_design/x' }, /reserved|_id must be/],
    ['a mark published to the whole school', { ...mark, audience: 'school' }, /audience/],
    [
      'a note about one pupil to all families',
      { ...mark, type: 'note', _id: 'note:n1', audience: 'class-families', body: { text: 'x' } },
      /one pupil/,
    ],
    [
      'a school-wide note bound to a class',
      {
        ...mark,
        type: 'note',
        _id: 'note:n1',
        pupilId: undefined,
        audience: 'school',
        body: { text: 'x' },
      },
      /school-wide/,
    ],
    [
      'an id carrying text',
      {
        ...mark,
        type: 'note',
        _id: 'note:Иванов',
        pupilId: undefined,
        audience: 'staff',
        body: { text: 'x' },
      },
      /_id must look like/,
    ],
    [
      'an id of another type',
      {
        ...mark,
        type: 'note',
        _id: 'guardianship:x',
        pupilId: undefined,
        audience: 'staff',
        body: { text: 'x' },
      },
      /_id must look like/,
    ],
    [
      'family audience without a pupil',
      { ...mark, type: 'note', pupilId: undefined, _id: 'note:1', body: { text: 'x' } },
      /family/,
    ],
  ];
  for (const [name, doc, reason] of broken) {
    it(`refuses ${name}, saying what is wrong`, () => {
      const result = validateDoc(doc);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }

  it('accepts a deletion that keeps its envelope, whatever its body', () => {
    expect(validateDoc({ ...mark, _deleted: true, body: {} })).toMatchObject({ ok: true });
  });
});
