import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shortName } from '../domain/names';
import { pupilsOf, teacherClassIds, type DocOf } from '../domain/queries';
import { MAX_MEDIA_PER_DOC, MAX_NOTE_CHARS } from '../domain/schemas';
import { errorText } from '../i18n/errorText';
import type { PendingMedia } from '../media/MediaView';
import { useDocs, useMe } from '../store/hooks';
import { AudiencePicker } from './AudiencePicker';
import { MediaAttach } from './MediaAttach';
import { saveNote, TooManyMediaError } from './noteActions';
import { buildNote, noteClassIds, type NoteAudience } from './noteDocs';

/** The teacher's own name for the notes they sign. */
export function useAuthorName(): string | undefined {
  const docs = useDocs();
  const me = useMe();
  const author = docs.get(`staff:${me}`) as DocOf<'staff'> | undefined;
  return author ? shortName(author.body) : undefined;
}

/**
 * A new note on an event: text, photos and recordings, for staff, the families of the class or
 * one family. The form empties at once on saving, so nothing shows twice; on failure the text and
 * the media come back.
 */
export function NoteForm({ event }: { event: DocOf<'event'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const authorName = useAuthorName();
  const ownClassIds = useMemo(() => teacherClassIds(docs, me), [docs, me]);
  const pupils = useMemo(
    () => pupilsOf(docs, noteClassIds(event, ownClassIds)),
    [docs, event, ownClassIds],
  );
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<NoteAudience>('staff');
  const [pupilId, setPupilId] = useState('');
  const [media, setMedia] = useState<PendingMedia[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    if (!text.trim() && media.length === 0) {
      setError(t('notes.empty'));
      return;
    }
    const pupil = audience === 'family' ? pupils.find((p) => p.pupilId === pupilId) : undefined;
    if (audience === 'family' && !pupil) {
      setError(t('notes.choosePupil'));
      return;
    }
    const draft = { kind: 'note' as const, audience, pupil, text, authorName };
    const note = buildNote(event, noteClassIds(event, ownClassIds, pupil), draft, []);
    const [writtenText, writtenMedia] = [text, media];
    setText('');
    setMedia([]);
    setError(null);
    saveNote(note, { added: writtenMedia.map((item) => item.media) }).catch((cause: unknown) => {
      setText(writtenText);
      setMedia(writtenMedia);
      setError(
        cause instanceof TooManyMediaError
          ? t('notes.tooMany', { count: MAX_MEDIA_PER_DOC })
          : errorText(t, 'invalid_doc'),
      );
    });
  };

  return (
    <form onSubmit={submit} aria-label={t('notes.save')}>
      <label>
        {t('notes.text')}
        <textarea
          maxLength={MAX_NOTE_CHARS}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </label>
      <MediaAttach items={media} room={MAX_MEDIA_PER_DOC} setItems={setMedia} />
      <AudiencePicker
        name="note-audience"
        audience={audience}
        pupilId={pupilId}
        pupils={pupils}
        onChange={(nextAudience, nextPupil) => {
          setAudience(nextAudience);
          setPupilId(nextPupil);
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('notes.save')}
      </button>
    </form>
  );
}
