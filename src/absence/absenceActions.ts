/**
 * The store actions of a family's absence notice: the notice and the photos of its certificate are
 * written together, encrypted, into the outbox, and sent when there is a network; withdrawn
 * together the same way.
 */
import type { Evidence, Reason } from '../domain/attendance';
import { uuidOf } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { buildMediaDoc } from '../media/mediaDoc';
import type { PreparedMedia } from '../media/preparedMedia';
import { storedMedia } from '../media/storedMedia';
import { saveDocs, stamp } from '../store/writes';

export interface NoticeDraft {
  /** The first and last day; for one event, its date twice. */
  from: string;
  to: string;
  /** The event the notice is for, when it is for one event rather than whole days. */
  event?: DocOf<'event'> | undefined;
  reason: Exclude<Reason, 'unknown'>;
  evidence: Evidence;
  text: string;
}

/**
 * Sends a notice about a child: routed to the child's family and the staff of the child's class
 * (audience `family`), dated by its first day. Returns the notice as saved.
 */
export async function sendNotice(
  child: DocOf<'pupil'>,
  draft: NoticeDraft,
  photos: readonly PreparedMedia[],
): Promise<DocOf<'absence'>> {
  const uuid = crypto.randomUUID();
  const eventId = draft.event ? uuidOf(draft.event._id) : undefined;
  const envelope = {
    _id: `absence:${uuid}`,
    schoolId: child.schoolId,
    classIds: child.classIds.slice(0, 1),
    ...(child.pupilId !== undefined ? { pupilId: child.pupilId } : {}),
    ...(eventId !== undefined ? { eventId } : {}),
    audience: 'family' as const,
    date: draft.from,
  };
  const media = await Promise.all(
    photos.map(async (photo) => stamp(await buildMediaDoc(envelope, photo))),
  );
  const text = draft.text.trim();
  const notice: DocOf<'absence'> = stamp({
    ...envelope,
    type: 'absence',
    updatedAt: '',
    updatedBy: '',
    body: {
      from: draft.from,
      to: draft.to,
      ...(eventId !== undefined ? { eventId } : {}),
      reason: draft.reason,
      evidence: draft.evidence,
      ...(text ? { text } : {}),
      ...(media.length > 0 ? { media: media.map((doc) => doc._id) } : {}),
    },
  });
  await saveDocs([notice, ...media]);
  return notice;
}

/**
 * Withdraws a notice the family sent: the notice and its photos are deleted, so the teacher no
 * longer sees it and the roll call no longer suggests it. Marks the teacher already recorded stay:
 * they are the school's record (src/domain/absence.ts).
 */
export async function withdrawNotice(notice: DocOf<'absence'>): Promise<void> {
  const photos = await storedMedia(notice.body.media ?? []);
  await saveDocs([...photos, notice].map((doc) => stamp({ ...doc, _deleted: true })));
}
