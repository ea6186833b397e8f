import { useTranslation } from 'react-i18next';
import { selectTab, useApp } from '../store/appStore';
import { useTabs } from './useTabs';

/** One section per role of the account; hidden when there is only one. */
export function Tabs() {
  const { t } = useTranslation();
  const current = useApp((state) => state.tab);
  const tabs = useTabs();
  if (tabs.length < 2) return null;

  return (
    <nav className="tabs" aria-label={t('shell.tabs')}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          aria-current={tab === current ? 'page' : undefined}
          onClick={() => {
            selectTab(tab);
          }}
        >
          {t(`shell.${tab}`)}
        </button>
      ))}
    </nav>
  );
}
