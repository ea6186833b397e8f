import { useTranslation } from 'react-i18next';
import { useApp } from '../store/appStore';
import { updateNow } from './registerPwa';

/** Offers a new version; with unsent changes the user must confirm explicitly. */
export function UpdateBanner() {
  const { t } = useTranslation();
  const ready = useApp((state) => state.updateReady);
  const pending = useApp((state) => state.sync.pending);
  if (!ready) return null;

  return (
    <div className="banner" role="region" aria-label={t('update.available')}>
      <span>{t('update.available')}</span>
      <button type="button" onClick={() => void updateNow()}>
        {pending === 0 ? t('update.apply') : t('update.applyAnyway')}
      </button>
      <button
        type="button"
        onClick={() => {
          useApp.setState({ updateReady: false });
        }}
      >
        {t('update.later')}
      </button>
    </div>
  );
}
