import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { eventState, type EventDoc } from '../domain/eventLife';
import { classOf, type Docs } from '../domain/queries';
import { useDocs } from '../store/hooks';
import { formatDate } from './formatDate';
import './eventLife.css';

interface Badge {
  key: string;
  text: string;
}

/**
 * Words for what sets an event apart in a list: cancelled or moved (with the reason), held,
 * shared, substituted.
 */
export function eventBadges(t: TFunction, docs: Docs, event: EventDoc, language: string): Badge[] {
  const state = eventState(event);
  const badges: Badge[] = [];
  // The reason goes with a cancellation or a move, as the families read it.
  const because = (reason: string | undefined) => (reason ? `: ${reason}` : '');
  if (state.status === 'cancelled') {
    const text = `${t('events.cancelled')}${because(state.cancelled?.reason)}`;
    badges.push({ key: 'cancelled', text });
  }
  if (state.status === 'held') badges.push({ key: 'held', text: t('events.held') });
  if (state.moved?.fromDate) {
    const date = formatDate(state.moved.fromDate, language);
    const text = `${t('events.movedFrom', { date })}${because(state.moved.reason)}`;
    badges.push({ key: 'moved', text });
  }
  if (event.classIds.length === 0) badges.push({ key: 'school', text: t('events.forSchool') });
  if (event.classIds.length > 1) {
    const names = event.classIds.map((id) => classOf(docs, id)?.body.name ?? '?').join(', ');
    badges.push({ key: 'classes', text: t('events.forClasses', { names }) });
  }
  if (state.substitute) {
    badges.push({
      key: 'substitute',
      text: t('events.substitute', { name: state.substitute.name }),
    });
  }
  return badges;
}

export function EventBadges({ event }: { event: EventDoc }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  return (
    <>
      {eventBadges(t, docs, event, i18n.language).map((badge) => (
        <span key={badge.key} className="badge" data-badge={badge.key}>
          {badge.text}
        </span>
      ))}
    </>
  );
}
