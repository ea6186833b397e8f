/**
 * The plaintext envelope every synced document carries. The server decides access from these
 * fields alone; everything personal lives in `body`.
 */

/** Every document type Homeroom syncs. */
export const DOC_TYPES = [
  'school',
  'class',
  'pupil',
  'profile',
  'guardian',
  'staff',
  'guardianship',
  'assignment',
  'teaching',
  'event',
  'attendance',
  'note',
  'plan',
  'request',
  'achievement',
  'media',
  'absence',
  'receipt',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/**
 * Who beyond the staff in scope may read a document.
 * - `staff`: administration and the staff of the document's classes (all staff when it has none).
 * - `family`: as staff, plus the guardians of the document's pupil.
 * - `class-families`: as staff, plus the guardians of every pupil of the document's classes.
 * - `pupils`: as staff, plus the pupils of the document's classes.
 * - `school`: everyone of the school.
 */
export const AUDIENCES = ['staff', 'family', 'class-families', 'pupils', 'school'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The routing fields of a document: opaque ids and a date, never a name. */
export interface Envelope {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  type: DocType;
  schoolId: string;
  /** Classes the document belongs to; an event may belong to several. */
  classIds: string[];
  pupilId?: string;
  eventId?: string;
  /**
   * The person a grant document gives access to (the guardian of a guardianship, the teacher of an
   * assignment or a teaching assignment, the teacher who leads an event), or the person a guardian
   * or staff record describes.
   */
  personId?: string;
  audience: Audience;
  /** The school's local date, YYYY-MM-DD, where the record has one. */
  date?: string;
  updatedAt: string;
  /** The person id of whoever wrote this version; set by the server. */
  updatedBy: string;
}

/** A whole document: the envelope plus its type's body. */
export interface HomeroomDoc<B = unknown> extends Envelope {
  body: B;
}

/** Envelope fields a device may keep in clear; everything else is encrypted. */
export const CLEAR_ENVELOPE_FIELDS = [
  '_id',
  '_rev',
  '_deleted',
  'type',
  'schoolId',
  'classIds',
  'pupilId',
  'eventId',
  'personId',
  'audience',
  'date',
  'updatedAt',
  'updatedBy',
] as const;

/** Deterministic id of the one attendance record of a pupil at an event. */
export function attendanceId(eventId: string, pupilId: string): string {
  return `att:${eventId}:${pupilId}`;
}

/**
 * Deterministic id of a person's read receipt of a note: one per reader and note, so a second
 * tap on «Прочитано» on another device is the same document, not a second receipt.
 */
export function receiptId(noteId: string, personId: string): string {
  return `receipt:${uuidOf(noteId)}:${personId}`;
}

/** A document id of the form `<type>:<uuid>`; identity that is not natural is random. */
export function docId(type: DocType, uuid: string): string {
  return `${type}:${uuid}`;
}

/** The uuid part of an id made by {@link docId}. */
export function uuidOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
