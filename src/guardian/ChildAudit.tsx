import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PupilAudit } from '../audit/PupilAudit';
import type { DocOf } from '../domain/queries';

/** «Кто смотрел данные ребёнка»: asked of the server only when the family opens it. */
export function ChildAudit({ child }: { child: DocOf<'pupil'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  return (
    <section className="card" aria-labelledby="child-audit-title">
      <details
        onToggle={(event) => {
          setOpen(event.currentTarget.open);
        }}
      >
        <summary>
          <h3 id="child-audit-title" className="summary-title">
            {t('audit.childHeading')}
          </h3>
        </summary>
        {open && <PupilAudit pupilId={child.pupilId ?? ''} />}
      </details>
    </section>
  );
}
