/**
 * The payload of a pupil's QR check-in card, and the rules by which a teacher's tablet accepts or
 * refuses a scanned card.
 *
 * A card reads `HR1:<schoolId>:<classId>:<pupilId>:<check>`: opaque ids only, never a name, so a
 * card lost in the street tells nobody who it belongs to. The class is on the card so that a card
 * of another class is recognised as such, although the tablet holds nothing of that class.
 *
 * The check value is a checksum, not a signature. A signature (an HMAC) would need a secret shared
 * by every tablet that scans, held in the same browser storage as the cards' ids, and a substitute
 * teacher offline would have to have it too; it would keep out nobody who can read a card. What a
 * forged card can do is bounded instead: it names a pupil of this class by their random id (which
 * only their own card shows), and at worst marks that pupil present. The pupil appears by name in
 * the list of who checked in, in front of the teacher at the door, and the mark is an ordinary mark
 * the teacher corrects in the roll call, with the scan kept in its history. The check value catches
 * what does happen: a misread or truncated code, a hand-made or edited one, another program's QR.
 */

/** The first field of every card; a new layout of the payload gets a new version. */
export const CARD_VERSION = 'HR1';

const SEPARATOR = ':';
const CHECK_LENGTH = 7;

/** What a card names: the pupil, their class and their school, by id. */
export interface CardIds {
  schoolId: string;
  classId: string;
  pupilId: string;
}

/**
 * FNV-1a over the UTF-16 code units, 32 bits, in base 36 padded to seven characters. Chosen for
 * being short, synchronous and the same in every browser and in Node; its job is only to catch
 * damaged or hand-made codes (see the file's comment).
 */
function checkValue(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(CHECK_LENGTH, '0');
}

function body({ schoolId, classId, pupilId }: CardIds): string {
  return [CARD_VERSION, schoolId, classId, pupilId].join(SEPARATOR);
}

/** The text a pupil's card encodes as a QR code. */
export function encodeCard(ids: CardIds): string {
  for (const field of ['schoolId', 'classId', 'pupilId'] as const) {
    const value = ids[field];
    if (value === '' || value.includes(SEPARATOR) || /\s/.test(value)) {
      throw new Error(
        `${field} "${value}" cannot go on a card: it must be a non-empty id without ":" or spaces`,
      );
    }
  }
  const text = body(ids);
  return `${text}${SEPARATOR}${checkValue(text)}`;
}

/** Why a scanned code is not taken. */
export type CardRefusal =
  /** Not a Homeroom check-in card at all: another QR code. */
  | 'not-a-card'
  /** Looks like a card, but its check value does not match: damaged, misread or hand-made. */
  | 'damaged'
  | 'other-school'
  | 'other-class'
  /** A card of this class for a pupil who is no longer on its list. */
  | 'not-on-list';

export type ParsedCard = { ok: true; ids: CardIds } | { ok: false; refusal: CardRefusal };

/** Reads a scanned code as a card, checking its shape and check value. */
export function parseCard(text: string): ParsedCard {
  const fields = text.trim().split(SEPARATOR);
  if (fields[0] !== CARD_VERSION) return { ok: false, refusal: 'not-a-card' };
  const [, schoolId = '', classId = '', pupilId = '', check = ''] = fields;
  const ids = { schoolId, classId, pupilId };
  if (fields.length !== 5 || !schoolId || !classId || !pupilId) {
    return { ok: false, refusal: 'damaged' };
  }
  return check === checkValue(body(ids)) ? { ok: true, ids } : { ok: false, refusal: 'damaged' };
}

/** Where the teacher scans: the school, the event's classes, and who is on the event's list. */
export interface CheckInPlace {
  schoolId: string;
  classIds: readonly string[];
  /** Pupil ids of the event's classes as the tablet knows them now. */
  pupilIds: ReadonlySet<string>;
}

export type CardDecision = { ok: true; pupilId: string } | { ok: false; refusal: CardRefusal };

/**
 * Whether a scanned card checks its pupil in here. A pupil on the event's list is taken whatever
 * class the card names: a pupil who moved into the class keeps the card they have until a new one
 * is printed. Anyone else is refused, saying whether the card is of another school, of another
 * class, or of this class for a pupil no longer on its list.
 */
export function decideCard(text: string, place: CheckInPlace): CardDecision {
  const parsed = parseCard(text);
  if (!parsed.ok) return parsed;
  const { schoolId, classId, pupilId } = parsed.ids;
  if (schoolId !== place.schoolId) return { ok: false, refusal: 'other-school' };
  if (place.pupilIds.has(pupilId)) return { ok: true, pupilId };
  return {
    ok: false,
    refusal: place.classIds.includes(classId) ? 'not-on-list' : 'other-class',
  };
}
