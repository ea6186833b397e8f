import { schoolDate } from '../domain/schoolDate';
import { schoolOf } from '../domain/queries';
import { useApp } from './appStore';

export function useDocs() {
  return useApp((state) => state.docs);
}

export function useSchool() {
  const docs = useDocs();
  return schoolOf(docs);
}

/** Today in the school's time zone; Date.now, so tests can fake the clock. */
export function useToday(): string {
  const school = useSchool();
  return schoolDate(new Date(Date.now()), school?.body.timeZone ?? 'Europe/Moscow');
}

export function useMe(): string {
  return useApp((state) => state.profile?.personId ?? '');
}
