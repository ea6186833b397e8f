import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ofType } from '../domain/queries';
import { formatDate } from '../events/formatDate';
import { useDocs } from '../store/hooks';

/**
 * A pupil's achievements on this device, the latest first. The class teacher sees who each is
 * for; a family holds only those addressed to it, so it is not told.
 */
export function AchievementList({ pupilId, forTeacher }: { pupilId: string; forTeacher: boolean }) {
  const { t, i18n } = useTranslation();
  const docs = useDocs();
  const achievements = useMemo(
    () =>
      ofType(docs, 'achievement')
        .filter((doc) => doc.pupilId === pupilId)
        .sort((a, b) => (b.date ?? b.updatedAt).localeCompare(a.date ?? a.updatedAt)),
    [docs, pupilId],
  );

  if (achievements.length === 0) return <p className="empty">{t('pupils.noAchievements')}</p>;
  return (
    <ul className="achievements">
      {achievements.map((doc) => (
        <li key={doc._id} className="note">
          <p>
            <strong>{doc.body.title}</strong>
            {doc.date ? ` · ${formatDate(doc.date, i18n.language)}` : ''}
          </p>
          {doc.body.text && <p>{doc.body.text}</p>}
          {forTeacher ? (
            <small>
              {doc.body.authorName ? `${doc.body.authorName} · ` : ''}
              {doc.audience === 'staff' ? t('notes.staff') : t('notes.family')}
            </small>
          ) : (
            doc.body.authorName && <small>{doc.body.authorName}</small>
          )}
        </li>
      ))}
    </ul>
  );
}
