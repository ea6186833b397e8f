import { useTranslation } from 'react-i18next';
import type { DocOf } from '../domain/queries';
import { AchievementList } from '../pupils/AchievementList';

/** The child's achievements the class teacher shared with the family. */
export function ChildAchievements({ child }: { child: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="child-achievements-title">
      <h3 id="child-achievements-title">{t('pupils.achievements')}</h3>
      <AchievementList pupilId={child.pupilId ?? ''} forTeacher={false} />
    </section>
  );
}
