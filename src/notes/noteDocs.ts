/**
 * Notes, minutes and read receipts as documents: pure builders, so what a teacher's tablet and a
 * family's phone queue can be checked without a browser. Store actions (./noteActions.ts) stamp
 * and save what these build.
 */
import { receiptId, uuidOf } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import type { NoteBody } from '../domain/schemas';

/** Who a teacher's note is for: staff only, the families of the class, or one family. */
export type NoteAudience = 'staff' | 'class-families' | 'family';

export interface MinutesDraft {
  present: number;
  of: number;
  /** One agenda item per line, as typed. */
  agenda: string;
  heard: string;
  decided: string;
}

export interface NoteDraft {
  kind: 'note' | 'minutes';
  audience: NoteAudience;
  /** The pupil whose family a note for one family is for. */
  pupil?: DocOf<'pupil'> | undefined;
  text: string;
  title?: string | undefined;
  minutes?: MinutesDraft | undefined;
  authorName?: string | undefined;
}

/** Agenda items, one per non-empty line, trimmed. */
export function agendaItems(text: string): string[] {
  return text
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The classes a note on an event belongs to: the author's own classes among the event's (all
 * their classes for a school-wide event), so a note never travels into a colleague's class; a
 * note for one family belongs to that pupil's class only.
 */
export function noteClassIds(
  event: Pick<DocOf<'event'>, 'classIds'>,
  ownClassIds: readonly string[],
  pupil?: Pick<DocOf<'pupil'>, 'classIds'>,
): string[] {
  if (pupil) return pupil.classIds.slice(0, 1);
  if (event.classIds.length === 0) return [...ownClassIds];
  return event.classIds.filter((classId) => ownClassIds.includes(classId));
}

/**
 * A note or the minutes of an event, new or as a new version of `existing`. `media` lists the ids
 * of its photos and recordings. The caller stamps it.
 */
export function buildNote(
  event: DocOf<'event'>,
  classIds: readonly string[],
  draft: NoteDraft,
  media: readonly string[],
  existing?: DocOf<'note'>,
): DocOf<'note'> {
  if (draft.audience === 'family' && !draft.pupil?.pupilId) {
    throw new Error('a note for one family needs the pupil');
  }
  const body: NoteBody = { kind: draft.kind, text: draft.text.trim() };
  const title = draft.title?.trim();
  if (title) body.title = title;
  if (draft.authorName) body.authorName = draft.authorName;
  if (draft.minutes) {
    body.minutes = {
      present: draft.minutes.present,
      of: draft.minutes.of,
      agenda: agendaItems(draft.minutes.agenda),
      heard: draft.minutes.heard.trim(),
      decided: draft.minutes.decided.trim(),
    };
  }
  if (media.length > 0) body.media = [...media];

  const pupilId = draft.audience === 'family' ? draft.pupil?.pupilId : undefined;
  return {
    ...(existing?._rev !== undefined ? { _rev: existing._rev } : {}),
    _id: existing?._id ?? `note:${crypto.randomUUID()}`,
    type: 'note',
    schoolId: event.schoolId,
    classIds: [...classIds],
    ...(pupilId !== undefined ? { pupilId } : {}),
    eventId: uuidOf(event._id),
    audience: draft.audience,
    ...(event.date ? { date: event.date } : {}),
    updatedAt: '',
    updatedBy: '',
    body,
  };
}

/**
 * A family's «Прочитано» on a note or an announcement: one per reader and note (a second tap, on
 * any device, is the same document), addressed to the reader's own family, so the class teacher
 * and the child's other guardians see it and nobody else.
 */
export function buildReceipt(
  note: Pick<DocOf<'note'>, '_id' | 'schoolId'>,
  reader: { personId: string; name?: string | undefined },
  child: Pick<DocOf<'pupil'>, 'pupilId' | 'classIds'>,
  readAt: string,
): DocOf<'receipt'> {
  const classId = child.classIds[0];
  if (!child.pupilId || !classId) throw new Error('a receipt needs the child and their class');
  return {
    _id: receiptId(note._id, reader.personId),
    type: 'receipt',
    schoolId: note.schoolId,
    classIds: [classId],
    pupilId: child.pupilId,
    personId: reader.personId,
    audience: 'family',
    updatedAt: '',
    updatedBy: '',
    body: {
      noteId: note._id,
      readAt,
      ...(reader.name ? { readerName: reader.name } : {}),
    },
  };
}
