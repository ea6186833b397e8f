import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { useToday } from '../store/hooks';
import { addEvent } from './eventActions';

/** A teacher adds an event for their class on the spot: title, date, start time. */
export function AddEventForm({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const today = useToday();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [failed, setFailed] = useState(false);

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('events.add')}
      </button>
    );
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    addEvent({ classId, title, date: date || today, start }).then(
      () => {
        setTitle('');
        setStart('');
        setFailed(false);
        setOpen(false);
      },
      () => {
        setFailed(true);
      },
    );
  };

  return (
    <form className="add-event" onSubmit={submit} aria-label={t('events.add')}>
      <label>
        {t('events.title')}
        <input
          required
          maxLength={300}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
          }}
        />
      </label>
      <label>
        {t('events.date')}
        <input
          type="date"
          required
          value={date || today}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </label>
      <label>
        {t('events.start')}
        <input
          type="time"
          value={start}
          onChange={(e) => {
            setStart(e.target.value);
          }}
        />
      </label>
      {failed && (
        <p className="error" role="alert">
          {errorText(t, 'invalid_doc')}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary">
          {t('events.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
          }}
        >
          {t('events.cancel')}
        </button>
      </div>
    </form>
  );
}
