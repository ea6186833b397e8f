/** Store actions of the events feature: a teacher adds an event or a note on the spot. */
import type { Audience } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { saveDocs, stamp } from '../store/writes';

export interface NewEvent {
  classId: string;
  title: string;
  date: string;
  start: string;
}

function uuid(): string {
  return crypto.randomUUID();
}

export async function addEvent(input: NewEvent): Promise<void> {
  const event: DocOf<'event'> = stamp({
    _id: `event:${uuid()}`,
    type: 'event',
    schoolId: '',
    classIds: [input.classId],
    audience: 'class-families',
    date: input.date,
    updatedAt: '',
    updatedBy: '',
    body: {
      title: input.title.trim(),
      ...(input.start ? { start: input.start } : {}),
      status: 'planned',
    },
  });
  await saveDocs([event]);
}

export async function addNote(
  event: DocOf<'event'>,
  text: string,
  audience: Extract<Audience, 'staff' | 'class-families'>,
  authorName: string | undefined,
): Promise<void> {
  const note: DocOf<'note'> = stamp({
    _id: `note:${uuid()}`,
    type: 'note',
    schoolId: '',
    classIds: event.classIds,
    eventId: event._id.slice('event:'.length),
    audience,
    ...(event.date ? { date: event.date } : {}),
    updatedAt: '',
    updatedBy: '',
    body: { text: text.trim(), ...(authorName ? { authorName } : {}) },
  });
  await saveDocs([note]);
}
