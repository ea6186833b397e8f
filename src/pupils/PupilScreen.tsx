import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../domain/names';
import { classOf, ofType, type DocOf } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { navigate } from '../store/appStore';
import { useDocs } from '../store/hooks';
import { AchievementForm } from './AchievementForm';
import { PupilAttendance } from './PupilAttendance';
import { PupilPortfolio } from './PupilPortfolio';

/**
 * One pupil for the class teacher: attendance by period with corrected marks, «Достижения» with
 * a form to add one, and the portfolio.
 */
export function PupilScreen({ pupilId, eventId }: { pupilId: string; eventId?: string }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const pupil = docs.get(`pupil:${pupilId}`) as DocOf<'pupil'> | undefined;
  const achievements = useMemo(
    () =>
      ofType(docs, 'achievement')
        .filter((doc) => doc.pupilId === pupilId)
        .sort((a, b) => (b.date ?? b.updatedAt).localeCompare(a.date ?? a.updatedAt)),
    [docs, pupilId],
  );
  const back = () => {
    navigate(eventId ? { name: 'event', eventId } : { name: 'home' });
  };
  if (!pupil) return null;
  const className = classOf(docs, pupil.classIds[0] ?? '')?.body.name ?? '';

  return (
    <section className="card pupil-screen" aria-labelledby="pupil-title">
      <button type="button" onClick={back}>
        ← {t('shell.back')}
      </button>
      <h2 id="pupil-title">{fullName(pupil.body)}</h2>
      <p className="event-when">{t('pupils.classLine', { name: className })}</p>
      <PupilAttendance pupil={pupil} />
      <section aria-labelledby="achievements-title">
        <h3 id="achievements-title">{t('pupils.achievements')}</h3>
        {achievements.length === 0 && <p className="empty">{t('pupils.noAchievements')}</p>}
        <ul className="achievements">
          {achievements.map((doc) => (
            <li key={doc._id} className="note">
              <p>
                <strong>{doc.body.title}</strong>
                {doc.date ? ` · ${formatDate(doc.date, i18n.language)}` : ''}
              </p>
              {doc.body.text && <p>{doc.body.text}</p>}
              <small>
                {doc.body.authorName ? `${doc.body.authorName} · ` : ''}
                {doc.audience === 'staff' ? t('notes.staff') : t('notes.family')}
              </small>
            </li>
          ))}
        </ul>
        <AchievementForm key={pupilId} pupil={pupil} />
      </section>
      <PupilPortfolio key={pupilId} pupilId={pupilId} />
    </section>
  );
}
