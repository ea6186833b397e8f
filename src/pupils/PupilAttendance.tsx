import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyTotals, periodsFor, periodTotals, type SchoolPeriod } from '../domain/attendance';
import { classOf, marksOf, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { MarkHistory } from '../roll-call/MarkHistory';
import { useDocs, useSchool } from '../store/hooks';

/**
 * A pupil's attendance in their record: the totals of each reporting period of the pupil's grade
 * and of the year, then every corrected mark with its history (who, when and why).
 */
export function PupilAttendance({ pupil }: { pupil: DocOf<'pupil'> }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const school = useSchool()?.body;
  const grade = classOf(docs, pupil.classIds[0] ?? '')?.body.grade;
  const marks = useMemo(() => marksOf(docs, pupil.pupilId ?? ''), [docs, pupil.pupilId]);
  const periods: SchoolPeriod[] =
    school && grade !== undefined
      ? [...periodsFor(school, grade), { name: t('reports.year'), ...school.schoolYear }]
      : [];
  const corrected = marks.filter(({ attendance }) =>
    [attendance.body, ...attendance.body.history].some((version) => version.why),
  );

  return (
    <section aria-labelledby="pupil-attendance-title">
      <h3 id="pupil-attendance-title">{t('pupils.attendance')}</h3>
      <table className="preview totals">
        <thead>
          <tr>
            <th>{t('pupils.period')}</th>
            <th>{t('pupils.marked')}</th>
            <th>{t('pupils.presentCount')}</th>
            <th>{t('pupils.late')}</th>
            <th>{t('pupils.absent')}</th>
            <th>{t('pupils.excused')}</th>
            <th>{t('pupils.unexcused')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => {
            const totals =
              periodTotals(
                marks.map(({ attendance }) => attendance),
                period,
              ).get(pupil.pupilId ?? '') ?? emptyTotals();
            return (
              <tr key={period.name}>
                <th scope="row">{period.name}</th>
                <td>{totals.marked}</td>
                <td>{totals.present}</td>
                <td>{totals.late}</td>
                <td>{totals.absent}</td>
                <td>{totals.excused}</td>
                <td>{totals.unexcused}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>{t('pupils.corrections')}</h4>
      {corrected.length === 0 && <p className="empty">{t('pupils.noCorrections')}</p>}
      <ul className="corrections">
        {corrected.map(({ attendance, event }) => (
          <li key={attendance._id}>
            <strong>
              {event?.body.title ?? t('events.untitled')},{' '}
              {formatDate(attendance.date ?? '', i18n.language)}
            </strong>
            <MarkHistory
              body={attendance.body}
              letters={school?.attendanceLetters ?? []}
              pupil={pupil}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
