/** Finding a pupil by name as a Russian reader types it: any case, Ё as Е, words in any order. */
import { compareByName, foldForSearch, fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';

export const MAX_FOUND = 20;

export function findPupils(
  pupils: readonly DocOf<'pupil'>[],
  query: string,
  limit = MAX_FOUND,
): DocOf<'pupil'>[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return pupils
    .filter((pupil) => {
      const name = foldForSearch(fullName(pupil.body));
      return words.every((word) => name.includes(word));
    })
    .sort((a, b) => compareByName(a.body, b.body))
    .slice(0, limit);
}
