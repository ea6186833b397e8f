import { useTranslation } from 'react-i18next';
import { useApp } from '../store/appStore';
import { updateNow } from './registerPwa';

/** Text typed into a form and not yet saved would be lost by a reload. */
function hasUnsavedText(): boolean {
  return Array.from(
    document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'main textarea, main input:not([type=radio]):not([type=checkbox]):not([type=hidden])',
    ),
  ).some((field) => field.value.trim() !== '' && field.defaultValue !== field.value);
}

/**
 * Announces a new version. With nothing unsent and nothing unsaved, «Обновить» applies it; else
 * the banner says what is pending and the user confirms with «Обновить, не дожидаясь отправки».
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const ready = useApp((state) => state.updateReady);
  const pending = useApp((state) => state.sync.pending);
  if (!ready) return null;
  const unsaved = hasUnsavedText();
  const clean = pending === 0 && !unsaved;

  return (
    <div className="banner" role="region" aria-label={t('update.available')}>
      <span>{t('update.available')}</span>
      {pending > 0 && <span>{t('update.unsent', { count: pending })}</span>}
      {unsaved && <span>{t('update.unsaved')}</span>}
      <button type="button" onClick={() => void updateNow()}>
        {clean ? t('update.apply') : t('update.applyAnyway')}
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
