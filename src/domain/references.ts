/**
 * What a document says about other documents, checked against them: a read receipt against its
 * note, an absence notice against its event, a mark against its event's date. The server applies
 * these to every write, with the referenced documents read once per batch; pure, so the browser
 * could explain a refusal with the same words.
 */
import { canRead, type Scope } from './access';
import type { HomeroomDoc } from './envelope';

/** How far from today a notice's dates may lie: a family reports this school year, not 1990. */
export const NOTICE_WINDOW_DAYS = 366;

const DAY_MS = 86_400_000;

/**
 * A receipt is for a note that exists and that its reader may read, and it was not read in the
 * future (`latestAt`: now plus the clock drift the server allows).
 */
export function checkReceipt(
  scope: Scope,
  receipt: HomeroomDoc,
  note: HomeroomDoc | undefined,
  latestAt: number,
): string | undefined {
  if (!note || note._deleted || note.type !== 'note' || !canRead(scope, note)) {
    return 'noteId is not a note you can read';
  }
  const readAt = (receipt.body as { readAt?: string }).readAt ?? '';
  return Date.parse(readAt) > latestAt
    ? 'readAt lies in the future; check the device clock'
    : undefined;
}

/**
 * An absence notice is dated by its first day, within a year of today; one for an event names an
 * event of the pupil's class (or of the whole school) that falls within the notice's days.
 * `event` is the stored event its `eventId` names, if any.
 */
export function checkNotice(
  notice: HomeroomDoc,
  classId: string,
  event: HomeroomDoc | undefined,
  today: string,
): string | undefined {
  const body = notice.body as { from: string; to: string; eventId?: string };
  if (notice.date !== body.from) return `the envelope's date must be the first day (${body.from})`;
  const away = (date: string) => Math.abs(Date.parse(date) - Date.parse(today)) / DAY_MS;
  if (away(body.from) > NOTICE_WINDOW_DAYS || away(body.to) > NOTICE_WINDOW_DAYS) {
    return `a notice's days lie within ${NOTICE_WINDOW_DAYS} days of today`;
  }
  if (body.eventId === undefined) return undefined;
  if (!event || event._deleted || event.type !== 'event' || !ofClass(event, classId)) {
    return "eventId is not an event of the pupil's class";
  }
  const date = event.date ?? '';
  return date < body.from || date > body.to
    ? `the notice's days must include the event's date (${date})`
    : undefined;
}

/** A mark is dated by its event's day, so reports by date count it where it happened. */
export function checkMarkDate(mark: HomeroomDoc, event: HomeroomDoc): string | undefined {
  return mark.date === event.date
    ? undefined
    : `a mark's date must be its event's (${event.date ?? ''})`;
}

function ofClass(event: HomeroomDoc, classId: string): boolean {
  return event.classIds.length === 0 || event.classIds.includes(classId);
}
