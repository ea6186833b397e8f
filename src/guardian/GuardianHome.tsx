import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AbsenceForm } from '../absence/AbsenceForm';
import { ChildNotices } from '../absence/ChildNotices';
import { fullName } from '../domain/names';
import { childrenOf } from '../domain/queries';
import { useDocs, useMe } from '../store/hooks';
import { ChildAchievements } from './ChildAchievements';
import { ChildAudit } from './ChildAudit';
import { ChildEvents } from './ChildEvents';
import { ChildMarks } from './ChildMarks';
import { ChildNotes } from './ChildNotes';

/** A family's view on a phone: switch between children; marks and messages of the chosen one. */
export function GuardianHome() {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const children = useMemo(() => childrenOf(docs, me), [docs, me]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const child = children.find((pupil) => pupil._id === chosenId) ?? children[0];

  if (!child) return <p className="empty">{t('guardian.noChildren')}</p>;

  return (
    <>
      {children.length > 1 && (
        <div className="child-switch" role="tablist" aria-label={t('guardian.children')}>
          {children.map((pupil) => (
            <button
              key={pupil._id}
              type="button"
              role="tab"
              aria-selected={pupil._id === child._id}
              aria-controls="child-panel"
              onClick={() => {
                setChosenId(pupil._id);
              }}
            >
              {pupil.body.firstName}
            </button>
          ))}
        </div>
      )}
      <div id="child-panel" role={children.length > 1 ? 'tabpanel' : undefined}>
        <h2>{fullName(child.body)}</h2>
        <AbsenceForm key={child._id} child={child} />
        <ChildNotices child={child} />
        <ChildEvents child={child} />
        <ChildMarks child={child} />
        <ChildNotes child={child} />
        <ChildAchievements child={child} />
        <ChildAudit key={child._id} child={child} />
      </div>
    </>
  );
}
