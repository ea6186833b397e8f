import { useTranslation } from 'react-i18next';
import { selectTab, useApp, type Tab } from '../store/appStore';

const ROLE_TABS: [string, Tab][] = [
  ['staff', 'teacher'],
  ['guardian', 'guardian'],
  ['admin', 'admin'],
];

/** One section per role of the account; hidden when there is only one. */
export function Tabs() {
  const { t } = useTranslation();
  const roles = useApp((state) => state.profile?.roles);
  const current = useApp((state) => state.tab);
  const tabs = ROLE_TABS.filter(([role]) => roles?.includes(role)).map(([, tab]) => tab);
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
