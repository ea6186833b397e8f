import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { letterForMark } from '../domain/attendance';
import { fullName } from '../domain/names';
import { absencesOn } from '../domain/queries';
import { useDocs, useSchool, useToday } from '../store/hooks';

/** Everyone marked absent today across the school, by class. */
export function TodayAbsences() {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const letters = useSchool()?.body.attendanceLetters ?? [];
  const absences = useMemo(() => absencesOn(docs, today), [docs, today]);

  return (
    <section className="card" aria-labelledby="absences-title">
      <h2 id="absences-title">{t('admin.absencesToday')}</h2>
      {absences.length === 0 && <p className="empty">{t('admin.noAbsences')}</p>}
      <ul className="absences">
        {absences.map(({ attendance, pupil, classDoc }) => (
          <li key={attendance._id}>
            <span className="class-name">{classDoc?.body.name}</span>{' '}
            <span>{pupil ? fullName(pupil.body) : '—'}</span>{' '}
            <span className="letter-badge">
              {letterForMark(letters, attendance.body)?.letter ?? attendance.body.status}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
