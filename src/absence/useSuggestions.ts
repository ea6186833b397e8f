import { useMemo } from 'react';
import { noticesOfClasses, suggestionFor, type Suggestion } from '../domain/absence';
import { uuidOf } from '../domain/envelope';
import { markAt, type DocOf } from '../domain/queries';
import { useDocs, useSchool } from '../store/hooks';

/**
 * For each pupil of a roll call, the mark a family's notice suggests while the pupil has none
 * (see src/domain/absence.ts): what the roll shows as «from the family's notice» and what one
 * tap, or «Все присутствуют», records.
 */
export function useSuggestions(
  event: DocOf<'event'> | undefined,
  pupils: readonly DocOf<'pupil'>[],
): (Suggestion | undefined)[] {
  const docs = useDocs();
  const school = useSchool();
  return useMemo(() => {
    const notices = event ? noticesOfClasses(docs, event.classIds) : [];
    if (!event || !school || notices.length === 0) return pupils.map(() => undefined);
    const eventId = uuidOf(event._id);
    return pupils.map((pupil) => {
      const pupilId = pupil.pupilId ?? '';
      const recorded = markAt(docs, eventId, pupilId);
      return suggestionFor(notices, event, pupilId, recorded, school.body);
    });
  }, [docs, school, event, pupils]);
}
