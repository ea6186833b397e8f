import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsOfClass } from '../domain/queries';
import { isParentMeeting } from '../domain/eventLife';
import { useDocs, useSchool } from '../store/hooks';
import { saveEventPdf } from './saveEventPdf';

/** The minutes of a parent meeting (offered for parent meetings only), or the record of any event. */
export function EventReportsPanel({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const events = eventsOfClass(docs, classId);
  const [eventId, setEventId] = useState('');
  const [failed, setFailed] = useState(false);
  const chosen = events.find((event) => event.eventId === eventId);
  const run = (make: () => Promise<void>) => {
    setFailed(false);
    make().catch(() => {
      setFailed(true);
    });
  };
  const eventReport = (kind: 'minutes' | 'record') => {
    run(async () => {
      if (school) await saveEventPdf(docs, eventId, kind, school.body.name);
    });
  };

  return (
    <>
      <label>
        {t('reports.event')}{' '}
        <select
          value={eventId}
          onChange={(event) => {
            setEventId(event.target.value);
          }}
        >
          <option value="">—</option>
          {events.map((e) => (
            <option key={e._id} value={e.eventId}>{`${e.date ?? ''} ${e.body.title}`}</option>
          ))}
        </select>
      </label>
      <div className="row-actions">
        <button
          type="button"
          disabled={!chosen || !isParentMeeting(chosen)}
          onClick={() => {
            eventReport('minutes');
          }}
        >
          {t('reports.minutes')}
        </button>
        <button
          type="button"
          disabled={!eventId}
          onClick={() => {
            eventReport('record');
          }}
        >
          {t('reports.record')}
        </button>
      </div>
      {failed && <p role="alert">{t('reports.failed')}</p>}
    </>
  );
}
