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
}

/** The audiences a guardian reads when the document is about one of their own children. */
const FAMILY_AUDIENCES = new Set(['family', 'class-families', 'school']);

/** True when the person may read this version of the document. */
export function canRead(scope: Scope, doc: Envelope): boolean {
  if (doc.schoolId !== scope.schoolId) return false;
  if (scope.admin || doc.audience === 'school') return true;

  if (scope.staff) {
    if (doc.classIds.some((classId) => scope.classes.has(classId))) return true;
    if (doc.classIds.length === 0 && doc.audience === 'staff') return true;
  }

  if (doc.pupilId !== undefined) {
    return scope.children.has(doc.pupilId) && FAMILY_AUDIENCES.has(doc.audience);
  }
  return (
    doc.audience === 'class-families' &&
    doc.classIds.some((classId) => scope.childClasses.has(classId))
  );
}

/** Types a class teacher writes for their own classes. */
const CLASS_TEACHER_TYPES: ReadonlySet<DocType> = new Set(['event', 'attendance', 'note']);

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
