import { schoolDate } from '../domain/schoolDate';
import { schoolOf, type DocOf } from '../domain/queries';
import { useApp } from './appStore';

export function useDocs() {
  return useApp((state) => state.docs);
}

export function useSchool() {
  const docs = useDocs();
  return schoolOf(docs);
}

/** Until the school's document has synced, dates are Moscow's, the most common school zone. */
const FALLBACK_TIME_ZONE = 'Europe/Moscow';

/** The time zone of the school's dates: the school's setting, never the device's zone. */
export function schoolTimeZone(school: DocOf<'school'> | undefined): string {
  return school?.body.timeZone ?? FALLBACK_TIME_ZONE;
}

/** Today in the school's time zone; Date.now, so tests can fake the clock. */
export function schoolToday(school: DocOf<'school'> | undefined): string {
  return schoolDate(new Date(Date.now()), schoolTimeZone(school));
}

export function useToday(): string {
  return schoolToday(useSchool());
}

export function useMe(): string {
  return useApp((state) => state.profile?.personId ?? '');
}
