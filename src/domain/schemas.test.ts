import { describe, expect, it } from 'vitest';
import { attendanceId, receiptId } from './envelope';
import { MAX_ABSENCE_DAYS, MAX_MEDIA_BYTES, validateDoc } from './schemas';

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

describe('validateDoc for what families send and what notes carry', () => {
  const family = {
    schoolId: 's',
    classIds: ['c'],
    pupilId: 'p1',
    audience: 'family',
    updatedAt: '2026-12-07T05:00:00.000Z',
    updatedBy: 'g',
  };
  const notice = {
    ...family,
    _id: 'absence:a1',
    type: 'absence',
    date: '2026-12-08',
    body: { from: '2026-12-08', to: '2026-12-09', reason: 'illness', evidence: 'parent-note' },
  };
  const receipt = {
    ...family,
    _id: receiptId('note:n1', 'g1'),
    type: 'receipt',
    personId: 'g1',
    body: { noteId: 'note:n1', readAt: '2026-12-07T05:00:00.000Z' },
  };
  const photo = {
    ...family,
    _id: 'media:m1',
    type: 'media',
    body: { kind: 'photo', mime: 'image/jpeg', data: 'AAAA', bytes: 3, parentId: 'absence:a1' },
  };

  it('accepts an absence notice, a receipt and a photo', () => {
    for (const doc of [notice, receipt, photo])
      expect(validateDoc(doc)).toMatchObject({ ok: true });
  });

  it('accepts minutes without free text, and a recording with its codec named', () => {
    const minutes = {
      ...family,
      _id: 'note:n2',
      type: 'note',
      pupilId: undefined,
      audience: 'class-families',
      body: {
        kind: 'minutes',
        text: '',
        minutes: {
          present: 21,
          of: 30,
          agenda: ['Экскурсия'],
          heard: 'Слушали',
          decided: 'Решили',
        },
        media: ['media:m2'],
      },
    };
    expect(validateDoc(minutes)).toMatchObject({ ok: true });
    const audio = {
      ...photo,
      body: { ...photo.body, kind: 'audio', mime: 'audio/webm;codecs=opus' },
    };
    expect(validateDoc(audio)).toMatchObject({ ok: true });
  });

  const broken: [string, object, RegExp][] = [
    [
      'a notice ending before it starts',
      { ...notice, body: { ...notice.body, to: '2026-12-01' } },
      /before the first/,
    ],
    [
      'a notice for a term',
      { ...notice, body: { ...notice.body, to: '2027-05-30' } },
      new RegExp(`at most ${MAX_ABSENCE_DAYS} days`),
    ],
    [
      'a notice to all families',
      { ...notice, audience: 'class-families' },
      /a document of type absence may have audience family/,
    ],
    ['a receipt under another id', { ...receipt, _id: 'receipt:n9:g1' }, /receipt:<note uuid>/],
    ['a receipt without its reader', { ...receipt, personId: undefined }, /personId/],
    [
      'an empty note',
      { ...notice, type: 'note', _id: 'note:n3', body: { text: ' ' } },
      /needs text/,
    ],
    [
      'a photo that is a program',
      { ...photo, body: { ...photo.body, mime: 'application/x-msdownload' } },
      /photo is image\/jpeg/,
    ],
    [
      'a photo with a smuggled second type',
      { ...photo, body: { ...photo.body, mime: 'image/png;text/html' } },
      /with at most a codecs parameter/,
    ],
    [
      'a recording with a parameter other than codecs',
      { ...photo, body: { ...photo.body, kind: 'audio', mime: 'audio/webm;charset=utf-8' } },
      /with at most a codecs parameter/,
    ],
    ['a photo that is not base64', { ...photo, body: { ...photo.body, data: '<svg>' } }, /base64/],
    [
      'a photo over the size limit',
      { ...photo, body: { ...photo.body, bytes: MAX_MEDIA_BYTES + 1 } },
      /body\.bytes/,
    ],
    [
      'a photo whose size is not that of its data',
      { ...photo, body: { ...photo.body, data: 'AAA=' } },
      /length of data decoded/,
    ],
    [
      "a photo without its bytes (a device's copy in memory)",
      { ...photo, body: { ...photo.body, data: '' } },
      /length of data decoded/,
    ],
  ];
  for (const [name, doc, reason] of broken) {
    it(`refuses ${name}, saying what is wrong`, () => {
      const result = validateDoc(doc);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }
});
