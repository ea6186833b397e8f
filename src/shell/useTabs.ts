import { useMemo } from 'react';
import { teacherClassIds } from '../domain/queries';
import { useApp, type Tab } from '../store/appStore';
import { useDocs, useMe } from '../store/hooks';

const ROLE_TABS: [string, Tab][] = [
  ['staff', 'teacher'],
  ['guardian', 'guardian'],
  ['admin', 'admin'],
];

/**
 * The sections of this account. The administration is staff too, but «Мой класс» is shown to it
 * only when it leads a class: otherwise the tab could only say there is nothing there.
 */
export function useTabs(): Tab[] {
  const roles = useApp((state) => state.profile?.roles);
  const docs = useDocs();
  const me = useMe();
  const leadsClass = useMemo(() => teacherClassIds(docs, me).length > 0, [docs, me]);
  return ROLE_TABS.filter(([role, tab]) => {
    if (!roles?.includes(role)) return false;
    return tab !== 'teacher' || !roles.includes('admin') || leadsClass;
  }).map(([, tab]) => tab);
}
