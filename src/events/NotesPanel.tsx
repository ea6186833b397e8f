import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidOf } from '../domain/envelope';
import { shortName } from '../domain/names';
import { notesOfEvent, teacherClassIds, type DocOf } from '../domain/queries';
import { errorText } from '../i18n/errorText';
import { useDocs, useMe } from '../store/hooks';
import { addNote } from './eventActions';

type NoteAudience = 'staff' | 'class-families';

/** Notes of an event, and a form to add one for staff only or for the families of the class. */
export function NotesPanel({ event, editable }: { event: DocOf<'event'>; editable: boolean }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const notes = useMemo(() => notesOfEvent(docs, uuidOf(event._id)), [docs, event]);
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<NoteAudience>('staff');
  const [failed, setFailed] = useState(false);

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    const author = docs.get(`staff:${me}`) as DocOf<'staff'> | undefined;
    const written = text;
    // The form empties at once, so the text is never on screen twice; it comes back on failure.
    setText('');
    setFailed(false);
    const authorName = author ? shortName(author.body) : undefined;
    addNote(event, teacherClassIds(docs, me), written, audience, authorName).catch(() => {
      setText(written);
      setFailed(true);
    });
  };

  return (
    <section className="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('notes.heading')}</h3>
      {notes.length === 0 && <p className="empty">{t('notes.none')}</p>}
      <ul>
        {notes.map((note) => (
          <li key={note._id} className="note">
            <p>{note.body.text}</p>
            <small>
              {note.body.authorName ? `${note.body.authorName} · ` : ''}
              {note.audience === 'staff' ? t('notes.staff') : t('notes.classFamilies')}
            </small>
          </li>
        ))}
      </ul>
      {editable && (
        <form onSubmit={submit} aria-label={t('notes.save')}>
          <label>
            {t('notes.text')}
            <textarea
              required
              maxLength={10_000}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
              }}
            />
          </label>
          <fieldset>
            <legend>{t('notes.audience')}</legend>
            {(['staff', 'class-families'] as const).map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="audience"
                  value={value}
                  checked={audience === value}
                  onChange={() => {
                    setAudience(value);
                  }}
                />
                {value === 'staff' ? t('notes.staff') : t('notes.classFamilies')}
              </label>
            ))}
          </fieldset>
          {failed && (
            <p className="error" role="alert">
              {errorText(t, 'invalid_doc')}
            </p>
          )}
          <button type="submit" className="primary">
            {t('notes.save')}
          </button>
        </form>
      )}
    </section>
  );
}
