import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsOfClass, groupEvents, type DocOf } from '../domain/queries';
import { navigate } from '../store/appStore';
import { useDocs, useToday } from '../store/hooks';
import { formatDate } from './formatDate';

const PAST_SHOWN = 10;
const UPCOMING_SHOWN = 10;

/** Today's events first, then upcoming ones, then recent past ones for corrections. */
export function ClassEvents({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const groups = useMemo(
    () => groupEvents(eventsOfClass(docs, classId), today),
    [docs, classId, today],
  );

  return (
    <>
      <EventGroup heading={t('events.today')} events={groups.today} />
      <EventGroup
        heading={t('events.upcoming')}
        events={groups.upcoming.slice(0, UPCOMING_SHOWN)}
      />
      {groups.past.length > 0 && (
        <details>
          <summary>{t('events.past')}</summary>
          <EventGroup heading={t('events.past')} events={groups.past.slice(0, PAST_SHOWN)} hidden />
        </details>
      )}
    </>
  );
}

interface GroupProps {
  heading: string;
  events: DocOf<'event'>[];
  hidden?: boolean;
}

export function EventGroup({ heading, events, hidden }: GroupProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="event-group">
      {!hidden && <h3>{heading}</h3>}
      {events.length === 0 ? (
        <p className="empty">{t('events.none')}</p>
      ) : (
        <ul className="events">
          {events.map((event) => {
            const date = formatDate(event.date ?? '', i18n.language);
            return (
              <li key={event._id}>
                <button
                  type="button"
                  className="event"
                  aria-label={t('events.open', { title: event.body.title, date })}
                  onClick={() => {
                    navigate({ name: 'event', eventId: event._id });
                  }}
                >
                  <span className="event-title">{event.body.title}</span>
                  <span className="event-when">
                    {date}
                    {event.body.start ? `, ${event.body.start}` : ''}
                    {event.body.status === 'cancelled' ? ` · ${t('events.cancelled')}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
