import { useTranslation } from 'react-i18next';
import { eventState, type EventDoc } from '../domain/eventLife';
import { formatDate } from './formatDate';
import './eventLife.css';

/**
 * What a teacher must see first on an event's screen: that it is cancelled, or moved, and why;
 * or that a substitute leads it.
 */
export function EventBanner({ event }: { event: EventDoc }) {
  const { t, i18n } = useTranslation();
  const state = eventState(event);
  const from = state.moved?.fromDate ? formatDate(state.moved.fromDate, i18n.language) : '';
  const fromStart = state.moved?.fromStart ? `, ${state.moved.fromStart}` : '';
  return (
    <>
      {state.cancelled && (
        <p className="event-banner" data-state="cancelled">
          {t('eventLife.cancelledBanner', { reason: state.cancelled.reason ?? '' })}
        </p>
      )}
      {state.moved && (
        <p className="event-banner" data-state="moved">
          {t('eventLife.movedBanner', {
            from: `${from}${fromStart}`,
            reason: state.moved.reason ?? '',
          })}
        </p>
      )}
      {state.substitute && (
        <p className="event-banner" data-state="substitute">
          {t('eventLife.substituteBanner', { name: state.substitute.name })}
        </p>
      )}
    </>
  );
}
