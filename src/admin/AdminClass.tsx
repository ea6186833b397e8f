import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { classOf, eventsOfClass } from '../domain/queries';
import { EventGroup } from '../events/ClassEvents';
import { navigate } from '../store/appStore';
import { useDocs } from '../store/hooks';

/** One class's events, newest first; each opens its marks read-only. */
export function AdminClass({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const events = useMemo(() => eventsOfClass(docs, classId).reverse(), [docs, classId]);

  return (
    <section className="card" aria-labelledby="admin-class-title">
      <button
        type="button"
        onClick={() => {
          navigate({ name: 'home' });
        }}
      >
        ← {t('shell.back')}
      </button>
      <h2 id="admin-class-title">
        {t('events.classHeading', { name: classOf(docs, classId)?.body.name ?? '' })}
      </h2>
      <EventGroup heading={t('admin.events')} events={events} />
    </section>
  );
}
