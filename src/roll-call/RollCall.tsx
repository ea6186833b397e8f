import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSuggestions } from '../absence/useSuggestions';
import { attended, toggledMark, type Mark } from '../domain/attendance';
import { uuidOf } from '../domain/envelope';
import { markAt, pupilsOf, type DocOf } from '../domain/queries';
import { EventBanner } from '../events/EventBanner';
import { formatDate } from '../events/formatDate';
import { NotesPanel } from '../events/NotesPanel';
import { ResultsPanel } from '../events/ResultsPanel';
import { useRollCallClassIds } from '../events/useViewer';
import { navigate } from '../store/appStore';
import { StorageFullError } from '../store/storageGuard';
import { useDocs, useMe, useSchool } from '../store/hooks';
import { MarkSheet } from './MarkSheet';
import { markAllPresent, needsWhy, setMark, undoAllPresent } from './rollCallActions';
import { RollCallRow } from './RollCallRow';
import { useFitColumns } from './useFitColumns';

type View = 'roll' | 'records';

/** The sheet of one pupil, and the mark one tap asked for when it turned out a correction. */
interface Sheet {
  pupilId: string;
  proposed?: Mark;
}

/**
 * Roll call at one event: every pupil of its classes on one screen, one tap each. Everything else
 * about the event (its life, results and notes) is the screen's other view, so the roll never
 * scrolls: a panel below the roll would push it off the screen.
 */
export function RollCall({
  eventId,
  editable,
  records,
}: {
  eventId: string;
  editable: boolean;
  /** More of the event for its records view, before its results and notes (its life). */
  records?: ReactNode;
}) {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const letters = useSchool()?.body.attendanceLetters ?? [];
  const [view, setView] = useState<View>('roll');
  const [undo, setUndo] = useState<DocOf<'attendance'>[] | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [failed, setFailed] = useState<'storageFull' | 'unknown' | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const event = docs.get(eventId) as DocOf<'event'> | undefined;
  // A class teacher's own class only, at an event of several classes or of the whole school.
  const classIds = useRollCallClassIds(event);
  const pupils = useMemo(() => pupilsOf(docs, classIds), [docs, classIds]);
  const suggestions = useSuggestions(event, pupils);
  useFitColumns(list, view === 'roll' ? pupils.length : 0);
  if (!event) return null;

  const uuid = uuidOf(event._id);
  const marks = pupils.map((pupil) => markAt(docs, uuid, pupil.pupilId ?? ''));
  const present = marks.filter((mark) => mark && attended(mark)).length;
  const onError = (error: unknown) => {
    setFailed(error instanceof StorageFullError ? 'storageFull' : 'unknown');
  };
  const allPresent = () => {
    const suggested = (pupil: DocOf<'pupil'>) => suggestions[pupils.indexOf(pupil)]?.mark;
    markAllPresent(docs, event, pupils, me, suggested).then((created) => {
      setUndo(created.length > 0 ? created : null);
    }, onError);
  };
  const toggle = (pupil: DocOf<'pupil'>, index: number) => {
    // A family's notice shown on the row is confirmed by the tap (src/domain/absence.ts).
    const next = suggestions[index]?.mark ?? toggledMark(letters, marks[index]);
    setUndo(null);
    // A mark from an earlier school day is corrected in the sheet, with a why.
    if (needsWhy(docs, event, pupil)) setSheet({ pupilId: pupil._id, proposed: next });
    else setMark(docs, event, pupil, next, me).catch(onError);
  };
  const sheetPupil = sheet && pupils.find((pupil) => pupil._id === sheet.pupilId);

  return (
    <section className="roll-call" aria-labelledby="roll-call-title" data-view={view}>
      <div className="roll-call-top">
        <RollCallHead event={event} />
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
              {t('rollCall.undoHint', {
                count: undo.filter((doc) => doc.body.status === 'present').length,
              })}
              <button
                type="button"
                onClick={() => {
                  undoAllPresent(undo).then(() => {
                    setUndo(null);
                  }, onError);
                }}
              >
                {t('rollCall.undo')}
              </button>
            </span>
          )}
          <ViewSwitch view={view} onView={setView} />
        </div>
        {failed && (
          <p className="error" role="alert">
            {failed === 'storageFull' ? t('device.storageFull') : t('errors.unknown')}
          </p>
        )}
      </div>
      {view === 'roll' && pupils.length === 0 && <p className="empty">{t('rollCall.noPupils')}</p>}
      <ul className="pupils" ref={list} hidden={view !== 'roll'}>
        {pupils.map((pupil, index) => (
          <RollCallRow
            key={pupil._id}
            pupil={pupil}
            mark={marks[index]}
            suggestion={suggestions[index]}
            letters={letters}
            editable={editable}
            onToggle={() => {
              toggle(pupil, index);
            }}
            onDetails={() => {
              setSheet({ pupilId: pupil._id, proposed: suggestions[index]?.mark });
            }}
          />
        ))}
      </ul>
      {view === 'records' && records}
      {view === 'records' && editable && <ResultsPanel key={event._id} event={event} />}
      {view === 'records' && <NotesPanel event={event} editable={editable} />}
      {sheet && sheetPupil && (
        <MarkSheet
          key={sheet.pupilId}
          event={event}
          pupil={sheetPupil}
          mark={marks[pupils.indexOf(sheetPupil)]}
          proposed={sheet.proposed}
          onClose={() => {
            setSheet(null);
          }}
        />
      )}
    </section>
  );
}

/** Back, the event's title and date, and what happened to it (moved, cancelled, substituted). */
function RollCallHead({ event }: { event: DocOf<'event'> }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="roll-call-head">
      <button
        type="button"
        onClick={() => {
          navigate({ name: 'home' });
        }}
      >
        ← {t('shell.back')}
      </button>
      <div className="roll-call-title">
        <h2 id="roll-call-title">{event.body.title}</h2>
        <p className="event-when">
          {formatDate(event.date ?? '', i18n.language)}
          {event.body.start ? `, ${event.body.start}` : ''}
        </p>
        <EventBanner event={event} />
      </div>
    </div>
  );
}

/** The roll, or the event's life, results and notes: one at a time, so the roll never scrolls. */
function ViewSwitch({ view, onView }: { view: View; onView: (view: View) => void }) {
  const { t } = useTranslation();
  return (
    <div className="view-switch" role="group" aria-label={t('rollCall.views')}>
      {(['roll', 'records'] as const).map((name) => (
        <button
          key={name}
          type="button"
          aria-pressed={view === name}
          onClick={() => {
            onView(name);
          }}
        >
          {t(name === 'roll' ? 'rollCall.viewRoll' : 'rollCall.viewRecords')}
        </button>
      ))}
    </div>
  );
}
