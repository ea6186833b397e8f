import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { useApp } from '../store/appStore';
import { useDocs, useMe, useToday } from '../store/hooks';
import { saveDocs } from '../store/writes';
import { BackHome } from './BackHome';
import { createAccounts, HomeroomApiError } from './homeroomApi';
import { ImportPreview } from './ImportPreview';
import { prepareImport as prepare, type Prepared } from './prepareImport';

type Phase = 'choose' | 'preview' | 'saving' | 'done';

/** «Импорт»: roster and staff files → a preview of every row → the administration confirms. */
export function ImportScreen() {
  const { t } = useTranslation();
  const docs = useDocs();
  const me = useMe();
  const today = useToday();
  const schoolId = useApp((state) => state.profile?.schoolId ?? '');
  const [phase, setPhase] = useState<Phase>('choose');
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const choose = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setMessage(null);
    prepare([...files], docs, { schoolId, author: me, today }).then(
      (result) => {
        setPrepared(result);
        setPhase('preview');
      },
      () => {
        setMessage(t('importer.unreadable'));
      },
    );
  };

  const confirm = () => {
    if (!prepared) return;
    setPhase('saving');
    saveDocs(prepared.plan.writes).then(
      () => {
        setPhase('done');
      },
      () => {
        setPhase('preview');
        setMessage(t('importer.saveFailed'));
      },
    );
  };

  const accounts = () => {
    createAccounts().then(
      (result) => {
        setMessage(t('importer.accountsMade', result));
      },
      (error: unknown) => {
        setMessage(errorText(t, error instanceof HomeroomApiError ? error.code : 'internal'));
      },
    );
  };

  const writes = prepared?.plan.writes.length ?? 0;
  return (
    <section className="card" aria-labelledby="import-title">
      <BackHome />
      <h2 id="import-title">{t('importer.heading')}</h2>
      <p>{t('importer.explain')}</p>
      <label className="file-pick">
        {t('importer.choose')}
        <input
          type="file"
          multiple
          accept=".csv,.xlsx,text/csv"
          onChange={(event) => {
            choose(event.target.files);
          }}
        />
      </label>
      {message && <p role="status">{message}</p>}
      {prepared && phase !== 'choose' && (
        <>
          <p role="status">{t('importer.summary', { count: writes })}</p>
          {phase === 'preview' && writes > 0 && (
            <button type="button" className="primary" onClick={confirm}>
              {t('importer.confirm')}
            </button>
          )}
          {phase === 'done' && (
            <>
              <p role="status">{t('importer.done', { count: writes })}</p>
              <button type="button" onClick={accounts}>
                {t('importer.accounts')}
              </button>
            </>
          )}
          <ImportPreview rows={prepared.plan.rows} refused={prepared.refused} />
        </>
      )}
    </section>
  );
}
