/**
 * Routing at write time: every document version is routed to channels derived from its envelope,
 * and every person reads a set of channels derived from their scope. A person may read a document
 * exactly when the two sets meet; `channels.test.ts` checks that this agrees with `canRead`.
 */
import type { Scope } from './access';
import type { Envelope } from './envelope';

/** Every channel names its school, so ids of another school can never route into this one. */
export type Channel = string;

/** The audiences that reach a pupil's family when the document is about that pupil. */
const FAMILY_AUDIENCES = new Set(['family', 'class-families', 'school']);

/** Types that are a pupil's own: their record, their plans and their requests. */
const OWN_TYPES = new Set(['pupil', 'plan', 'request']);

/** The channels one version of a document is routed to. */
export function channelsOf(doc: Envelope): Channel[] {
  const school = doc.schoolId;
  const channels = [`all:${school}`];
  if (doc.audience === 'school') channels.push(`school:${school}`);
  for (const classId of doc.classIds) channels.push(`class:${school}:${classId}`);
  if (doc.classIds.length === 0 && doc.audience === 'staff') channels.push(`staff:${school}`);

  if (doc.pupilId !== undefined) {
    if (FAMILY_AUDIENCES.has(doc.audience)) channels.push(`pupil:${school}:${doc.pupilId}`);
    if (OWN_TYPES.has(doc.type)) channels.push(`self:${school}:${doc.pupilId}`);
  } else if (doc.audience === 'class-families') {
    for (const classId of doc.classIds) channels.push(`families:${school}:${classId}`);
  } else if (doc.audience === 'pupils') {
    for (const classId of doc.classIds) channels.push(`pupils:${school}:${classId}`);
  }

  if (doc.type === 'pupil') {
    for (const classId of doc.classIds) channels.push(`roster:${school}:${classId}`);
  }
  if (doc.type === 'class') channels.push(`classes:${school}`);
  if ((doc.type === 'event' || doc.type === 'attendance') && doc.eventId !== undefined) {
    channels.push(`event:${school}:${doc.eventId}`);
  }
  return channels;
}

/** The channels a person reads. The administration reads the whole school's channel. */
export function channelsFor(scope: Scope): Channel[] {
  const school = scope.schoolId;
  if (scope.admin) return [`all:${school}`];
  const channels = [`school:${school}`];
  if (scope.staff) {
    channels.push(`staff:${school}`, `classes:${school}`);
    for (const classId of scope.classes) channels.push(`class:${school}:${classId}`);
    for (const classId of new Set([...scope.teaches, ...(scope.leadsIn ?? [])])) {
      channels.push(`roster:${school}:${classId}`);
    }
    for (const eventId of scope.leads) channels.push(`event:${school}:${eventId}`);
  }
  for (const pupilId of scope.children) channels.push(`pupil:${school}:${pupilId}`);
  for (const classId of scope.childClasses) channels.push(`families:${school}:${classId}`);
  if (scope.self) {
    channels.push(`self:${school}:${scope.self.pupilId}`);
    if (scope.self.classId) channels.push(`pupils:${school}:${scope.self.classId}`);
  }
  return channels;
}
