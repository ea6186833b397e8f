import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { eventState } from '../domain/eventLife';
import type { PlanEventsImport, PlanPreviewRow } from '../domain/import/planEvents';
import type { RowError } from '../domain/import/rowError';
import { formatDate } from './formatDate';

/** What importing a row does, in words: new, updated (which fields), or already there and how. */
function actionText(t: TFunction, row: PlanPreviewRow, language: string): string {
  if (row.action === 'create') return t('planImport.action_create');
  if (row.action === 'update') {
    const fields = row.changed.map((field) => t(`planImport.field_${field}`)).join(', ');
    return t('planImport.action_update', { fields });
  }
  const existing = row.existing;
  const state = existing ? eventState(existing) : undefined;
  const notes = [t('planImport.action_unchanged')];
  if (state?.moved && existing) {
    notes.push(t('planImport.existing_moved', { date: formatDate(existing.date ?? '', language) }));
  }
  if (state?.status === 'cancelled') notes.push(t('planImport.existing_cancelled'));
  if (state?.status === 'held') notes.push(t('planImport.existing_held'));
  return notes.join(', ');
}

/** The rows of the teacher's class as they will be imported, and every row that will not be. */
export function PlanImportPreview({
  planned,
  school = false,
}: {
  planned: PlanEventsImport;
  /** The administration's import: the rows are the school's, not one class's. */
  school?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const others = planned.refused.filter((error) => error.code === 'not_your_class');
  const refused = planned.refused.filter((error) => error.code !== 'not_your_class');
  const count = (action: PlanPreviewRow['action']) =>
    planned.rows.filter((row) => row.action === action).length;

  return (
    <>
      <p role="status">
        {t('planImport.summary', {
          create: count('create'),
          update: count('update'),
          unchanged: count('unchanged'),
        })}
      </p>
      {refused.length > 0 && (
        <>
          <h3>{t('planImport.refused', { count: refused.length })}</h3>
          <RefusedTable errors={refused} label={t('planImport.refusedTable')} />
        </>
      )}
      {others.length > 0 && (
        <details>
          <summary>
            {t('planImport.otherClasses', {
              count: others.length,
              names: [...new Set(others.map((error) => error.value))].join(', '),
            })}
          </summary>
          <RefusedTable errors={others} label={t('planImport.otherTable')} />
        </details>
      )}
      <table
        className="preview"
        aria-label={t(school ? 'planImport.rowsTableSchool' : 'planImport.rowsTable')}
      >
        <thead>
          <tr>
            <th>{t('planImport.line')}</th>
            <th>{t('planImport.date')}</th>
            <th>{t('planImport.title')}</th>
            <th>{t('planImport.status')}</th>
          </tr>
        </thead>
        <tbody>
          {planned.rows.map((row) => (
            <tr key={row.line} className={row.action}>
              <td>{row.line}</td>
              <td>
                {formatDate(row.date, i18n.language)}
                {row.start ? `, ${row.start}` : ''}
              </td>
              <td>{row.title}</td>
              <td>{actionText(t, row, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RefusedTable({ errors, label }: { errors: readonly RowError[]; label: string }) {
  const { t } = useTranslation();
  return (
    <table className="preview" aria-label={label}>
      <thead>
        <tr>
          <th>{t('planImport.line')}</th>
          <th>{t('planImport.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error) => (
          <tr key={`${String(error.line)}-${error.code}`} className="refused">
            <td>{error.line}</td>
            <td>{t(`importReasons.${error.code}`, { value: error.value ?? '' })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
