import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanEventsImport } from '../domain/import/planEvents';
import { classOf, sortedClasses } from '../domain/queries';
import { navigate, useApp } from '../store/appStore';
import { useDocs } from '../store/hooks';
import { readPlanFile, savePlanImport } from './eventLifeActions';
import { PlanImportPreview } from './PlanImportPreview';
import { useActor, useViewer } from './useViewer';

type Phase = 'choose' | 'preview' | 'saving' | 'done';

/**
 * «Импорт плана» of a class teacher: the plan file → a preview of their class's rows and of every
 * refused one → «Импортировать». The events are written through the store, offline too. Without
 * a class, the administration's import of every class's rows.
 */
export function PlanImportScreen({ classId }: { classId?: string | undefined }) {
  const { t } = useTranslation();
  const docs = useDocs();
  const viewer = useViewer();
  const actor = useActor();
  const schoolId = useApp((state) => state.profile?.schoolId ?? '');
  const [phase, setPhase] = useState<Phase>('choose');
  const [planned, setPlanned] = useState<PlanEventsImport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const className = classId === undefined ? '' : (classOf(docs, classId)?.body.name ?? '');

  const choose = (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    const ownClassIds =
      classId === undefined
        ? sortedClasses(docs).flatMap((doc) => doc.classIds.slice(0, 1))
        : viewer.ownClassIds;
    const ctx = { schoolId, ownClassIds, actor: actor() };
    readPlanFile(file, docs, ctx).then(
      (result) => {
        setPlanned(result);
        setPhase('preview');
      },
      () => {
        setMessage(t('planImport.unreadable'));
      },
    );
  };

  const confirm = () => {
    if (!planned) return;
    setPhase('saving');
    savePlanImport(planned).then(
      () => {
        setPhase('done');
        setMessage(t('planImport.done', { count: planned.writes.length }));
      },
      () => {
        setPhase('preview');
        setMessage(t('planImport.saveFailed'));
      },
    );
  };

  const writes = planned?.writes.length ?? 0;
  return (
    <section className="card" aria-labelledby="plan-import-title">
      <button
        type="button"
        onClick={() => {
          navigate({ name: 'home' });
        }}
      >
        ← {t('shell.back')}
      </button>
      <h2 id="plan-import-title">
        {classId === undefined
          ? t('planImport.headingSchool')
          : t('planImport.heading', { name: className })}
      </h2>
      <p>{t(classId === undefined ? 'planImport.explainSchool' : 'planImport.explain')}</p>
      <label className="file-pick">
        {t('planImport.choose')}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(event) => {
            choose(event.target.files?.[0]);
            // The same file may be chosen again, to see that a second import adds nothing.
            event.target.value = '';
          }}
        />
      </label>
      {message && <p role="status">{message}</p>}
      {planned && phase !== 'choose' && (
        <>
          {phase === 'preview' && writes > 0 && (
            <button type="button" className="primary" onClick={confirm}>
              {t('planImport.confirm', { count: writes })}
            </button>
          )}
          {phase === 'preview' && writes === 0 && <p role="status">{t('planImport.nothing')}</p>}
          <PlanImportPreview planned={planned} school={classId === undefined} />
        </>
      )}
    </section>
  );
}
