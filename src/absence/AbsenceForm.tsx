import { useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { likelyFirstDay, noticeDatesProblem, type NoticeDatesProblem } from '../domain/absence';
import type { Evidence } from '../domain/attendance';
import { eventsOfClass, type DocOf } from '../domain/queries';
import { MAX_ABSENCE_DAYS } from '../domain/schemas';
import { formatDate } from '../events/formatDate';
import { pending, PendingMediaList, type PendingMedia } from '../media/MediaView';
import { PhotoPicker } from '../media/PhotoPicker';
import { schoolTimeZone, useDocs, useSchool, useToday } from '../store/hooks';
import { StorageFullError } from '../store/storageGuard';
import { sendNotice, type NoticeDraft } from './absenceActions';
import './absence.css';
import { EVIDENCE_CHOICES, REASON_CHOICES } from './noticeText';

/** The most photos of a certificate one notice carries (the schema's limit). */
const MAX_PHOTOS = 3;

type Problem = NoticeDatesProblem | 'no-event' | 'storage-full' | 'failed';

const PROBLEM_KEYS: Record<Problem, string> = {
  'not-a-date': 'absence.error_notADate',
  order: 'absence.error_order',
  'too-long': 'absence.error_tooLong',
  'no-event': 'absence.error_noEvent',
  'storage-full': 'device.storageFull',
  failed: 'errors.unknown',
};

/**
 * «Сообщить об отсутствии» on a family's phone: a day or days (up to MAX_ABSENCE_DAYS), or one
 * upcoming event; the reason; what confirms it; a comment and photos of a certificate. Saved on
 * the phone at once and sent with the next sync, so it works offline too.
 */
export function AbsenceForm({ child }: { child: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const classId = child.classIds[0] ?? '';
  const events = useMemo(
    () =>
      eventsOfClass(docs, classId).filter(
        (event) => (event.date ?? '') >= today && event.body.status !== 'cancelled',
      ),
    [docs, classId, today],
  );
  const timeZone = schoolTimeZone(useSchool());
  const firstDay = () => likelyFirstDay(new Date(Date.now()), timeZone);
  const [open, setOpen] = useState(false);
  const [forEvent, setForEvent] = useState(false);
  const [from, setFrom] = useState(firstDay);
  const [to, setTo] = useState(firstDay);
  const [eventId, setEventId] = useState('');
  const [reason, setReason] = useState<NoticeDraft['reason']>('illness');
  const [evidence, setEvidence] = useState<Evidence>('parent-note');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PendingMedia[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState(false);

  const draft = (): NoticeDraft | Problem => {
    if (forEvent) {
      const event = events.find((candidate) => candidate._id === eventId);
      if (!event?.date) return 'no-event';
      return { from: event.date, to: event.date, event, reason, evidence, text };
    }
    return noticeDatesProblem(from, to) ?? { from, to, reason, evidence, text };
  };

  const submit = (submitted: SyntheticEvent) => {
    submitted.preventDefault();
    const made = draft();
    if (typeof made === 'string') {
      setProblem(made);
      return;
    }
    setProblem(null);
    sendNotice(
      child,
      made,
      photos.map((item) => item.media),
    ).then(
      () => {
        // The next notice starts afresh: nothing of this one is carried into it unseen.
        const day = firstDay();
        setFrom(day);
        setTo(day);
        setForEvent(false);
        setEventId('');
        setReason('illness');
        setEvidence('parent-note');
        setText('');
        setPhotos([]);
        setSent(true);
        setOpen(false);
      },
      (error: unknown) => {
        setProblem(error instanceof StorageFullError ? 'storage-full' : 'failed');
      },
    );
  };

  return (
    <section className="card absence-form" aria-labelledby="absence-form-title">
      <h3 id="absence-form-title">{t('absence.heading')}</h3>
      {sent && !open && <p role="status">{t('absence.sent')}</p>}
      {!open ? (
        <button
          type="button"
          className="primary"
          onClick={() => {
            setOpen(true);
            setSent(false);
          }}
        >
          {t('absence.open')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="hint">{t('absence.intro')}</p>
          <WhenFields
            forEvent={forEvent}
            setForEvent={setForEvent}
            events={events}
            eventId={eventId}
            setEventId={setEventId}
            from={from}
            to={to}
            setFrom={setFrom}
            setTo={setTo}
          />
          <Choices
            legend={t('absence.reason')}
            name="absence-reason"
            choices={REASON_CHOICES.map((value) => [value, t(`absenceReason.${value}`)])}
            value={reason}
            onChange={setReason}
          />
          <Choices
            legend={t('absence.evidence')}
            name="absence-evidence"
            choices={EVIDENCE_CHOICES.map((value) => [value, t(`absenceEvidence.${value}`)])}
            value={evidence}
            onChange={setEvidence}
          />
          <label>
            {t('absence.text')}
            <textarea
              value={text}
              maxLength={1000}
              onChange={(changed) => {
                setText(changed.target.value);
              }}
            />
          </label>
          <p>{t('absence.photo')}</p>
          <PhotoPicker
            disabled={photos.length >= MAX_PHOTOS}
            onPhoto={(photo) => {
              setPhotos((list) => [...list, pending(photo)]);
            }}
          />
          <PendingMediaList
            items={photos}
            onRemove={(key) => {
              setPhotos((list) => list.filter((item) => item.key !== key));
            }}
          />
          {problem && (
            <p className="error" role="alert">
              {t(PROBLEM_KEYS[problem], { count: MAX_ABSENCE_DAYS })}
            </p>
          )}
          <div className="row-actions">
            <button type="submit" className="primary">
              {t('absence.send')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setProblem(null);
              }}
            >
              {t('absence.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

interface WhenProps {
  forEvent: boolean;
  setForEvent: (forEvent: boolean) => void;
  events: readonly DocOf<'event'>[];
  eventId: string;
  setEventId: (eventId: string) => void;
  from: string;
  to: string;
  setFrom: (from: string) => void;
  setTo: (to: string) => void;
}

/** Days (first and last) or one upcoming event of the class. */
function WhenFields(props: WhenProps) {
  const { forEvent, setForEvent, events, eventId, setEventId, from, to, setFrom, setTo } = props;
  const { t, i18n } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('absence.when')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="absence-when"
            checked={!forEvent}
            onChange={() => {
              setForEvent(false);
            }}
          />
          {t('absence.forDays')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="absence-when"
            checked={forEvent}
            onChange={() => {
              setForEvent(true);
            }}
          />
          {t('absence.forEvent')}
        </label>
      </fieldset>
      {forEvent ? (
        <label>
          {t('absence.event')}
          <select
            value={eventId}
            onChange={(changed) => {
              setEventId(changed.target.value);
            }}
          >
            <option value="">{t('absence.chooseEvent')}</option>
            {events.map((event) => (
              <option key={event._id} value={event._id}>
                {`${formatDate(event.date ?? '', i18n.language)}${event.body.start ? `, ${event.body.start}` : ''} — ${event.body.title}`}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <div className="absence-dates">
          <label>
            {t('absence.from')}
            <input
              type="date"
              value={from}
              onChange={(changed) => {
                const value = changed.target.value;
                // Moving the first day past the last moves the last day with it.
                if (to < value || to === from) setTo(value);
                setFrom(value);
              }}
            />
          </label>
          <label>
            {t('absence.to')}
            <input
              type="date"
              value={to}
              min={from}
              onChange={(changed) => {
                setTo(changed.target.value);
              }}
            />
          </label>
          <p className="hint">{t('absence.maxDays', { count: MAX_ABSENCE_DAYS })}</p>
        </div>
      )}
    </>
  );
}

interface ChoicesProps<T extends string> {
  legend: string;
  name: string;
  choices: readonly (readonly [T, string])[];
  value: T;
  onChange: (value: T) => void;
}

/** Radio buttons in a fieldset, each label a whole 44 px row. */
function Choices<T extends string>({ legend, name, choices, value, onChange }: ChoicesProps<T>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map(([choice, label]) => (
        <label key={choice} className="choice">
          <input
            type="radio"
            name={name}
            checked={value === choice}
            onChange={() => {
              onChange(choice);
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
