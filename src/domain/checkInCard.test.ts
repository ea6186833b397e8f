import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_VERSION, decideCard, encodeCard, parseCard, type CheckInPlace } from './checkInCard';

const SCHOOL = '6f1c7f52-6a3e-4bb8-9d6e-0c1f3b2a9e11';
const CLASS_10B = '0a6e2f4c-1d2b-4c59-8f7a-2b3c4d5e6f70';
const CLASS_5A = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const PUPIL = 'c2d3e4f5-a6b7-4c8d-9e0f-112233445566';
const MOVED_AWAY = 'd4e5f6a7-b8c9-4d0e-8f1a-223344556677';

const card = (ids: Partial<Parameters<typeof encodeCard>[0]> = {}) =>
  encodeCard({ schoolId: SCHOOL, classId: CLASS_10B, pupilId: PUPIL, ...ids });

const tenB: CheckInPlace = { schoolId: SCHOOL, classIds: [CLASS_10B], pupilIds: new Set([PUPIL]) };

describe('a check-in card', () => {
  it('carries the version, the three ids and a check value, and no name', () => {
    const text = card();
    expect(text).toMatch(
      new RegExp(`^${CARD_VERSION}:${SCHOOL}:${CLASS_10B}:${PUPIL}:[0-9a-z]{7}$`),
    );
    expect(parseCard(text)).toEqual({
      ok: true,
      ids: { schoolId: SCHOOL, classId: CLASS_10B, pupilId: PUPIL },
    });
  });

  it('reads back whatever ids it was made of', () => {
    const idChars = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);
    fc.assert(
      fc.property(idChars, idChars, idChars, (schoolId, classId, pupilId) => {
        const ids = { schoolId, classId, pupilId };
        expect(parseCard(encodeCard(ids))).toEqual({ ok: true, ids });
      }),
    );
  });

  it('is never taken with one character changed', () => {
    const text = card();
    fc.assert(
      fc.property(
        fc.nat({ max: text.length - 1 }),
        fc.constantFrom(...'0123456789abcdef-:XZ'.split('')),
        (at, replacement) => {
          fc.pre(text[at] !== replacement);
          const changed = text.slice(0, at) + replacement + text.slice(at + 1);
          expect(decideCard(changed, tenB).ok).toBe(false);
        },
      ),
    );
  });

  it('refuses ids it could not read back, saying what an id must be', () => {
    expect(() => card({ pupilId: 'a:b' })).toThrow(/pupilId "a:b".*without ":"/);
    expect(() => card({ classId: '' })).toThrow(/classId/);
  });
});

describe('at the door', () => {
  const cases: [string, string, ReturnType<typeof decideCard>][] = [
    ["a pupil of the event's class", card(), { ok: true, pupilId: PUPIL }],
    [
      'a pupil who moved into the class, with the card of their old class',
      card({ classId: CLASS_5A }),
      { ok: true, pupilId: PUPIL },
    ],
    [
      'a card of another class',
      card({ classId: CLASS_5A, pupilId: MOVED_AWAY }),
      { ok: false, refusal: 'other-class' },
    ],
    [
      'a card of another school, even with ids of this class',
      card({ schoolId: 'another-school' }),
      { ok: false, refusal: 'other-school' },
    ],
    [
      'a card of this class for a pupil no longer on its list',
      card({ pupilId: MOVED_AWAY }),
      { ok: false, refusal: 'not-on-list' },
    ],
    ['a web address', 'https://example.com/', { ok: false, refusal: 'not-a-card' }],
    ['a card cut short', card().slice(0, -3), { ok: false, refusal: 'damaged' }],
    [
      'a hand-made card without a check value',
      `${CARD_VERSION}:${SCHOOL}:${CLASS_10B}:${PUPIL}`,
      { ok: false, refusal: 'damaged' },
    ],
    ['a card with a field too many', `${card()}:extra`, { ok: false, refusal: 'damaged' }],
  ];
  it.each(cases)('%s', (_name, text, decision) => {
    expect(decideCard(text, tenB)).toEqual(decision);
  });

  it('counts both classes of a two-class event as its own', () => {
    const both = { ...tenB, classIds: [CLASS_5A, CLASS_10B], pupilIds: new Set([PUPIL]) };
    const fiveA = card({ classId: CLASS_5A, pupilId: MOVED_AWAY });
    expect(decideCard(fiveA, both)).toEqual({ ok: false, refusal: 'not-on-list' });
    expect(decideCard(fiveA, { ...both, pupilIds: new Set([MOVED_AWAY]) })).toEqual({
      ok: true,
      pupilId: MOVED_AWAY,
    });
  });
});
