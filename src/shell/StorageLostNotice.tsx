import { useTranslation } from 'react-i18next';
import { useApp } from '../store/appStore';

/** Says that the browser removed the data, and how many unsent changes went with it. */
export function StorageLostNotice() {
  const { t } = useTranslation();
  const lost = useApp((state) => state.storageLost);
  if (!lost) return null;

  return (
    <div className="notice" role="alert">
      <p>{t('device.storageLost')}</p>
      {lost.unsent > 0 && <p>{t('device.storageLostUnsent', { count: lost.unsent })}</p>}
      <p>{t('device.storageLostReload')}</p>
      <button
        type="button"
        onClick={() => {
          useApp.setState({ storageLost: null });
        }}
      >
        {t('shell.dismiss')}
      </button>
    </div>
  );
}
