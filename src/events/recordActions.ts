/**
 * Store actions for what a class teacher records after an event and about a pupil: the event's
 * outcome and deviations; a pupil's achievement for the portfolio. A parent meeting's minutes are
 * a note (src/notes).
 */
import type { DocOf } from '../domain/queries';
import type { EventBody } from '../domain/schemas';
import { saveDocs, stamp } from '../store/writes';

export interface EventResults {
  outcome: string;
  deviations: string;
}

/**
 * The event's body with the results: an empty field is left out rather than stored empty. Minutes
 * an older version kept in the body stay as they are: they are shown and printed until the
 * teacher saves them as a minutes note (src/notes/MinutesForm.tsx).
 */
export function withResults(body: EventBody, results: EventResults): EventBody {
  const next: EventBody = { ...body };
  delete next.outcome;
  delete next.deviations;
  if (results.outcome.trim()) next.outcome = results.outcome.trim();
  if (results.deviations.trim()) next.deviations = results.deviations.trim();
  return next;
}

export async function saveEventResults(
  event: DocOf<'event'>,
  results: EventResults,
): Promise<void> {
  await saveDocs([stamp({ ...event, body: withResults(event.body, results) })]);
}

export interface NewAchievement {
  title: string;
  date: string;
  text: string;
  audience: 'staff' | 'family';
  authorName: string | undefined;
}

/** An achievement belongs to the pupil and their class; the date is the envelope's. */
export async function addAchievement(pupil: DocOf<'pupil'>, input: NewAchievement): Promise<void> {
  const classId = pupil.classIds[0];
  if (!classId || !pupil.pupilId) throw new Error('a pupil without a class');
  const achievement: DocOf<'achievement'> = stamp({
    _id: `achievement:${crypto.randomUUID()}`,
    type: 'achievement',
    schoolId: '',
    classIds: [classId],
    pupilId: pupil.pupilId,
    audience: input.audience,
    ...(input.date ? { date: input.date } : {}),
    updatedAt: '',
    updatedBy: '',
    body: {
      title: input.title.trim(),
      ...(input.text.trim() ? { text: input.text.trim() } : {}),
      ...(input.authorName ? { authorName: input.authorName } : {}),
    },
  });
  await saveDocs([achievement]);
}
