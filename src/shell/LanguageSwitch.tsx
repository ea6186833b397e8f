import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'ru' : 'en';
  return (
    <button
      type="button"
      lang={next}
      aria-label={t('shell.languageLabel')}
      onClick={() => void switchLanguage(i18n, next)}
    >
      {t('shell.language')}
    </button>
  );
}
