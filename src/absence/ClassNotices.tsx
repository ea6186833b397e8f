import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { noticesOfClasses } from '../domain/absence';
import { addDays } from '../domain/schoolDate';
import { useDocs, useToday } from '../store/hooks';
import { NoticeItem } from './NoticeItem';

/** How long a notice stays in the list after its last day; older ones wait behind «Ранее». */
const RECENT_DAYS = 14;

/**
 * The class teacher's inbox of absence notices from the families of a class, the latest sent
 * first: the child, the dates or the event, the reason and the certificate. Notices whose last day
 * is more than two weeks past are folded away.
 */
export function ClassNotices({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const today = useToday();
  const notices = useMemo(() => noticesOfClasses(docs, [classId]), [docs, classId]);
  if (notices.length === 0) return null;

  const since = addDays(today, -RECENT_DAYS);
  const recent = notices.filter((notice) => notice.body.to >= since);
  const older = notices.filter((notice) => notice.body.to < since);
  const titleId = `class-notices-${classId}`;
  return (
    <div className="class-notices">
      <h3 id={titleId}>{t('absence.inbox', { count: recent.length })}</h3>
      {recent.length === 0 && <p className="empty">{t('absence.noneRecent')}</p>}
      <ul className="notices" aria-labelledby={titleId}>
        {recent.map((notice) => (
          <NoticeItem key={notice._id} notice={notice} forTeacher />
        ))}
      </ul>
      {older.length > 0 && (
        <details>
          <summary>{t('absence.older', { count: older.length })}</summary>
          <ul className="notices">
            {older.map((notice) => (
              <NoticeItem key={notice._id} notice={notice} forTeacher />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
