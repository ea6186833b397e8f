import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchool } from '../store/hooks';
import type { AuditEntry } from '../sync/couchApi';
import { formatMoment, newestFirst, roleKeys } from './auditRows';

/** Who read or changed a pupil's records, and when, newest first. */
export function AuditEntries({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const timeZone = useSchool()?.body.timeZone ?? 'Europe/Moscow';
  const rows = useMemo(() => newestFirst(entries), [entries]);
  if (rows.length === 0) return <p className="empty">{t('audit.none')}</p>;

  return (
    <ul className="audit">
      {rows.map((entry, index) => (
        <li key={`${entry.at}-${entry.docId}-${String(index)}`} className="audit-row">
          <span className="event-when">{formatMoment(entry.at, i18n.language, timeZone)}</span>
          <span className="event-title">
            {entry.name ?? t('audit.unknownPerson')}
            {roleKeys(entry.role).length > 0 &&
              ` (${roleKeys(entry.role)
                .map((key) => t(key))
                .join(', ')})`}
          </span>
          <span>
            {t(`auditAction.${entry.action}`)}: {t(`docType.${entry.docType}`, entry.docType)}
            {entry.device ? ` · ${t('audit.device', { id: entry.device.slice(0, 6) })}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
