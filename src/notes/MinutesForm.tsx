import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidOf } from '../domain/envelope';
import { pupilsOf, teacherClassIds, type DocOf } from '../domain/queries';
import { MAX_MEDIA_PER_DOC, MAX_NOTE_CHARS } from '../domain/schemas';
import { errorText } from '../i18n/errorText';
import { StoredMedia, type PendingMedia } from '../media/MediaView';
import { useDocs, useMe } from '../store/hooks';
import { AudiencePicker } from './AudiencePicker';
import { MediaAttach } from './MediaAttach';
import { useAuthorName } from './NoteForm';
import { saveNote, TooManyMediaError } from './noteActions';
import { buildNote, noteClassIds, type NoteAudience } from './noteDocs';
import { minutesNoteOf, minutesPrefill } from './noteFacts';

interface Values {
  present: string;
  of: string;
  agenda: string;
  heard: string;
  decided: string;
}

type Field = keyof Values;
const TEXT_FIELDS: readonly Field[] = ['agenda', 'heard', 'decided'];

/** A count as typed: a whole number of at least 0, or undefined. */
function count(value: string): number | undefined {
  const number = Number(value);
  return value.trim() !== '' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/**
 * The minutes (протокол) of a parent meeting, kept as the event's `minutes` note: present N of M
 * (M the class's pupils, one family each; N from the roll call when it was taken), the agenda,
 * heard and decided, photos and recordings, and who may read it. The first save makes the note;
 * later ones make new versions of it.
 */
export function MinutesForm({ event }: { event: DocOf<'event'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const authorName = useAuthorName();
  const ownClassIds = useMemo(() => teacherClassIds(docs, me), [docs, me]);
  const classIds = useMemo(() => noteClassIds(event, ownClassIds), [event, ownClassIds]);
  const pupils = useMemo(() => pupilsOf(docs, classIds), [docs, classIds]);
  const existing = minutesNoteOf(docs, uuidOf(event._id));

  const [initial] = useState(() => initialValues(docs, event, classIds, existing));
  const [values, setValues] = useState(initial.values);
  const [audience, setAudience] = useState<NoteAudience>(initial.audience);
  const [pupilId, setPupilId] = useState(existing?.pupilId ?? '');
  const [added, setAdded] = useState<PendingMedia[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [state, setState] = useState<'idle' | 'saved' | { error: string }>('idle');
  const kept = (existing?.body.media ?? []).filter((id) => !removed.includes(id));

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    const present = count(values.present);
    const of = count(values.of);
    if (present === undefined || of === undefined) return;
    if (present > of) {
      setState({ error: t('minutes.presentTooMany') });
      return;
    }
    const pupil = audience === 'family' ? pupils.find((p) => p.pupilId === pupilId) : undefined;
    if (audience === 'family' && !pupil) {
      setState({ error: t('notes.choosePupil') });
      return;
    }
    const minutes = {
      present,
      of,
      agenda: values.agenda,
      heard: values.heard,
      decided: values.decided,
    };
    const draft = { kind: 'minutes' as const, audience, pupil, text: '', minutes, authorName };
    const classes = noteClassIds(event, ownClassIds, pupil);
    const note = buildNote(event, classes, draft, existing?.body.media ?? [], existing);
    const writtenMedia = added;
    setState('idle');
    saveNote(note, { added: writtenMedia.map((item) => item.media), removed })
      .then(() => {
        setAdded((current) => current.filter((item) => !writtenMedia.includes(item)));
        setRemoved([]);
        setState('saved');
      })
      .catch((cause: unknown) => {
        const error =
          cause instanceof TooManyMediaError
            ? t('notes.tooMany', { count: MAX_MEDIA_PER_DOC })
            : errorText(t, 'invalid_doc');
        setState({ error });
      });
  };

  const edit = (field: Field, value: string) => {
    setState('idle');
    setValues((current) => ({ ...current, [field]: value }));
  };

  return (
    <section className="minutes-form" aria-labelledby="minutes-title">
      <h3 id="minutes-title">{t('minutes.heading')}</h3>
      <form onSubmit={submit} aria-label={t('minutes.heading')}>
        <div className="row-actions">
          {(['present', 'of'] as const).map((field) => (
            <label key={field}>
              {t(`minutes.${field}`)}
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={10_000}
                required
                value={values[field]}
                onChange={(e) => {
                  edit(field, e.target.value);
                }}
              />
            </label>
          ))}
        </div>
        <p className="hint">
          {t(initial.fromRollCall ? 'minutes.fromRollCall' : 'minutes.noRollCall')}
        </p>
        {initial.earlier && <p className="hint">{t('minutes.earlier')}</p>}
        {TEXT_FIELDS.map((field) => (
          <label key={field}>
            {t(`minutes.${field}`)}
            <textarea
              maxLength={field === 'agenda' ? 30_000 : MAX_NOTE_CHARS}
              rows={field === 'agenda' ? 4 : 3}
              value={values[field]}
              onChange={(e) => {
                edit(field, e.target.value);
              }}
            />
          </label>
        ))}
        {kept.length > 0 && (
          <ul className="media-list">
            {kept.map((id) => (
              <li key={id}>
                <StoredMedia mediaId={id} />
                <button
                  type="button"
                  onClick={() => {
                    setState('idle');
                    setRemoved((current) => [...current, id]);
                  }}
                >
                  {t('media.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <MediaAttach items={added} room={MAX_MEDIA_PER_DOC - kept.length} setItems={setAdded} />
        <AudiencePicker
          name="minutes-audience"
          audience={audience}
          pupilId={pupilId}
          pupils={pupils}
          onChange={(nextAudience, nextPupil) => {
            setState('idle');
            setAudience(nextAudience);
            setPupilId(nextPupil);
          }}
        />
        {typeof state === 'object' && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        {state === 'saved' && <p role="status">{t('minutes.saved')}</p>}
        <button type="submit" className="primary">
          {t('minutes.save')}
        </button>
      </form>
    </section>
  );
}

function initialValues(
  docs: ReturnType<typeof useDocs>,
  event: DocOf<'event'>,
  classIds: readonly string[],
  existing: DocOf<'note'> | undefined,
): { values: Values; audience: NoteAudience; fromRollCall: boolean; earlier: boolean } {
  const prefill = minutesPrefill(docs, event, classIds);
  const saved = existing?.body.minutes;
  const minutes = saved ?? { ...prefill, present: prefill.present ?? '' };
  const audience = existing?.audience;
  return {
    values: {
      present: String(minutes.present),
      of: String(minutes.of),
      agenda: minutes.agenda.join('\n'),
      heard: minutes.heard,
      decided: minutes.decided,
    },
    audience: audience === 'staff' || audience === 'family' ? audience : 'class-families',
    fromRollCall: prefill.present !== undefined,
    earlier: !saved && event.body.minutes !== undefined,
  };
}
