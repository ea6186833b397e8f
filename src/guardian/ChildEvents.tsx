import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { eventState, familyEvents, type EventDoc } from '../domain/eventLife';
import type { DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useDocs, useToday } from '../store/hooks';
import '../events/eventLife.css';

/**
 * The events of the child's class ahead, the school's included: a moved one with its new date,
 * the old one struck through and the reason; a cancelled one struck through, with the reason; one
 * put back into the plan after a cancellation, saying so.
 */
export function ChildEvents({ child }: { child: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const classId = child.classIds[0] ?? '';
  const events = useMemo(() => familyEvents(docs, classId, today), [docs, classId, today]);

  return (
    <section className="card" aria-labelledby="child-events-title">
      <h3 id="child-events-title">{t('guardian.events')}</h3>
      {events.length === 0 && <p className="empty">{t('guardian.noEvents')}</p>}
      <ul className="events family-events">
        {events.map((event) => (
          <FamilyEvent key={event._id} event={event} />
        ))}
      </ul>
    </section>
  );
}

function FamilyEvent({ event }: { event: EventDoc }) {
  const { t, i18n } = useTranslation();
  const state = eventState(event);
  const when = (date: string | undefined, start: string | undefined) =>
    `${formatDate(date ?? '', i18n.language)}${start ? `, ${start}` : ''}`;
  const title = state.cancelled ? <s>{event.body.title}</s> : event.body.title;

  return (
    <li className="family-event" data-status={event.body.status} data-moved={Boolean(state.moved)}>
      <span className="event-title">{title}</span>
      <span className="event-when">
        {when(event.date, event.body.start)}
        {state.moved && (
          <span className="was-date">
            {' '}
            ({t('guardian.was')} <del>{when(state.moved.fromDate, state.moved.fromStart)}</del>)
          </span>
        )}
      </span>
      {state.cancelled && (
        <span className="event-change" data-state="cancelled">
          {t('eventLife.cancelledBanner', { reason: state.cancelled.reason ?? '' })}
        </span>
      )}
      {state.restored && (
        <span className="event-change" data-state="restored">
          {state.restored.reason
            ? t('eventLife.restoredBannerReason', { reason: state.restored.reason })
            : t('eventLife.restoredBanner')}
        </span>
      )}
      {state.moved && !state.cancelled && (
        <span className="event-change" data-state="moved">
          {t('eventLife.movedBanner', {
            from: when(state.moved.fromDate, state.moved.fromStart),
            reason: state.moved.reason ?? '',
          })}
        </span>
      )}
    </li>
  );
}
