import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPresent } from '../domain/attendance';
import { uuidOf } from '../domain/envelope';
import { markAt, pupilsOf, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { NotesPanel } from '../events/NotesPanel';
import { ResultsPanel } from '../events/ResultsPanel';
import { navigate } from '../store/appStore';
import { StorageFullError } from '../store/storageGuard';
import { useDocs, useMe, useSchool } from '../store/hooks';
import { markAllPresent, undoAllPresent } from './rollCallActions';
import { RollCallRow } from './RollCallRow';

/** Roll call at one event: every pupil of its classes, a letter per school mark. */
export function RollCall({ eventId, editable }: { eventId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const letters = useSchool()?.body.attendanceLetters ?? [];
  const [undo, setUndo] = useState<DocOf<'attendance'>[] | null>(null);
  const [failed, setFailed] = useState<'storageFull' | 'unknown' | null>(null);
  const event = docs.get(eventId) as DocOf<'event'> | undefined;
  const pupils = useMemo(() => (event ? pupilsOf(docs, event.classIds) : []), [docs, event]);
  if (!event) return null;

  const uuid = uuidOf(event._id);
  const marks = pupils.map((pupil) => markAt(docs, uuid, pupil.pupilId ?? ''));
  const present = marks.filter((mark) => mark && isPresent(mark)).length;
  const onError = (error: unknown) => {
    setFailed(error instanceof StorageFullError ? 'storageFull' : 'unknown');
  };

  const allPresent = () => {
    markAllPresent(docs, event, pupils, me).then((created) => {
      setUndo(created.length > 0 ? created : null);
    }, onError);
  };
  const takeBack = () => {
    if (undo)
      undoAllPresent(undo).then(() => {
        setUndo(null);
      }, onError);
  };

  return (
    <section className="roll-call" aria-labelledby="roll-call-title">
      <button
        type="button"
        onClick={() => {
          navigate({ name: 'home' });
        }}
      >
        ← {t('shell.back')}
      </button>
      <h2 id="roll-call-title">{event.body.title}</h2>
      <p className="event-when">
        {formatDate(event.date ?? '', i18n.language)}
        {event.body.start ? `, ${event.body.start}` : ''}
      </p>
      <div className="roll-call-bar">
        <p
          className="counter"
          aria-label={t('rollCall.counterLabel', { present, total: pupils.length })}
        >
          {t('rollCall.counter', { present, total: pupils.length })}
        </p>
        {editable && (
          <button type="button" className="primary" onClick={allPresent}>
            {t('rollCall.allPresent')}
          </button>
        )}
        {editable && (
          <button
            type="button"
            onClick={() => {
              navigate({ name: 'check-in', eventId: event._id });
            }}
          >
            {t('checkIn.open')}
          </button>
        )}
        {undo && (
          <span className="undo">
            {t('rollCall.undoHint', { count: undo.length })}
            <button type="button" onClick={takeBack}>
              {t('rollCall.undo')}
            </button>
          </span>
        )}
      </div>
      {failed && (
        <p className="error" role="alert">
          {failed === 'storageFull' ? t('device.storageFull') : t('errors.unknown')}
        </p>
      )}
      {pupils.length === 0 && <p className="empty">{t('rollCall.noPupils')}</p>}
      <ul className="pupils">
        {pupils.map((pupil, index) => (
          <RollCallRow
            key={pupil._id}
            event={event}
            pupil={pupil}
            mark={marks[index]}
            letters={letters}
            editable={editable}
            onMarked={() => {
              setUndo(null);
            }}
            onError={onError}
          />
        ))}
      </ul>
      {editable && <ResultsPanel key={event._id} event={event} />}
      <NotesPanel event={event} editable={editable} />
    </section>
  );
}
