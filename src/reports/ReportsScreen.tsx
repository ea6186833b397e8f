import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackHome } from '../admin/BackHome';
import { CheckInCardsButton } from '../check-in/CheckInCardsButton';
import { periodsFor } from '../domain/attendance';
import { classOf } from '../domain/queries';
import { useDocs, useSchool } from '../store/hooks';
import { EventReportsPanel } from './EventReportsPanel';
import { InvitationPanel } from './InvitationPanel';
import { PortfolioPanel } from './PortfolioPanel';
import type { Period } from './attendanceTable';
import { loadFonts, savePdf, saveText } from './reportFiles';

/** «Отчёты» of a class: attendance for a period (PDF, CSV), minutes and records, portfolios. */
export function ReportsScreen({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const school = useSchool();
  const classDoc = classOf(docs, classId);
  const className = classDoc?.body.name ?? '';
  const grade = classDoc?.body.grade;
  /** The class's own reporting periods (quarters, or semesters for its grade), then the year. */
  const periods: Period[] = useMemo(() => {
    if (!school || grade === undefined) return [];
    const year = { name: t('reports.year'), ...school.body.schoolYear };
    return [...periodsFor(school.body, grade), year];
  }, [school, grade, t]);
  const [periodIndex, setPeriodIndex] = useState(0);
  const [failed, setFailed] = useState(false);
  const period = periods[periodIndex];

  const run = (make: () => Promise<void>) => {
    setFailed(false);
    make().catch(() => {
      setFailed(true);
    });
  };
  const attendance = () => {
    run(async () => {
      if (!school || !period) return;
      const [{ attendancePdf }, { attendanceTable }] = await Promise.all([
        import('./attendancePdf'),
        import('./attendanceTable'),
      ]);
      const letters = school.body.attendanceLetters;
      const table = attendanceTable(docs, classId, period, letters);
      const input = { schoolName: school.body.name, className, periodName: period.name };
      const pdf = await attendancePdf(await loadFonts(), { ...input, ...period, table, letters });
      savePdf(pdf, `Посещаемость ${className} ${period.name}.pdf`);
    });
  };
  const csv = () => {
    run(async () => {
      if (!school || !period) return;
      const { attendanceCsv } = await import('./attendanceCsv');
      const text = attendanceCsv(docs, classId, className, period, school.body.attendanceLetters);
      saveText(text, `Посещаемость ${className} ${period.name}.csv`, 'text/csv;charset=utf-8');
    });
  };
  return (
    <section className="card" aria-labelledby="reports-title">
      <BackHome />
      <h2 id="reports-title">{t('reports.heading', { name: className })}</h2>
      {failed && <p role="alert">{t('reports.failed')}</p>}
      <label>
        {t('reports.period')}{' '}
        <select
          value={periodIndex}
          onChange={(event) => {
            setPeriodIndex(Number(event.target.value));
          }}
        >
          {periods.map((p, index) => (
            <option key={p.name} value={index}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <div className="row-actions">
        <button type="button" onClick={attendance}>
          {t('reports.attendancePdf')}
        </button>
        <button type="button" onClick={csv}>
          {t('reports.attendanceCsv')}
        </button>
      </div>
      <EventReportsPanel classId={classId} />
      {period && <PortfolioPanel classId={classId} period={period} />}
      <CheckInCardsButton classId={classId} />
      <InvitationPanel classId={classId} />
    </section>
  );
}
