import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidOf } from '../domain/envelope';
import { notesOfEvent, type DocOf } from '../domain/queries';
import { NoteForm } from '../notes/NoteForm';
import { NoteView } from '../notes/NoteView';
import { useDocs } from '../store/hooks';

/**
 * Notes and minutes of an event with their photos and recordings, who each is for and who has
 * read it; and, for the teacher, a form to add one.
 */
export function NotesPanel({ event, editable }: { event: DocOf<'event'>; editable: boolean }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const notes = useMemo(() => notesOfEvent(docs, uuidOf(event._id)), [docs, event]);

  return (
    <section className="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('notes.heading')}</h3>
      {notes.length === 0 && <p className="empty">{t('notes.none')}</p>}
      <ul className="notes-list">
        {notes.map((note) => (
          <li key={note._id}>
            <NoteView note={note} />
          </li>
        ))}
      </ul>
      {editable && <NoteForm event={event} />}
    </section>
  );
}
