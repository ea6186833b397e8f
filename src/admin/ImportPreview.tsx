import { useTranslation } from 'react-i18next';
import type { PreviewRow } from '../domain/import/importPlan';
import type { RowError } from '../domain/import/rowError';
import { ruDate } from '../reports/pdfKit';

export interface RefusedRow extends RowError {
  file: string;
}

interface Props {
  rows: readonly PreviewRow[];
  refused: readonly RefusedRow[];
}

/** Every row as it will be imported, and every row that cannot be, with its number and reason. */
export function ImportPreview({ rows, refused }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {refused.length > 0 && (
        <>
          <h3>{t('importer.refused', { count: refused.length })}</h3>
          <table className="preview" aria-label={t('importer.refusedTable')}>
            <thead>
              <tr>
                <th>{t('importer.file')}</th>
                <th>{t('importer.row')}</th>
                <th>{t('importer.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((error) => (
                <tr key={`${error.file}-${String(error.line)}`} className="refused">
                  <td>{error.file}</td>
                  <td>{error.line}</td>
                  <td>{t(`importReasons.${error.code}`, { value: error.value ?? '' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('importer.rows', { count: rows.length })}</h3>
      <table className="preview" aria-label={t('importer.rowsTable')}>
        <thead>
          <tr>
            <th>{t('importer.row')}</th>
            <th>{t('importer.name')}</th>
            <th>{t('importer.class')}</th>
            <th>{t('importer.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.file}-${String(row.line)}`} className={row.action}>
              <td>{row.line}</td>
              <td>
                {row.name}
                {row.birthDate ? `, ${ruDate(row.birthDate)}` : ''}
                {row.corrected.length > 0 && (
                  <small> {t('importer.corrected', { names: row.corrected.join(', ') })}</small>
                )}
              </td>
              <td>{row.className ?? ''}</td>
              <td>
                {t(`importActions.${row.action}`)}
                {row.changed.length > 0 && row.action === 'update'
                  ? `: ${row.changed.join(', ')}`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
