import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fullName } from '../domain/names';
import { pupilsOf } from '../domain/queries';
import { navigate } from '../store/appStore';
import { useDocs } from '../store/hooks';

/** The class's pupils, folded away: each opens the pupil's achievements and portfolio. */
export function ClassPupils({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const pupils = useMemo(() => pupilsOf(docs, [classId]), [docs, classId]);

  return (
    <details className="past">
      <summary>{t('pupils.heading')}</summary>
      <ul className="events">
        {pupils.map((pupil) => {
          const name = fullName(pupil.body);
          return (
            <li key={pupil._id}>
              <button
                type="button"
                className="event"
                aria-label={t('pupils.open', { name })}
                onClick={() => {
                  navigate({ name: 'pupil', pupilId: pupil.pupilId ?? '' });
                }}
              >
                {name}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
