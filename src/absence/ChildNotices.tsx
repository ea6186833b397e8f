import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { noticesOfPupil } from '../domain/absence';
import type { DocOf } from '../domain/queries';
import { useDocs } from '../store/hooks';
import { NoticeItem } from './NoticeItem';

/** A family's own absence notices about a child, the latest first, with what became of each. */
export function ChildNotices({ child }: { child: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const notices = useMemo(() => noticesOfPupil(docs, child.pupilId ?? ''), [docs, child]);
  if (notices.length === 0) return null;

  return (
    <section className="card" aria-labelledby="child-notices-title">
      <h3 id="child-notices-title">{t('absence.mine')}</h3>
      <ul className="notices" aria-labelledby="child-notices-title">
        {notices.map((notice) => (
          <NoticeItem key={notice._id} notice={notice} forTeacher={false} />
        ))}
      </ul>
    </section>
  );
}
