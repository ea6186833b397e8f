import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { notesForPupil, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { NoteView } from '../notes/NoteView';
import { useDocs } from '../store/hooks';

/**
 * Notes and minutes addressed to this child's family or to the families of the child's class,
 * with their photos and recordings and «Прочитано».
 */
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
          const context = [event?.body.title, formatDate(note.date ?? '', i18n.language)]
            .filter(Boolean)
            .join(' · ');
          return (
            <li key={note._id}>
              <NoteView note={note} context={context} child={child} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
