import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsForClass } from '../domain/eventLife';
import { groupEvents, type DocOf } from '../domain/queries';
import { navigate } from '../store/appStore';
import { useDocs, useToday } from '../store/hooks';
import { byMonth, monthName } from './byMonth';
import { EventBadges, eventBadges } from './EventBadges';
import { formatDate } from './formatDate';

const UPCOMING_SHOWN = 10;

/**
 * Today's events first, then the next upcoming ones (all of them by month behind «Все
 * предстоящие»), then every past one by month, for corrections. The school's events and those
 * shared with other classes are the class's too.
 */
export function ClassEvents({ classId }: { classId: string }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const groups = useMemo(
    () => groupEvents(eventsForClass(docs, classId), today),
    [docs, classId, today],
  );
  const later = groups.upcoming.slice(UPCOMING_SHOWN);

  return (
    <>
      <EventGroup heading={t('events.today')} events={groups.today} />
      <EventGroup
        heading={t('events.upcoming')}
        events={groups.upcoming.slice(0, UPCOMING_SHOWN)}
      />
      {later.length > 0 && (
        <details className="past">
          <summary>{t('events.allUpcoming', { count: later.length })}</summary>
          {byMonth(later).map((group) => (
            <EventGroup
              key={group.month}
              heading={monthName(group.month, i18n.language)}
              events={group.events}
              level={4}
            />
          ))}
        </details>
      )}
      {groups.past.length > 0 && (
        <details className="past">
          <summary>{t('events.past')}</summary>
          {byMonth(groups.past).map((group) => (
            <EventGroup
              key={group.month}
              heading={monthName(group.month, i18n.language)}
              events={group.events}
              level={4}
            />
          ))}
        </details>
      )}
    </>
  );
}

interface GroupProps {
  heading: string;
  events: DocOf<'event'>[];
  /** A month inside «Прошедшие» is a level below the groups. */
  level?: 3 | 4;
}

export function EventGroup({ heading, events, level = 3 }: GroupProps) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  return (
    <div className="event-group">
      {level === 3 ? <h3>{heading}</h3> : <h4 className="month">{heading}</h4>}
      {events.length === 0 ? (
        <p className="empty">{t('events.none')}</p>
      ) : (
        <ul className="events">
          {events.map((event) => {
            const date = formatDate(event.date ?? '', i18n.language);
            const badges = eventBadges(t, docs, event, i18n.language).map((badge) => badge.text);
            const label = t('events.open', { title: event.body.title, date });
            return (
              <li key={event._id} data-status={event.body.status}>
                <button
                  type="button"
                  className="event"
                  aria-label={[label, ...badges].join(' · ')}
                  onClick={() => {
                    navigate({ name: 'event', eventId: event._id });
                  }}
                >
                  <span className="event-title">{event.body.title}</span>
                  <span className="event-when">
                    {date}
                    {event.body.start ? `, ${event.body.start}` : ''}
                  </span>
                  <EventBadges event={event} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
