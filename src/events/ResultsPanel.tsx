import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocOf } from '../domain/queries';
import { MAX_NOTE_CHARS } from '../domain/schemas';
import { errorText } from '../i18n/errorText';
import { MinutesForm } from '../notes/MinutesForm';
import { EventReportButtons } from './EventReportButtons';
import { isParentMeeting } from '../domain/eventLife';
import { saveEventResults } from './recordActions';

type Field = 'outcome' | 'deviations';
const FIELDS: readonly Field[] = ['outcome', 'deviations'];

function initial(event: DocOf<'event'>): Record<Field, string> {
  return { outcome: event.body.outcome ?? '', deviations: event.body.deviations ?? '' };
}

/**
 * «Итоги»: what happened and how it departed from the plan; for a parent meeting, its minutes
 * (a note of their own, with photos and recordings and an audience), then the PDFs.
 */
export function ResultsPanel({ event }: { event: DocOf<'event'> }) {
  const { t } = useTranslation();
  const meeting = isParentMeeting(event);
  const [values, setValues] = useState(() => initial(event));
  const [state, setState] = useState<'idle' | 'saved' | 'failed'>('idle');

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    setState('idle');
    saveEventResults(event, values)
      .then(() => {
        setState('saved');
      })
      .catch(() => {
        setState('failed');
      });
  };

  return (
    <section className="results" aria-labelledby="results-title">
      <h3 id="results-title">{t('results.heading')}</h3>
      <form onSubmit={submit} aria-label={t('results.heading')}>
        {FIELDS.map((field) => (
          <label key={field}>
            {t(`results.${field}`)}
            <textarea
              maxLength={MAX_NOTE_CHARS}
              rows={3}
              value={values[field]}
              onChange={(e) => {
                setState('idle');
                setValues({ ...values, [field]: e.target.value });
              }}
            />
          </label>
        ))}
        {state === 'failed' && (
          <p className="error" role="alert">
            {errorText(t, 'invalid_doc')}
          </p>
        )}
        {state === 'saved' && <p role="status">{t('results.saved')}</p>}
        <button type="submit" className="primary">
          {t('results.save')}
        </button>
      </form>
      {meeting && <MinutesForm key={event._id} event={event} />}
      <EventReportButtons event={event} meeting={meeting} />
    </section>
  );
}
