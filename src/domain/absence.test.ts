import { describe, expect, it } from 'vitest';
import {
  likelyFirstDay,
  coveredEvents,
  noticeCovers,
  noticeDatesProblem,
  noticesFor,
  noticeState,
  suggestedMark,
  suggestionFor,
  type Notice,
} from './absence';
import { PRESENT, type AttendanceLetter, type Mark } from './attendance';
import { attendanceId, type HomeroomDoc } from './envelope';
import type { DocOf } from './queries';
import { validateDoc, type AbsenceBody } from './schemas';

const CLASS = 'c10b';
const PUPIL = 'p1';

/** The demo school's letters: «б» is an excused illness, whatever the evidence. */
const LETTERS: AttendanceLetter[] = [
  { letter: 'н', status: 'absent', excused: false, meaning: 'без уважительной причины' },
  { letter: 'б', status: 'absent', reason: 'illness', excused: true, meaning: 'болел' },
  { letter: 'у', status: 'absent', excused: true, meaning: 'по уважительной причине' },
];
const policy = { attendanceLetters: LETTERS };

function notice(
  uuid: string,
  body: Partial<AbsenceBody>,
  envelope: Partial<HomeroomDoc> = {},
): Notice {
  return {
    _id: `absence:${uuid}`,
    type: 'absence',
    schoolId: 's',
    classIds: [CLASS],
    pupilId: PUPIL,
    audience: 'family',
    date: body.from ?? '2026-12-08',
    updatedAt: '2026-12-07T18:00:00.000Z',
    updatedBy: 'mum',
    ...envelope,
    body: {
      from: '2026-12-08',
      to: '2026-12-08',
      reason: 'illness',
      evidence: 'parent-note',
      ...body,
    },
  };
}

function event(uuid: string, date: string, status: 'planned' | 'cancelled' = 'planned') {
  return {
    _id: `event:${uuid}`,
    type: 'event',
    schoolId: 's',
    classIds: [CLASS],
    eventId: uuid,
    audience: 'class-families',
    date,
    updatedAt: '2026-09-01T00:00:00.000Z',
    updatedBy: 'seed',
    body: { title: uuid, status },
  } satisfies DocOf<'event'>;
}

function mark(eventUuid: string, date: string, recorded: Mark): DocOf<'attendance'> {
  return {
    _id: attendanceId(eventUuid, PUPIL),
    type: 'attendance',
    schoolId: 's',
    classIds: [CLASS],
    pupilId: PUPIL,
    eventId: eventUuid,
    audience: 'family',
    date,
    updatedAt: '2026-12-08T05:00:00.000Z',
    updatedBy: 'teacher',
    body: { ...recorded, recordedAt: '2026-12-08T05:00:00.000Z', recordedBy: 't', history: [] },
  };
}

const ILL: Mark = { status: 'absent', reason: 'illness', evidence: 'parent-note', excused: true };

describe('which notices cover an event', () => {
  const span = notice('span', { from: '2026-12-08', to: '2026-12-10' });
  const cases: [string, Notice, ReturnType<typeof event>, boolean][] = [
    ['the first day of a span', span, event('e1', '2026-12-08'), true],
    ['the last day of a span', span, event('e2', '2026-12-10'), true],
    ['the day after', span, event('e3', '2026-12-11'), false],
    ['the day before', span, event('e4', '2026-12-07'), false],
    [
      'the one event a notice names, moved to another day',
      notice('one', { eventId: 'e5', from: '2026-12-08', to: '2026-12-08' }),
      event('e5', '2026-12-15'),
      true,
    ],
    [
      'another event on the day of a notice for one event',
      notice('one', { eventId: 'e5' }),
      event('e6', '2026-12-08'),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, given, at, covered) => {
    expect(noticeCovers(given, at)).toBe(covered);
  });

  it("are the pupil's own, the latest written first", () => {
    const early = notice('early', {}, { updatedAt: '2026-12-06T10:00:00.000Z' });
    const late = notice('late', { reason: 'family' }, { updatedAt: '2026-12-07T20:00:00.000Z' });
    const brother = notice('brother', {}, { pupilId: 'p2' });
    const withdrawn = { ...notice('withdrawn', {}), _deleted: true };
    const found = noticesFor([early, brother, late, withdrawn], event('e1', '2026-12-08'), PUPIL);
    expect(found.map((n) => n._id)).toEqual(['absence:late', 'absence:early']);
  });
});

describe('the roll call pre-filled from a notice', () => {
  const day = event('e1', '2026-12-08');

  it('suggests absent with the reason and evidence, excused as the school decides', () => {
    expect(suggestedMark(notice('n', {}), policy)).toEqual(ILL);
    const family = notice('n', { reason: 'family', evidence: 'parent-note' });
    expect(suggestedMark(family, policy)).toEqual({
      status: 'absent',
      reason: 'family',
      evidence: 'parent-note',
      excused: true,
    });
    const olympiad = notice('n', { reason: 'official', evidence: 'parent-note' });
    // An olympiad is excused by the school's order, not by a parent's word.
    expect(suggestedMark(olympiad, policy).excused).toBe(false);
    expect(
      suggestedMark({ ...olympiad, body: { ...olympiad.body, evidence: 'order' } }, policy),
    ).toMatchObject({ reason: 'official', evidence: 'order', excused: true });
  });

  it('shows the latest notice while the pupil has no mark', () => {
    const older = notice('a', {}, { updatedAt: '2026-12-06T10:00:00.000Z' });
    const newer = notice('b', { reason: 'family' }, { updatedAt: '2026-12-07T10:00:00.000Z' });
    const suggestion = suggestionFor([older, newer], day, PUPIL, undefined, policy);
    expect(suggestion?.notice._id).toBe('absence:b');
    expect(suggestion?.mark).toMatchObject({ status: 'absent', reason: 'family' });
  });

  it('shows nothing once the teacher recorded a mark, whatever it is', () => {
    expect(suggestionFor([notice('a', {})], day, PUPIL, PRESENT, policy)).toBeUndefined();
    expect(suggestionFor([notice('a', {})], day, PUPIL, ILL, policy)).toBeUndefined();
  });

  it('shows nothing without a notice for that pupil and day', () => {
    expect(suggestionFor([notice('a', {})], day, 'p2', undefined, policy)).toBeUndefined();
    const nextDay = event('e2', '2026-12-09');
    expect(suggestionFor([notice('a', {})], nextDay, PUPIL, undefined, policy)).toBeUndefined();
  });
});

describe('whether the teacher took a notice into the roll call', () => {
  const span = notice('span', { from: '2026-12-08', to: '2026-12-10' });
  const tuesday = event('tue', '2026-12-08');
  const thursday = event('thu', '2026-12-10');
  const cancelled = event('wed', '2026-12-09', 'cancelled');
  const outside = event('fri', '2026-12-11');
  const docsOf = (...docs: HomeroomDoc[]) => new Map(docs.map((doc) => [doc._id, doc]));

  const state = (...docs: HomeroomDoc[]) => {
    const all = docsOf(span, tuesday, thursday, cancelled, outside, ...docs);
    return noticeState(coveredEvents(all, span), span);
  };

  it('lists the events it covers, not cancelled ones, with the mark at each', () => {
    const all = docsOf(span, tuesday, thursday, cancelled, outside, mark('tue', '2026-12-08', ILL));
    expect(
      coveredEvents(all, span).map(({ event, mark }) => [event.eventId, mark?.status]),
    ).toEqual([
      ['tue', 'absent'],
      ['thu', undefined],
    ]);
  });

  it('is waiting until a covered event is marked', () => {
    expect(state()).toBe('waiting');
    expect(state(mark('fri', '2026-12-11', PRESENT))).toBe('waiting');
  });

  it('is taken when the marks so far are absences for its reason', () => {
    expect(state(mark('tue', '2026-12-08', ILL))).toBe('taken');
    const unexcused = { ...ILL, evidence: 'none', excused: false } as const;
    expect(state(mark('tue', '2026-12-08', ILL), mark('thu', '2026-12-10', unexcused))).toBe(
      'taken',
    );
  });

  it('differs when the child came or the teacher gave another reason', () => {
    expect(state(mark('tue', '2026-12-08', PRESENT))).toBe('differs');
    expect(state(mark('thu', '2026-12-10', { ...ILL, reason: 'family' }))).toBe('differs');
  });

  it('has no events when the class has none on those dates', () => {
    const all = docsOf(span, outside, cancelled);
    expect(noticeState(coveredEvents(all, span), span)).toBe('no-events');
  });
});

describe('the dates a family gives', () => {
  const cases: [string, string, string, ReturnType<typeof noticeDatesProblem>][] = [
    ['one day', '2026-12-08', '2026-12-08', undefined],
    ['sixty days, both ends included', '2026-12-01', '2027-01-29', undefined],
    ['sixty-one days', '2026-12-01', '2027-01-30', 'too-long'],
    ['a last day before the first', '2026-12-08', '2026-12-07', 'order'],
    ['no date', '', '2026-12-07', 'not-a-date'],
    ['30 February', '2027-02-30', '2027-02-30', 'not-a-date'],
  ];
  it.each(cases)('%s', (_name, from, to, problem) => {
    expect(noticeDatesProblem(from, to)).toBe(problem);
    // The form refuses exactly what the server would.
    expect(validateDoc(notice('n', { from, to })).ok).toBe(problem === undefined);
  });
});

describe('the day a notice is most likely about', () => {
  it('is today while the school day is ahead or on, tomorrow once it is over, at the school', () => {
    const moscow = 'Europe/Moscow';
    expect(likelyFirstDay(new Date('2026-12-08T04:30:00Z'), moscow)).toBe('2026-12-08');
    expect(likelyFirstDay(new Date('2026-12-08T10:59:00Z'), moscow)).toBe('2026-12-08');
    expect(likelyFirstDay(new Date('2026-12-08T11:00:00Z'), moscow)).toBe('2026-12-09');
    expect(likelyFirstDay(new Date('2026-12-24T16:30:00Z'), moscow)).toBe('2026-12-25');
    // 22:00 UTC is 08:00 the next morning in Vladivostok.
    expect(likelyFirstDay(new Date('2026-12-08T22:00:00Z'), 'Asia/Vladivostok')).toBe('2026-12-09');
  });
});
