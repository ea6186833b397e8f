import { useTranslation } from 'react-i18next';
import { fullName } from '../domain/names';
import { classOf, type DocOf } from '../domain/queries';
import { navigate } from '../store/appStore';
import { useDocs } from '../store/hooks';
import { AchievementForm } from './AchievementForm';
import { AchievementList } from './AchievementList';
import { PupilAttendance } from './PupilAttendance';
import { PupilPortfolio } from './PupilPortfolio';

/**
 * One pupil for the class teacher: attendance by period with corrected marks, «Достижения» with
 * a form to add one, and the portfolio.
 */
export function PupilScreen({ pupilId, eventId }: { pupilId: string; eventId?: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const pupil = docs.get(`pupil:${pupilId}`) as DocOf<'pupil'> | undefined;
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
        <AchievementList pupilId={pupilId} forTeacher />
        <AchievementForm key={pupilId} pupil={pupil} />
      </section>
      <PupilPortfolio key={pupilId} pupilId={pupilId} />
    </section>
  );
}
