/** Store actions of the events feature: a teacher adds a note on the spot. */
import { uuidOf, type Audience } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { saveDocs, stamp } from '../store/writes';

function uuid(): string {
  return crypto.randomUUID();
}

/**
 * A note on an event. It belongs only to the author's own classes among the event's: an event
 * shared with another class must not carry a note into that class.
 */
export async function addNote(
  event: DocOf<'event'>,
  ownClassIds: readonly string[],
  text: string,
  audience: Extract<Audience, 'staff' | 'class-families'>,
  authorName: string | undefined,
): Promise<void> {
  const note: DocOf<'note'> = stamp({
    _id: `note:${uuid()}`,
    type: 'note',
    schoolId: '',
    classIds: event.classIds.filter((classId) => ownClassIds.includes(classId)),
    eventId: uuidOf(event._id),
    audience,
    ...(event.date ? { date: event.date } : {}),
    updatedAt: '',
    updatedBy: '',
    body: { text: text.trim(), ...(authorName ? { authorName } : {}) },
  });
  await saveDocs([note]);
}
