import { useTranslation } from 'react-i18next';
import { navigate } from '../store/appStore';

export function BackHome() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={() => {
        navigate({ name: 'home' });
      }}
    >
      ← {t('shell.back')}
    </button>
  );
}
