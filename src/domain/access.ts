/**
 * Who may read and write what, decided from a document's envelope alone. The server applies these
 * rules to every request; the browser uses the same rules only to explain, never to enforce.
 */
import type { DocType, Envelope } from './envelope';

/** What a signed-in person may see, derived from their account and the grant documents. */
export interface Scope {
  schoolId: string;
  personId: string;
  /** The school's administration: reads and writes everything of the school. */
  admin: boolean;
  /** A member of staff (administration, class or subject teacher). */
  staff: boolean;
  /** Classes this person leads as class teacher. */
  classes: ReadonlySet<string>;
  /** Pupils this person is a guardian of. */
  children: ReadonlySet<string>;
  /** The classes of those pupils. */
  childClasses: ReadonlySet<string>;
  /** Classes this person teaches a subject in: they read those classes' roster (names only). */
  teaches: ReadonlySet<string>;
  /** Events this person leads: they read them and the marks at them, and take their roll. */
  leads: ReadonlySet<string>;
  /**
   * Classes of the events this person leads (a substitute's, say): they read those classes'
   * roster, names only, to take the roll. Left out, none.
   */
  leadsIn?: ReadonlySet<string> | undefined;
  /** For a pupil's own account: the pupil, and their class. */
  self?: { pupilId: string; classId: string | undefined } | undefined;
}

/** The audiences a guardian reads when the document is about one of their own children. */
const FAMILY_AUDIENCES = new Set(['family', 'class-families', 'school']);

/** Types that are a pupil's own: their record, their plans and their requests. */
const OWN_TYPES = new Set(['pupil', 'plan', 'request']);

/** True when the person may read this version of the document. */
export function canRead(scope: Scope, doc: Envelope): boolean {
  if (doc.schoolId !== scope.schoolId) return false;
  if (scope.admin || doc.audience === 'school') return true;
  return (
    (scope.staff && staffReads(scope, doc)) || familyReads(scope, doc) || pupilReads(scope, doc)
  );
}

function staffReads(scope: Scope, doc: Envelope): boolean {
  // A class's name is not personal: staff read the school's list of classes (to tell a class
  // that does not exist from another teacher's, or to name the class of an event they lead).
  if (doc.type === 'class') return true;
  if (doc.classIds.some((classId) => scope.classes.has(classId))) return true;
  if (doc.classIds.length === 0 && doc.audience === 'staff') return true;
  // A subject teacher: the roster of the classes they teach; a substitute, of the classes of the
  // events they lead; and the events they lead.
  const roster = (classId: string) =>
    scope.teaches.has(classId) || scope.leadsIn?.has(classId) === true;
  if (doc.type === 'pupil' && doc.classIds.some(roster)) return true;
  return (
    (doc.type === 'event' || doc.type === 'attendance') &&
    doc.eventId !== undefined &&
    scope.leads.has(doc.eventId)
  );
}

function familyReads(scope: Scope, doc: Envelope): boolean {
  if (doc.pupilId !== undefined) {
    return scope.children.has(doc.pupilId) && FAMILY_AUDIENCES.has(doc.audience);
  }
  return (
    doc.audience === 'class-families' &&
    doc.classIds.some((classId) => scope.childClasses.has(classId))
  );
}

function pupilReads(scope: Scope, doc: Envelope): boolean {
  if (!scope.self) return false;
  if (doc.pupilId !== undefined) {
    return doc.pupilId === scope.self.pupilId && OWN_TYPES.has(doc.type);
  }
  const classId = scope.self.classId;
  return doc.audience === 'pupils' && classId !== undefined && doc.classIds.includes(classId);
}

/** Types a class teacher writes for their own classes. */
const CLASS_TEACHER_TYPES: ReadonlySet<DocType> = new Set([
  'event',
  'attendance',
  'note',
  'achievement',
  'media',
  'absence',
]);

/**
 * Types a guardian writes about their own child: an absence notice, the photo of a certificate
 * that goes with it, and their read receipts.
 */
const FAMILY_TYPES: ReadonlySet<DocType> = new Set(['absence', 'media', 'receipt']);

export type WriteDecision = { ok: true } | { ok: false; reason: string };

/**
 * True when the person may write this version of the document. A write is allowed only when both
 * the new version and the one it replaces pass, so nothing can be moved out of or into a scope.
 */
export function canWrite(scope: Scope, doc: Envelope): WriteDecision {
  if (doc.schoolId !== scope.schoolId) {
    return { ok: false, reason: 'the document belongs to another school' };
  }
  if (scope.admin) return { ok: true };
  // An event's history is the record families read (src/domain/eventHistory.ts); deleting the
  // event would take the history with it. It is cancelled, with a reason, instead.
  if (doc.type === 'event' && doc._deleted) {
    return {
      ok: false,
      reason:
        'an event is cancelled with a reason, not deleted; only the administration deletes one',
    };
  }
  if (scope.self && (doc.type === 'plan' || doc.type === 'request')) return pupilWrites(scope, doc);
  if (writesAsFamily(scope, doc)) return familyWrites(scope, doc);
  if (scope.staff && doc.type === 'attendance' && doc.eventId !== undefined) {
    if (scope.leads.has(doc.eventId)) return { ok: true };
  }
  if (writesAsLeader(scope, doc)) return { ok: true };

  if (!scope.staff && FAMILY_TYPES.has(doc.type) && scope.children.size > 0) {
    return { ok: false, reason: 'the pupil (pupilId) is not your child' };
  }
  if (!scope.staff || !CLASS_TEACHER_TYPES.has(doc.type)) {
    return { ok: false, reason: `your role may not write documents of type "${doc.type}"` };
  }
  if (scope.classes.size === 0) {
    return { ok: false, reason: 'only the class teacher or the administration may write this' };
  }
  if (doc.classIds.length === 0) {
    return { ok: false, reason: 'school-wide documents are written by the administration' };
  }
  const foreign = doc.classIds.find((classId) => !scope.classes.has(classId));
  if (foreign !== undefined) {
    return { ok: false, reason: `class ${foreign} is not one of your classes` };
  }
  return { ok: true };
}

/**
 * True when the person may replace (or delete) this stored version, beyond what
 * {@link canWrite} says of it. A family may write about their child, but the school's own records
 * about that child (the class teacher's absence record, a photo for the family) are not theirs to
 * rewrite: a family replaces only a version one of them wrote, that is the writer or another
 * guardian of the same child, as both read and correct the family's notices.
 *
 * `guardiansOf` names a pupil's guardians; it is asked only for a family's write.
 */
export function canReplace(
  scope: Scope,
  previous: Envelope,
  guardiansOf: (pupilId: string) => ReadonlySet<string>,
): WriteDecision {
  if (scope.admin || !writesAsFamily(scope, previous) || previous.pupilId === undefined) {
    return { ok: true };
  }
  const byFamily =
    previous.updatedBy === scope.personId || guardiansOf(previous.pupilId).has(previous.updatedBy);
  return byFamily
    ? { ok: true }
    : {
        ok: false,
        reason: `this ${previous.type} was written by the school; a family changes only what the family wrote`,
      };
}

/**
 * True when a member of staff writes an event they lead (a substitute's) but could not write as its
 * class teacher. canWrite lets it through; the server then allows only marking it held
 * (src/domain/eventHistory.ts, `checkLeaderChange`): the substitute conducted it, and the plan
 * stays the class teacher's.
 */
export function writesAsLeader(scope: Scope, doc: Envelope): boolean {
  return (
    scope.staff &&
    !scope.admin &&
    doc.type === 'event' &&
    doc.eventId !== undefined &&
    scope.leads.has(doc.eventId) &&
    !doc.classIds.every((classId) => scope.classes.has(classId))
  );
}

/** True when canWrite judges a write of this document by the family rules. */
function writesAsFamily(scope: Scope, doc: Envelope): boolean {
  return FAMILY_TYPES.has(doc.type) && doc.pupilId !== undefined && scope.children.has(doc.pupilId);
}

/** A pupil writes their own plans and requests, in their own class, and nothing else. */
function pupilWrites(scope: Scope, doc: Envelope): WriteDecision {
  const self = scope.self;
  const own =
    self !== undefined &&
    doc.pupilId === self.pupilId &&
    doc.classIds.length === 1 &&
    doc.classIds[0] === self.classId;
  return own
    ? { ok: true }
    : { ok: false, reason: 'a pupil writes only their own plans and requests' };
}

/**
 * A guardian writes only to their own family: the document is about their child and read by the
 * child's family and staff. A receipt is always the reader's own.
 */
function familyWrites(scope: Scope, doc: Envelope): WriteDecision {
  if (doc.audience !== 'family') {
    return { ok: false, reason: 'a family writes only documents addressed to the family' };
  }
  if (doc.type === 'receipt' && doc.personId !== scope.personId) {
    return { ok: false, reason: 'a receipt is written by its reader only' };
  }
  return { ok: true };
}
