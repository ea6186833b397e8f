/**
 * Store actions of notes: a note or the minutes of an event saved with its new photos and
 * recordings in one transaction, and a family's «Прочитано». Each photo and recording is a
 * `media` document routed as its note; when the note's audience changes, its media follow.
 */
import type { HomeroomDoc } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { MAX_MEDIA_PER_DOC } from '../domain/schemas';
import { buildMediaDoc } from '../media/mediaDoc';
import type { PreparedMedia } from '../media/preparedMedia';
import { storedMedia } from '../media/storedMedia';
import { runtime } from '../store/runtime';
import { saveDocs, stamp } from '../store/writes';
import { buildReceipt } from './noteDocs';

/** A note would carry more photos and recordings than MAX_MEDIA_PER_DOC. */
export class TooManyMediaError extends Error {
  constructor() {
    super(`a note carries at most ${String(MAX_MEDIA_PER_DOC)} photos and recordings`);
    this.name = 'TooManyMediaError';
  }
}

export interface MediaChanges {
  /** Made in the form, to be stored with the note. */
  added: readonly PreparedMedia[];
  /** Ids of stored ones the teacher took off the note. */
  removed?: readonly string[];
}

/**
 * Saves `note` (built by ./noteDocs.ts) with its media: new ones become media documents routed
 * as the note, removed ones are deleted, kept ones are routed again if the note's routing changed.
 */
export async function saveNote(note: DocOf<'note'>, media: MediaChanges): Promise<void> {
  const removed = new Set(media.removed ?? []);
  const kept = (note.body.media ?? []).filter((id) => !removed.has(id));
  if (kept.length + media.added.length > MAX_MEDIA_PER_DOC) throw new TooManyMediaError();

  const parent = stamp(note);
  const added = await Promise.all(
    media.added.map(async (item) => stamp(await buildMediaDoc(parent, item))),
  );
  const ids = [...kept, ...added.map((doc) => doc._id)];
  const body = { ...parent.body };
  if (ids.length > 0) body.media = ids;
  else delete body.media;

  const [rerouted, deleted] = await Promise.all([
    reroute(parent, kept),
    storedMedia([...removed]).then((docs) => docs.map((doc) => stamp({ ...doc, _deleted: true }))),
  ]);
  await saveDocs([...added, ...rerouted, ...deleted, { ...parent, body }]);
}

/** The routing fields a note's media copy from it. */
const ROUTING = ['classIds', 'pupilId', 'eventId', 'audience', 'date'] as const;

function routedAs(doc: HomeroomDoc, parent: HomeroomDoc): boolean {
  return ROUTING.every((field) => JSON.stringify(doc[field]) === JSON.stringify(parent[field]));
}

/**
 * Kept media whose routing differs from the note's, read whole from the store (memory holds them
 * without their bytes) and routed as the note again.
 */
async function reroute(parent: DocOf<'note'>, kept: readonly string[]): Promise<HomeroomDoc[]> {
  const docs = await storedMedia(kept);
  return docs
    .filter((doc) => !routedAs(doc, parent))
    .map((doc) => {
      const { pupilId: _pupil, eventId: _event, date: _date, ...rest } = doc;
      return stamp({
        ...rest,
        classIds: [...parent.classIds],
        audience: parent.audience,
        ...(parent.pupilId !== undefined ? { pupilId: parent.pupilId } : {}),
        ...(parent.eventId !== undefined ? { eventId: parent.eventId } : {}),
        ...(parent.date !== undefined ? { date: parent.date } : {}),
      });
    });
}

/** The signed-in guardian's «Прочитано» on a note addressed to `child`'s family or class. */
export async function markRead(
  note: DocOf<'note'>,
  child: DocOf<'pupil'>,
  readerName?: string,
): Promise<void> {
  const { personId } = runtime();
  const receipt = buildReceipt(
    note,
    { personId, name: readerName },
    child,
    new Date(Date.now()).toISOString(),
  );
  await saveDocs([stamp(receipt)]);
}
