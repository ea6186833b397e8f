import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidOf } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { saveEventPdf, type EventReportKind } from '../reports/saveEventPdf';
import { useDocs, useSchool } from '../store/hooks';

/** The minutes PDF of a parent meeting and the record PDF of any event, from the event screen. */
export function EventReportButtons({
  event,
  meeting,
}: {
  event: DocOf<'event'>;
  meeting: boolean;
}) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const [failed, setFailed] = useState(false);
  const kinds: EventReportKind[] = meeting ? ['minutes', 'record'] : ['record'];

  const make = (kind: EventReportKind) => {
    setFailed(false);
    saveEventPdf(docs, uuidOf(event._id), kind, school?.body.name ?? '').catch(() => {
      setFailed(true);
    });
  };

  return (
    <div className="row-actions">
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          onClick={() => {
            make(kind);
          }}
        >
          {kind === 'minutes' ? t('reports.minutes') : t('reports.record')}
        </button>
      ))}
      {failed && <p role="alert">{t('reports.failed')}</p>}
    </div>
  );
}
