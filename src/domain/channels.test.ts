import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRead, type Scope } from './access';
import { channelsFor, channelsOf } from './channels';
import { AUDIENCES, DOC_TYPES, type Envelope } from './envelope';

const schools = ['s1', 's2'];
const classes = ['c1', 'c2', 'c3'];
const pupils = ['p1', 'p2', 'p3', 'p4'];
const events = ['e1', 'e2'];

const envelope = fc.record({
  _id: fc.constant('x'),
  type: fc.constantFrom(...DOC_TYPES),
  schoolId: fc.constantFrom(...schools),
  classIds: fc.uniqueArray(fc.constantFrom(...classes), { maxLength: 3 }),
  pupilId: fc.option(fc.constantFrom(...pupils), { nil: undefined }),
  eventId: fc.option(fc.constantFrom(...events), { nil: undefined }),
  audience: fc.constantFrom(...AUDIENCES),
  updatedAt: fc.constant('2026-12-07T05:00:00.000Z'),
  updatedBy: fc.constant('x'),
}) satisfies fc.Arbitrary<Envelope>;

const scope = fc.record({
  schoolId: fc.constantFrom(...schools),
  personId: fc.constant('me'),
  admin: fc.boolean(),
  staff: fc.boolean(),
  classes: fc.uniqueArray(fc.constantFrom(...classes)).map((ids) => new Set(ids)),
  children: fc.uniqueArray(fc.constantFrom(...pupils)).map((ids) => new Set(ids)),
  childClasses: fc.uniqueArray(fc.constantFrom(...classes)).map((ids) => new Set(ids)),
  teaches: fc.uniqueArray(fc.constantFrom(...classes)).map((ids) => new Set(ids)),
  leads: fc.uniqueArray(fc.constantFrom(...events)).map((ids) => new Set(ids)),
  leadsIn: fc.option(
    fc.uniqueArray(fc.constantFrom(...classes)).map((ids) => new Set(ids)),
    { nil: undefined },
  ),
  self: fc.option(
    fc.record({
      pupilId: fc.constantFrom(...pupils),
      classId: fc.option(fc.constantFrom(...classes), { nil: undefined }),
    }),
    { nil: undefined },
  ),
}) satisfies fc.Arbitrary<Scope>;

describe('channels', () => {
  it('a person reads a document exactly when their channels meet its channels', () => {
    fc.assert(
      fc.property(scope, envelope, (who, doc) => {
        const mine = new Set(channelsFor(who));
        const meets = channelsOf(doc).some((channel) => mine.has(channel));
        expect(meets).toBe(canRead(who, doc));
      }),
      { numRuns: 5000 },
    );
  });
});
