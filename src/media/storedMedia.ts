import type { HomeroomDoc } from '../domain/envelope';
import { runtime } from '../store/runtime';

/**
 * The media documents of `ids` read whole from the store (memory holds them without their
 * bytes), leaving out those already deleted.
 */
export async function storedMedia(ids: readonly string[]): Promise<HomeroomDoc[]> {
  const { repo } = runtime();
  const docs = await Promise.all(ids.map((id) => repo.get(id)));
  return docs.filter((doc): doc is HomeroomDoc => doc?.type === 'media' && !doc._deleted);
}
