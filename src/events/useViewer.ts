/** Who is looking at an event, and who signs a change they make. */
import { useMemo } from 'react';
import { rollCallClassIds, type Actor, type EventDoc, type Viewer } from '../domain/eventLife';
import { shortName } from '../domain/names';
import { ofType, teacherClassIds, type DocOf } from '../domain/queries';
import { useApp } from '../store/appStore';
import { useDocs, useMe } from '../store/hooks';

export function useViewer(): Viewer {
  const docs = useDocs();
  const me = useMe();
  const admin = useApp((state) => state.profile?.roles.includes('admin') ?? false);
  return useMemo(
    () => ({ personId: me, ownClassIds: teacherClassIds(docs, me), admin }),
    [docs, me, admin],
  );
}

/** Makes the signature of a change at the moment it is made: who, their name, and now. */
export function useActor(): () => Actor {
  const docs = useDocs();
  const me = useMe();
  const staff = docs.get(`staff:${me}`) as DocOf<'staff'> | undefined;
  const name = staff ? shortName(staff.body) : undefined;
  return () => ({ personId: me, name, at: new Date(Date.now()).toISOString() });
}

/**
 * The classes whose pupils this person's roll call of the event lists: their own class at a
 * shared or school-wide event, every class of it for its leader and the administration.
 */
export function useRollCallClassIds(event: EventDoc | undefined): string[] {
  const docs = useDocs();
  const viewer = useViewer();
  return useMemo(() => {
    if (!event) return [];
    const schoolClassIds = ofType(docs, 'class').flatMap((doc) => doc.classIds);
    return rollCallClassIds(event, viewer, schoolClassIds);
  }, [docs, viewer, event]);
}
