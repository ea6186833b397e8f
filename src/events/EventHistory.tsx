import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EventDoc } from '../domain/eventLife';
import type { EventChange } from '../domain/schemas';
import { useSchool } from '../store/hooks';
import { formatDate, formatInstant } from './formatDate';

function when(date: string | undefined, start: string | undefined, language: string): string {
  return `${formatDate(date ?? '', language)}${start ? `, ${start}` : ''}`;
}

/** One entry of the history in words: what happened («Перенесено с … на …»). */
function changeText(t: TFunction, change: EventChange, language: string): string {
  switch (change.action) {
    case 'moved':
      return t('eventLife.change_moved', {
        from: when(change.fromDate, change.fromStart, language),
        to: when(change.toDate, change.toStart, language),
      });
    case 'substituted':
      return change.toName
        ? t('eventLife.change_substituted', { name: change.toName })
        : t('eventLife.change_substitutedBack');
    default:
      return t(`eventLife.change_${change.action}`);
  }
}

/** The event's history, newest first: what, when (school time), who, and why. */
export function EventHistory({ event }: { event: EventDoc }) {
  const { t, i18n } = useTranslation();
  const timeZone = useSchool()?.body.timeZone ?? 'Europe/Moscow';
  const changes = [...(event.body.changes ?? [])].reverse();
  if (changes.length === 0) return null;

  return (
    <>
      <h4>{t('eventLife.history')}</h4>
      <ol className="event-history" aria-label={t('eventLife.history')}>
        {changes.map((change) => (
          <li key={`${change.at}-${change.by}-${change.action}`} data-action={change.action}>
            <strong>{changeText(t, change, i18n.language)}</strong>
            <small>
              {[formatInstant(change.at, i18n.language, timeZone), change.byName]
                .filter(Boolean)
                .join(' · ')}
            </small>
            {change.reason && <span>{t('eventLife.reasonShown', { reason: change.reason })}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
