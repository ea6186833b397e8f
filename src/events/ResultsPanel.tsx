import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocOf } from '../domain/queries';
import { MAX_NOTE_CHARS } from '../domain/schemas';
import { errorText } from '../i18n/errorText';
import { EventReportButtons } from './EventReportButtons';
import { isParentMeeting, saveEventResults } from './recordActions';

type Field = 'outcome' | 'deviations' | 'agenda' | 'heard' | 'decided';

function initial(event: DocOf<'event'>): Record<Field, string> {
  const { outcome, deviations, minutes } = event.body;
  return {
    outcome: outcome ?? '',
    deviations: deviations ?? '',
    agenda: minutes?.agenda.join('\n') ?? '',
    heard: minutes?.heard ?? '',
    decided: minutes?.decided ?? '',
  };
}

/** «Итоги»: what happened and how it departed from the plan; a parent meeting's minutes too. */
export function ResultsPanel({ event }: { event: DocOf<'event'> }) {
  const { t } = useTranslation();
  const meeting = isParentMeeting(event);
  const [values, setValues] = useState(() => initial(event));
  const [state, setState] = useState<'idle' | 'saved' | 'failed'>('idle');
  const fields: Field[] = meeting
    ? ['outcome', 'deviations', 'agenda', 'heard', 'decided']
    : ['outcome', 'deviations'];

  const submit = (formEvent: SyntheticEvent) => {
    formEvent.preventDefault();
    setState('idle');
    const minutes = meeting
      ? { agenda: values.agenda, heard: values.heard, decided: values.decided }
      : undefined;
    saveEventResults(event, { outcome: values.outcome, deviations: values.deviations, minutes })
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
        {fields.map((field) => (
          <label key={field}>
            {t(`results.${field}`)}
            <textarea
              maxLength={field === 'agenda' ? 30_000 : MAX_NOTE_CHARS}
              rows={field === 'agenda' ? 4 : 3}
              value={values[field]}
              onChange={(e) => {
                setState('idle');
                setValues({ ...values, [field]: e.target.value });
              }}
            />
          </label>
        ))}
        {meeting && <p className="hint">{t('results.presentFromRollCall')}</p>}
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
      <EventReportButtons event={event} meeting={meeting} />
    </section>
  );
}
