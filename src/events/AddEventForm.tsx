import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { useToday } from '../store/hooks';
import { addEvent } from './eventLifeActions';
import { useActor } from './useViewer';

interface Fields {
  title: string;
  date: string;
  start: string;
  end: string;
  place: string;
}

const EMPTY: Fields = { title: '', date: '', start: '', end: '', place: '' };

interface Props {
  /** The classes the event is for, or a function asking the form's own choice (the administration). */
  classIds: string[] | (() => string[] | null);
  label?: string;
  /** More fields before the buttons: who the event is for. */
  children?: ReactNode;
  onSaved?: () => void;
}

/** A teacher (or the administration) adds an event by hand: what, when, where. */
export function AddEventForm({ classIds, label, children, onSaved }: Props) {
  const { t } = useTranslation();
  const today = useToday();
  const actor = useActor();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [failed, setFailed] = useState(false);
  const title = label ?? t('events.add');

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          setOpen(true);
        }}
      >
        {title}
      </button>
    );
  }

  const set = (key: keyof Fields) => (value: string) => {
    setFields((current) => ({ ...current, [key]: value }));
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const chosen = typeof classIds === 'function' ? classIds() : classIds;
    if (!chosen) return;
    addEvent({ ...fields, classIds: chosen, date: fields.date || today }, actor()).then(
      () => {
        setFields(EMPTY);
        setFailed(false);
        setOpen(false);
        onSaved?.();
      },
      () => {
        setFailed(true);
      },
    );
  };

  return (
    <form className="add-event" onSubmit={submit} aria-label={title}>
      <Field label={t('events.title')} value={fields.title} onChange={set('title')} required />
      <Field
        label={t('events.date')}
        type="date"
        value={fields.date || today}
        onChange={set('date')}
        required
      />
      <Field label={t('events.start')} type="time" value={fields.start} onChange={set('start')} />
      <Field label={t('events.end')} type="time" value={fields.end} onChange={set('end')} />
      <Field label={t('events.place')} value={fields.place} onChange={set('place')} />
      {children}
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

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'time';
  required?: boolean;
}

export function Field({ label, value, onChange, type = 'text', required = false }: FieldProps) {
  return (
    <label>
      {label}
      <input
        type={type}
        required={required}
        maxLength={type === 'text' ? 300 : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}
