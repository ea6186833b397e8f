import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receiptId } from '../domain/envelope';
import { fullName } from '../domain/names';
import type { DocOf } from '../domain/queries';
import { MediaList } from '../media/MediaView';
import { useDocs, useMe, useSchool } from '../store/hooks';
import { audienceLabelKey } from './AudiencePicker';
import { markRead } from './noteActions';
import { readStateOf } from './noteFacts';

/** When a receipt was made, in the school's time: «10 дек., 18:05». */
function readTime(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

function useTimeZone(): string {
  return useSchool()?.body.timeZone ?? 'Europe/Moscow';
}

/** A parent meeting's minutes as families and the teacher read them. */
function MinutesBody({ minutes }: { minutes: NonNullable<DocOf<'note'>['body']['minutes']> }) {
  const { t } = useTranslation();
  return (
    <div className="minutes">
      <p>{t('minutes.presentOf', { present: minutes.present, of: minutes.of })}</p>
      {minutes.agenda.length > 0 && (
        <>
          <h5>{t('minutes.agendaHeading')}</h5>
          <ol>
            {minutes.agenda.map((item, index) => (
              <li key={index}>{item}</li>
            ))}
          </ol>
        </>
      )}
      {minutes.heard && (
        <>
          <h5>{t('minutes.heard')}</h5>
          <p>{minutes.heard}</p>
        </>
      )}
      {minutes.decided && (
        <>
          <h5>{t('minutes.decided')}</h5>
          <p>{minutes.decided}</p>
        </>
      )}
    </div>
  );
}

/** For the teacher: how many families have read the note, and who, when. */
function Readers({ note }: { note: DocOf<'note'> }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const timeZone = useTimeZone();
  const state = readStateOf(docs, note);
  if (!state) return null;
  return (
    <div className="readers">
      <p>{t('receipts.count', { read: state.familiesRead, count: state.families })}</p>
      {state.readers.length > 0 && (
        <ul aria-label={t('receipts.count', { read: state.familiesRead, count: state.families })}>
          {state.readers.map((reader) => (
            <li key={reader.personId}>
              {t('receipts.reader', {
                name: reader.name,
                time: readTime(reader.readAt, i18n.language, timeZone),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A family's «Прочитано». It is a tap, not something reading does by itself: the teacher relies
 * on it as an acknowledgement, and a note scrolled past on a shared phone is not one. Once tapped
 * it shows when, on every device of the family.
 */
function ReadButton({
  note,
  child,
  title,
}: {
  note: DocOf<'note'>;
  child: DocOf<'pupil'>;
  /** What the note is, so each «Прочитано» on a list says which note it marks. */
  title: string;
}) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const timeZone = useTimeZone();
  const [failed, setFailed] = useState(false);
  const receipt = docs.get(receiptId(note._id, me)) as DocOf<'receipt'> | undefined;
  if (receipt && !receipt._deleted) {
    return (
      <p className="read-mark">
        {t('receipts.youRead', { time: readTime(receipt.body.readAt, i18n.language, timeZone) })}
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        aria-label={title ? t('receipts.markReadOf', { title }) : t('receipts.markRead')}
        onClick={() => {
          setFailed(false);
          markRead(note, child).catch(() => {
            setFailed(true);
          });
        }}
      >
        {t('receipts.markRead')}
      </button>
      {failed && (
        <p className="error" role="alert">
          {t('receipts.failed')}
        </p>
      )}
    </>
  );
}

/**
 * One note or the minutes of a meeting with its photos and recordings. The teacher sees who it is
 * for and who has read it; a family sees what it is about and «Прочитано».
 */
export function NoteView({
  note,
  context,
  child,
}: {
  note: DocOf<'note'>;
  /** What the note is about, for a family: the event's title and date. */
  context?: string | undefined;
  /** Set on a family's phone: the child through whom the note reaches them. */
  child?: DocOf<'pupil'> | undefined;
}) {
  const { t } = useTranslation();
  const docs = useDocs();
  const minutes = note.body.minutes;
  const pupil = docs.get(`pupil:${note.pupilId ?? ''}`) as DocOf<'pupil'> | undefined;
  const audience =
    note.audience === 'family' && pupil
      ? t('notes.familyOf', { name: fullName(pupil.body) })
      : t(audienceLabelKey(note.audience));
  const heading =
    note.body.title ?? (note.body.kind === 'minutes' ? t('notes.minutes') : undefined);
  const title = heading ?? note.body.text.slice(0, 60);
  return (
    <article className="note" aria-label={title}>
      {heading && <h4>{heading}</h4>}
      {minutes && <MinutesBody minutes={minutes} />}
      {note.body.text && <p>{note.body.text}</p>}
      <MediaList ids={note.body.media ?? []} />
      <small>
        {[context, note.body.authorName, child ? undefined : audience].filter(Boolean).join(' · ')}
      </small>
      {child ? <ReadButton note={note} child={child} title={title} /> : <Readers note={note} />}
    </article>
  );
}
