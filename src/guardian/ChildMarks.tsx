import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { marksOf, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useDocs } from '../store/hooks';
import { markText } from './MarkText';

/** A child's marks, newest first, each with its event's title and date. */
export function ChildMarks({ child }: { child: DocOf<'pupil'> }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const rows = useMemo(() => marksOf(docs, child.pupilId ?? ''), [docs, child]);

  return (
    <section className="card" aria-labelledby="marks-title">
      <h3 id="marks-title">{t('guardian.marks')}</h3>
      {rows.length === 0 && <p className="empty">{t('guardian.noMarks')}</p>}
      <ul className="marks">
        {rows.map(({ attendance, event }) => (
          <li key={attendance._id} className="mark-row" data-status={attendance.body.status}>
            <span className="event-title">{event?.body.title ?? t('events.untitled')}</span>
            <span className="event-when">
              {formatDate(attendance.date ?? '', i18n.language)}
              {event?.body.start ? `, ${event.body.start}` : ''}
            </span>
            <span className="mark-words">{markText(t, attendance.body, child)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
