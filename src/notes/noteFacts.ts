/**
 * What the screens and the minutes PDF ask about notes: the minutes of an event (a `minutes` note,
 * or the minutes an event's body carried before notes had them), what to pre-fill a new one with,
 * and who has read a note, counted by family.
 */
import { attended } from '../domain/attendance';
import { uuidOf } from '../domain/envelope';
import { shortName } from '../domain/names';
import { markAt, notesOfEvent, ofType, pupilsOf, type DocOf, type Docs } from '../domain/queries';

export interface Minutes {
  present: number;
  of: number;
  agenda: string[];
  heard: string;
  decided: string;
}

/** The event's minutes note: the one most recently edited, should two devices each have made one. */
export function minutesNoteOf(docs: Docs, eventId: string): DocOf<'note'> | undefined {
  return notesOfEvent(docs, eventId)
    .filter((note) => note.body.kind === 'minutes')
    .at(-1);
}

/** Pupils of the classes marked present (or off-site) at the event, and how many pupils there are. */
export function attendanceAt(
  docs: Docs,
  eventId: string,
  classIds: readonly string[],
): { present: number; of: number; marked: number } {
  const pupils = pupilsOf(docs, classIds);
  const marks = pupils.flatMap((pupil) => markAt(docs, eventId, pupil.pupilId ?? '') ?? []);
  return { present: marks.filter(attended).length, of: pupils.length, marked: marks.length };
}

/**
 * What a new minutes form starts with: «present N of M» with M the pupils (one family each) of
 * the classes and N from the event's roll call when one was taken (else empty, to be typed), and
 * the agenda, heard and decided an older version kept in the event's body.
 */
export function minutesPrefill(
  docs: Docs,
  event: DocOf<'event'>,
  classIds: readonly string[],
): { present: number | undefined; of: number; agenda: string[]; heard: string; decided: string } {
  const counted = attendanceAt(docs, uuidOf(event._id), classIds);
  const legacy = event.body.minutes;
  return {
    present: counted.marked > 0 ? counted.present : undefined,
    of: counted.of,
    agenda: legacy?.agenda ?? [],
    heard: legacy?.heard ?? '',
    decided: legacy?.decided ?? '',
  };
}

/**
 * The minutes to print: the minutes note's, or else those an older version kept in the event's
 * body, with «present N of M» from the roll call.
 */
export function minutesOfEvent(docs: Docs, event: DocOf<'event'>): Minutes | undefined {
  const eventId = uuidOf(event._id);
  const note = minutesNoteOf(docs, eventId);
  if (note?.body.minutes) return note.body.minutes;
  const legacy = event.body.minutes;
  if (!legacy) return undefined;
  const counted = attendanceAt(docs, eventId, event.classIds);
  return { present: counted.present, of: counted.of, ...legacy };
}

/** The guardians of one family and the children they share, of the given classes. */
export interface Family {
  pupilIds: string[];
  guardianIds: string[];
}

/**
 * The families of the classes' pupils: pupils who share a guardian are one family (siblings in
 * one class read a note once). Pupils without a guardian's account are nobody who could read.
 */
export function familiesOf(docs: Docs, classIds: readonly string[]): Family[] {
  const pupilIds = new Set(pupilsOf(docs, classIds).map((pupil) => pupil.pupilId ?? ''));
  const guardiansOf = new Map<string, Set<string>>();
  for (const link of ofType(docs, 'guardianship')) {
    if (!link.pupilId || !link.personId || !pupilIds.has(link.pupilId)) continue;
    const known = guardiansOf.get(link.pupilId) ?? new Set<string>();
    known.add(link.personId);
    guardiansOf.set(link.pupilId, known);
  }

  const families: Family[] = [];
  for (const [pupilId, guardians] of guardiansOf) {
    const joined = families.filter((family) =>
      family.guardianIds.some((guardian) => guardians.has(guardian)),
    );
    const merged: Family = {
      pupilIds: [pupilId, ...joined.flatMap((family) => family.pupilIds)],
      guardianIds: [...new Set([...guardians, ...joined.flatMap((family) => family.guardianIds)])],
    };
    for (const family of joined) families.splice(families.indexOf(family), 1);
    families.push(merged);
  }
  return families;
}

export interface Reader {
  personId: string;
  /** «Фамилия И. О.» from the guardian's record, or the name the receipt carries. */
  name: string;
  readAt: string;
}

export interface ReadState {
  /** Every receipt of the note, earliest first. */
  readers: Reader[];
  /** Families with at least one reader, of `families`. */
  familiesRead: number;
  families: number;
}

export function receiptsOf(docs: Docs, noteId: string): DocOf<'receipt'>[] {
  return ofType(docs, 'receipt')
    .filter((receipt) => receipt.body.noteId === noteId)
    .sort((a, b) => a.body.readAt.localeCompare(b.body.readAt));
}

/**
 * Who has read a note addressed to families, counted by family: one family for a note to one
 * family, every family of its classes for a note to the families of the class. Undefined for a
 * note for staff, which families never see.
 */
export function readStateOf(docs: Docs, note: DocOf<'note'>): ReadState | undefined {
  if (note.audience !== 'family' && note.audience !== 'class-families') return undefined;
  const all = familiesOf(docs, note.classIds);
  const families =
    note.audience === 'family'
      ? all.filter((family) => family.pupilIds.includes(note.pupilId ?? ''))
      : all;
  // A receipt counts only from a guardian of the note's families: the server checks that its
  // reader may read the note, and this keeps an older or stray receipt out of the count.
  const guardians = new Set(families.flatMap((family) => family.guardianIds));
  const receipts = receiptsOf(docs, note._id).filter((receipt) =>
    guardians.has(receipt.personId ?? ''),
  );
  const readers = receipts.map((receipt) => ({
    personId: receipt.personId ?? '',
    name: readerName(docs, receipt),
    readAt: receipt.body.readAt,
  }));
  const familiesRead = families.filter((family) =>
    receipts.some((receipt) => family.guardianIds.includes(receipt.personId ?? '')),
  ).length;
  return { readers, familiesRead, families: Math.max(families.length, familiesRead) };
}

function readerName(docs: Docs, receipt: DocOf<'receipt'>): string {
  const guardian = docs.get(`guardian:${receipt.personId ?? ''}`) as DocOf<'guardian'> | undefined;
  if (guardian && !guardian._deleted) return shortName(guardian.body);
  return receipt.body.readerName ?? '—';
}
