/**
 * Schemas of every synced document: the envelope and each type's body. The server validates every
 * write against them; the client validates what it builds before it queues it.
 */
import { z } from 'zod';
import {
  EVIDENCE,
  REASONS,
  attendanceBodySchema,
  attendanceLetterSchema,
  calendarProblems,
  excuseRuleSchema,
  letterProblems,
} from './attendance';
import {
  AUDIENCES,
  DOC_TYPES,
  attendanceId,
  receiptId,
  type Audience,
  type DocType,
  type HomeroomDoc,
} from './envelope';
import { isIsoDate } from './schoolDate';

const id = z.string().min(1).max(200);
const isoDate = z.string().refine(isIsoDate, 'a date in the form YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time in the form HH:MM');
const name = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().max(max);

export const MAX_NOTE_CHARS = 10_000;

const period = z.strictObject({
  name: name,
  start: isoDate,
  end: isoDate,
  grades: z.array(z.int().min(0).max(12)).optional(),
});

export const schoolBodySchema = z
  .strictObject({
    name: text(300).min(1),
    shortName: text(100).min(1),
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Moscow'),
    schoolYear: z.strictObject({ start: isoDate, end: isoDate }),
    periods: z.array(period).max(20),
    holidays: z.array(period).max(50),
    attendanceLetters: z.array(attendanceLetterSchema).min(1).max(20),
    /** What excuses an absence; without it, `DEFAULT_EXCUSE_RULES`. */
    excuseRules: z.array(excuseRuleSchema).max(20).optional(),
  })
  .superRefine((school, ctx) => {
    // Letters that round-trip and periods that do not overlap: see src/domain/attendance.ts.
    for (const message of letterProblems(school.attendanceLetters)) {
      ctx.addIssue({ code: 'custom', path: ['attendanceLetters'], message });
    }
    for (const message of calendarProblems(school)) {
      ctx.addIssue({ code: 'custom', path: ['periods'], message });
    }
  });

export const classBodySchema = z.strictObject({
  name: text(20).min(1),
  grade: z.int().min(0).max(12),
  letter: text(5),
});

const personName = {
  lastName: name,
  firstName: name,
  patronymic: text(100).optional(),
};

/** What every reader of a class's roster sees: the name, and the sex that Russian grammar needs. */
export const pupilBodySchema = z.strictObject({
  ...personName,
  sex: z.enum(['M', 'F']).optional(),
});

/** A pupil's personal details, beyond the roster: for the class's staff and the family only. */
export const profileBodySchema = z.strictObject({
  birthDate: isoDate.optional(),
});

const contact = {
  phone: text(30).optional(),
  email: text(200).optional(),
};

export const guardianBodySchema = z.strictObject({ ...personName, ...contact });

export const staffBodySchema = z.strictObject({
  ...personName,
  ...contact,
  position: text(200),
});

export const guardianshipBodySchema = z.strictObject({
  relation: text(100).optional(),
});

export const assignmentBodySchema = z.strictObject({
  role: z.enum(['class-teacher']),
});

/** A subject teacher's teaching of a class (нагрузка). */
export const teachingBodySchema = z.strictObject({
  subject: text(200).min(1),
});

/** A pupil's own plan or request to the class teacher. */
export const pupilTextBodySchema = z.strictObject({
  title: text(300).min(1),
  text: text(MAX_NOTE_CHARS),
});

export const EVENT_STATUSES = ['planned', 'held', 'cancelled'] as const;

/** What happened to an event after it was planned: one entry per change, who and when. */
export const EVENT_CHANGES = [
  'created',
  'edited',
  'held',
  'cancelled',
  'moved',
  'substituted',
  'restored',
] as const;

export const MAX_EVENT_CHANGES = 100;

/** Changes that families are told about, so they always carry the reason. */
const REASONED_CHANGES: ReadonlySet<string> = new Set(['cancelled', 'moved', 'substituted']);

export const eventChangeSchema = z
  .strictObject({
    action: z.enum(EVENT_CHANGES),
    at: z.iso.datetime(),
    /** The person id of who made the change. */
    by: id,
    byName: text(300).optional(),
    /** Why: required for a cancellation, a move and a substitution. */
    reason: text(1000).optional(),
    /** For a move: the date (and time) it had and the one it has now. */
    fromDate: isoDate.optional(),
    toDate: isoDate.optional(),
    fromStart: clock.optional(),
    toStart: clock.optional(),
    /** For a substitution: who conducts it from now on; none when the teacher takes it back. */
    toPersonId: id.optional(),
    toName: text(300).optional(),
  })
  .refine(
    (change) => !REASONED_CHANGES.has(change.action) || (change.reason ?? '').trim() !== '',
    'a cancellation, a move and a substitution need a reason',
  )
  .refine(
    (change) => change.action !== 'moved' || change.toDate !== undefined,
    'a move needs toDate',
  );
export type EventChange = z.infer<typeof eventChangeSchema>;

export const eventBodySchema = z.strictObject({
  title: text(300).min(1),
  kind: text(100).optional(),
  start: clock.optional(),
  end: clock.optional(),
  place: text(200).optional(),
  participants: text(200).optional(),
  responsible: text(200).optional(),
  status: z.enum(EVENT_STATUSES),
  /** What happened, for the event's record. */
  outcome: text(MAX_NOTE_CHARS).optional(),
  /** How the event departed from the plan. */
  deviations: text(MAX_NOTE_CHARS).optional(),
  /** The minutes (протокол) of a parent meeting. */
  minutes: z
    .strictObject({
      agenda: z.array(text(1000)).max(30),
      heard: text(MAX_NOTE_CHARS),
      decided: text(MAX_NOTE_CHARS),
    })
    .optional(),
  /**
   * A colleague who conducts the event instead of the class teacher; the envelope's `personId`
   * names the same person, which lets them take the roll.
   */
  substitute: z.strictObject({ personId: id, name: text(300) }).optional(),
  /** The event's life, oldest first: created, moved, cancelled, held, taken over. */
  changes: z.array(eventChangeSchema).max(MAX_EVENT_CHANGES).optional(),
});

/** A pupil's achievement for the portfolio: a diploma, a place in a competition, a role. */
export const achievementBodySchema = z.strictObject({
  title: text(300).min(1),
  level: text(100).optional(),
  text: text(MAX_NOTE_CHARS).optional(),
  authorName: text(300).optional(),
});

export const NOTE_KINDS = ['note', 'minutes', 'announcement'] as const;

/** The most photos and recordings one note, minutes or absence notice carries. */
export const MAX_MEDIA_PER_DOC = 10;

/** The structured minutes (протокол) of a parent meeting. */
export const minutesSchema = z.strictObject({
  /** Present N of M: the families (or people) who came, of those expected. */
  present: z.int().min(0).max(10_000),
  of: z.int().min(0).max(10_000),
  agenda: z.array(text(1000)).max(30),
  heard: text(MAX_NOTE_CHARS),
  decided: text(MAX_NOTE_CHARS),
});

export const noteBodySchema = z
  .strictObject({
    kind: z.enum(NOTE_KINDS).optional(),
    title: text(300).optional(),
    text: text(MAX_NOTE_CHARS),
    authorName: text(300).optional(),
    minutes: minutesSchema.optional(),
    /** Ids of the note's photos and recordings, each a `media` document of the same audience. */
    media: z.array(id).max(MAX_MEDIA_PER_DOC).optional(),
  })
  .refine(
    (note) =>
      note.text.trim() !== '' || note.minutes !== undefined || (note.media ?? []).length > 0,
    'a note needs text, minutes or a photo or recording',
  );

/**
 * The largest photo or recording, in bytes, after the device has resized or encoded it. The app
 * shows this limit before recording; the server refuses anything larger.
 */
export const MAX_MEDIA_BYTES = 1_000_000;

export const MEDIA_TYPES = {
  photo: ['image/jpeg', 'image/webp', 'image/png'],
  audio: ['audio/webm', 'audio/ogg', 'audio/mp4'],
} as const;

/** A photo or a recording, synced as its own document and stored encrypted on the device. */
export const mediaBodySchema = z
  .strictObject({
    kind: z.enum(['photo', 'audio']),
    /** The MIME type, codecs parameters allowed (`audio/webm;codecs=opus`). */
    mime: text(100),
    /** The bytes, base64. */
    data: z.string().max(Math.ceil(MAX_MEDIA_BYTES / 3) * 4),
    bytes: z.int().min(1).max(MAX_MEDIA_BYTES),
    width: z.int().min(1).max(10_000).optional(),
    height: z.int().min(1).max(10_000).optional(),
    durationMs: z.int().min(0).max(3_600_000).optional(),
    /** The note, minutes or absence notice it belongs to. */
    parentId: id,
    caption: text(300).optional(),
  })
  .refine(
    (media) => (MEDIA_TYPES[media.kind] as readonly string[]).includes(mimeType(media.mime) ?? ''),
    `a photo is ${MEDIA_TYPES.photo.join(', ')}; a recording is ${MEDIA_TYPES.audio.join(', ')}, with at most a codecs parameter`,
  )
  .refine((media) => /^[A-Za-z0-9+/]*={0,2}$/.test(media.data), 'data must be base64')
  // Also refuses a copy without its bytes (data ''), as a device keeps media in memory.
  .refine(
    (media) => base64Bytes(media.data) === media.bytes,
    'bytes must be the length of data decoded',
  );

/** `type/subtype` with nothing after it but an optional codecs parameter (`;codecs=opus`). */
const MIME = /^([a-z]+\/[a-z0-9.+-]+)(;\s?codecs="?[A-Za-z0-9.,+-]+"?)?$/;

/** The type of a MIME string, or undefined when it carries anything but codecs. */
function mimeType(mime: string): string | undefined {
  return MIME.exec(mime)?.[1];
}

/** The length of base64 data once decoded, or -1 when its length is not a multiple of four. */
function base64Bytes(data: string): number {
  if (data.length % 4 !== 0) return -1;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

/** How long an absence notice may run: a family reports days, not terms. */
export const MAX_ABSENCE_DAYS = 60;

/**
 * A family's notice that their child will miss (or missed) a date, a span of dates or an event.
 * The class teacher's roll call for those dates is pre-filled with its reason.
 */
export const absenceBodySchema = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    /** When the notice is for one event rather than whole days. */
    eventId: id.optional(),
    reason: z.enum(REASONS),
    evidence: z.enum(EVIDENCE),
    text: text(1000).optional(),
    authorName: text(300).optional(),
    /** A photo of a certificate or a parent's note. */
    media: z.array(id).max(3).optional(),
  })
  .refine((notice) => notice.from <= notice.to, 'the last day comes before the first')
  .refine(
    (notice) =>
      Date.parse(`${notice.to}T00:00:00Z`) - Date.parse(`${notice.from}T00:00:00Z`) <
      MAX_ABSENCE_DAYS * 86_400_000,
    `a notice covers at most ${MAX_ABSENCE_DAYS} days`,
  );

/** A family's acknowledgement that they read a note or an announcement. */
export const receiptBodySchema = z.strictObject({
  noteId: id,
  readAt: z.iso.datetime(),
  readerName: text(300).optional(),
});

export const BODY_SCHEMAS = {
  school: schoolBodySchema,
  class: classBodySchema,
  pupil: pupilBodySchema,
  profile: profileBodySchema,
  guardian: guardianBodySchema,
  staff: staffBodySchema,
  guardianship: guardianshipBodySchema,
  assignment: assignmentBodySchema,
  teaching: teachingBodySchema,
  event: eventBodySchema,
  attendance: attendanceBodySchema,
  note: noteBodySchema,
  plan: pupilTextBodySchema,
  request: pupilTextBodySchema,
  achievement: achievementBodySchema,
  media: mediaBodySchema,
  absence: absenceBodySchema,
  receipt: receiptBodySchema,
} satisfies Record<DocType, z.ZodType>;

export type BodyOf<T extends DocType> = z.infer<(typeof BODY_SCHEMAS)[T]>;
export type SchoolBody = BodyOf<'school'>;
export type ClassBody = BodyOf<'class'>;
export type PupilBody = BodyOf<'pupil'>;
export type GuardianBody = BodyOf<'guardian'>;
export type StaffBody = BodyOf<'staff'>;
export type EventBody = BodyOf<'event'>;
export type NoteBody = BodyOf<'note'>;
export type AchievementBody = BodyOf<'achievement'>;
export type MediaBody = BodyOf<'media'>;
export type AbsenceBody = BodyOf<'absence'>;
export type ReceiptBody = BodyOf<'receipt'>;

export const envelopeSchema = z.object({
  _id: id,
  _rev: z.string().max(200).optional(),
  _deleted: z.boolean().optional(),
  type: z.enum(DOC_TYPES),
  schoolId: id,
  classIds: z.array(id).max(100),
  pupilId: id.optional(),
  eventId: id.optional(),
  personId: id.optional(),
  audience: z.enum(AUDIENCES),
  date: isoDate.optional(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(200),
  body: z.unknown(),
});

/** The outcome of validating a document: the typed document, or what is wrong with it. */
export type Validation = { ok: true; doc: HomeroomDoc } | { ok: false; reason: string };

/**
 * Validates a whole document: the envelope, the rules that tie envelope fields together, and the
 * body against its type's schema. A deletion needs only a valid envelope.
 */
export function validateDoc(input: unknown): Validation {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, reason: describe(envelope.error) };
  const doc = envelope.data as HomeroomDoc;

  const rule = envelopeRule(doc);
  if (rule) return { ok: false, reason: rule };
  if (doc._deleted) return { ok: true, doc };

  const body = BODY_SCHEMAS[doc.type].safeParse(doc.body);
  if (!body.success) return { ok: false, reason: describe(body.error, 'body') };
  return { ok: true, doc: { ...doc, body: body.data } };
}

/** The audiences each type may be written with. */
const AUDIENCES_OF: Record<DocType, readonly Audience[]> = {
  school: ['school'],
  class: ['class-families'],
  pupil: ['family'],
  profile: ['family'],
  guardian: ['staff'],
  staff: ['staff'],
  guardianship: ['family'],
  assignment: ['staff'],
  teaching: ['staff'],
  event: ['class-families', 'pupils', 'staff', 'school'],
  attendance: ['family', 'staff'],
  note: ['staff', 'family', 'class-families', 'pupils', 'school'],
  plan: ['staff', 'family'],
  request: ['staff', 'family'],
  achievement: ['staff', 'family'],
  media: ['staff', 'family', 'class-families', 'pupils', 'school'],
  absence: ['family'],
  receipt: ['family'],
};

/** The id prefix of each type; attendance is `att:<eventId>:<pupilId>`. */
const ID_PREFIX: Partial<Record<DocType, string>> = { attendance: 'att' };

/**
 * Ids are `<type>:<id>[:<id>…]` with ASCII ids only, so no name or text can travel in an id, which
 * devices and logs keep in clear.
 */
const ID_PATTERN = /^([a-z]+):[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,64}){0,2}$/;

function envelopeRule(doc: HomeroomDoc): string | undefined {
  if (doc._id.startsWith('_')) return '_id: ids starting with "_" are reserved';
  const prefix = ID_PATTERN.exec(doc._id)?.[1];
  if (prefix !== (ID_PREFIX[doc.type] ?? doc.type)) {
    return `_id must look like "${ID_PREFIX[doc.type] ?? doc.type}:<uuid>" (ASCII letters, digits, - and _)`;
  }
  if (!AUDIENCES_OF[doc.type].includes(doc.audience)) {
    return `a document of type ${doc.type} may have audience ${AUDIENCES_OF[doc.type].join(' or ')}`;
  }
  if (doc.audience === 'family' && !doc.pupilId) return 'audience "family" needs a pupilId';
  if (doc.audience === 'school' && (doc.pupilId || doc.classIds.length > 0)) {
    return 'audience "school" is for school-wide documents: no classIds, no pupilId';
  }
  if (
    doc.pupilId &&
    doc.type !== 'pupil' &&
    doc.audience !== 'family' &&
    doc.audience !== 'staff'
  ) {
    return 'a document about one pupil has audience "family" or "staff"';
  }
  switch (doc.type) {
    case 'attendance':
      if (!doc.pupilId || !doc.eventId || !doc.date) {
        return 'attendance needs pupilId, eventId and date';
      }
      if (doc._id !== attendanceId(doc.eventId, doc.pupilId)) {
        return `attendance _id must be "${attendanceId(doc.eventId, doc.pupilId)}"`;
      }
      if (doc.classIds.length !== 1) return 'attendance belongs to exactly one class';
      return undefined;
    case 'pupil':
    case 'profile':
      if (!doc.pupilId || doc.classIds.length !== 1) return `a ${doc.type} needs exactly one class`;
      return doc._id === `${doc.type}:${doc.pupilId}`
        ? undefined
        : `a ${doc.type} document is "${doc.type}:<pupilId>"`;
    case 'receipt':
      if (!doc.pupilId || !doc.personId || doc.classIds.length !== 1) {
        return "a receipt needs the reader as personId, their child as pupilId, and the child's class";
      }
      return doc._id.startsWith('receipt:') &&
        doc._id.endsWith(`:${doc.personId}`) &&
        (doc._deleted ||
          doc._id === receiptId(String((doc.body as { noteId?: unknown }).noteId), doc.personId))
        ? undefined
        : 'a receipt document is "receipt:<note uuid>:<personId>"';
    case 'plan':
    case 'request':
    case 'achievement':
    case 'absence':
      return doc.pupilId && doc.classIds.length === 1
        ? undefined
        : `a ${doc.type} belongs to one pupil and their class`;
    case 'guardianship':
      return doc.pupilId && doc.personId && doc.classIds.length === 1
        ? undefined
        : "a guardianship needs a pupilId, the guardian as personId, and the pupil's class";
    case 'assignment':
    case 'teaching':
      return doc.personId && doc.classIds.length === 1
        ? undefined
        : `a ${doc.type} needs the teacher as personId and exactly one class`;
    case 'guardian':
    case 'staff':
      return doc.personId && doc._id === `${doc.type}:${doc.personId}`
        ? undefined
        : `a ${doc.type} document is its own personId`;
    case 'class':
      return doc.classIds.length === 1 && doc._id === `class:${doc.classIds[0] ?? ''}`
        ? undefined
        : 'a class document belongs to its own class only';
    case 'event':
      if (!doc.date) return 'an event needs a date';
      if (!doc.eventId || doc._id !== `event:${doc.eventId}`) {
        return 'an event document is "event:<eventId>"';
      }
      return substituteRule(doc);
    default:
      return undefined;
  }
}

/**
 * A substitute conducts the event as its leader: the envelope's `personId` names them, so the
 * server's grants (which read only the envelope) let them take the roll.
 */
function substituteRule(doc: HomeroomDoc): string | undefined {
  const substitute = (doc.body as { substitute?: { personId?: unknown } } | undefined)?.substitute;
  if (doc._deleted || substitute === undefined || substitute.personId === doc.personId) {
    return undefined;
  }
  return "an event's substitute must be its personId too";
}

function describe(error: z.ZodError, prefix?: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
