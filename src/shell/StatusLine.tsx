import { useTranslation } from 'react-i18next';
import { useApp } from '../store/appStore';
import { schoolTimeZone, useSchool } from '../store/hooks';
import { statusText } from '../sync/statusText';

/** The one truthful sync status, announced politely to screen readers. */
export function StatusLine() {
  const { t, i18n } = useTranslation();
  const sync = useApp((state) => state.sync);
  const initialPull = useApp((state) => state.initialPull);
  const timeZone = schoolTimeZone(useSchool());
  const text = initialPull ? t('login.loading') : statusText(t, sync, i18n.language, timeZone);
  return (
    <p className="status" role="status" aria-live="polite" data-state={sync.state}>
      {text}
    </p>
  );
}
