import { useMemo } from 'react';
import { noticesOfClasses, suggestionFor, type Suggestion } from '../domain/absence';
import type { Mark } from '../domain/attendance';
import type { DocOf } from '../domain/queries';
import { useDocs, useSchool } from '../store/hooks';

/**
 * For each pupil of a roll call, the mark a family's notice suggests while the pupil has none
 * (see src/domain/absence.ts): what the roll shows as «from the family's notice» and what one
 * tap, or «Все присутствуют», records.
 */
export function useSuggestions(
  event: DocOf<'event'> | undefined,
  pupils: readonly DocOf<'pupil'>[],
  marks: readonly (Mark | undefined)[],
): (Suggestion | undefined)[] {
  const docs = useDocs();
  const school = useSchool();
  const notices = useMemo(
    () => (event ? noticesOfClasses(docs, event.classIds) : []),
    [docs, event],
  );
  if (!event || !school || notices.length === 0) return pupils.map(() => undefined);
  return pupils.map((pupil, index) =>
    suggestionFor(notices, event, pupil.pupilId ?? '', marks[index], school.body),
  );
}
