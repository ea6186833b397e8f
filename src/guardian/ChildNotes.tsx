import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { notesForPupil, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useDocs } from '../store/hooks';

/** Messages addressed to this child's family or to the families of the child's class. */
export function ChildNotes({ child }: { child: DocOf<'pupil'> }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const notes = useMemo(() => notesForPupil(docs, child), [docs, child]);

  return (
    <section className="card" aria-labelledby="child-notes-title">
      <h3 id="child-notes-title">{t('guardian.notes')}</h3>
      {notes.length === 0 && <p className="empty">{t('notes.none')}</p>}
      <ul className="notes-list">
        {notes.map((note) => {
          const event = docs.get(`event:${note.eventId ?? ''}`) as DocOf<'event'> | undefined;
          return (
            <li key={note._id} className="note">
              <p>{note.body.text}</p>
              <small>
                {[
                  event?.body.title,
                  formatDate(note.date ?? '', i18n.language),
                  note.body.authorName,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </small>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
