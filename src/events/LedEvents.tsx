import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsLedBy } from '../domain/eventLife';
import { groupEvents } from '../domain/queries';
import { useDocs, useMe, useToday } from '../store/hooks';
import { EventGroup } from './ClassEvents';

/**
 * Events this person leads for another class teacher: a substitution handed to them. They open
 * its roll call from here, on their own tablet.
 */
export function LedEvents({ ownClassIds }: { ownClassIds: readonly string[] }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const today = useToday();
  const events = useMemo(() => eventsLedBy(docs, me, ownClassIds), [docs, me, ownClassIds]);
  if (events.length === 0) return null;
  const groups = groupEvents(events, today);

  return (
    <section className="card" aria-labelledby="led-events-title">
      <h2 id="led-events-title">{t('events.led')}</h2>
      <EventGroup heading={t('events.today')} events={groups.today} />
      <EventGroup heading={t('events.upcoming')} events={groups.upcoming} />
      {groups.past.length > 0 && <EventGroup heading={t('events.past')} events={groups.past} />}
    </section>
  );
}
