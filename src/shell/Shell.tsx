import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TeacherHome } from '../events/TeacherHome';
import { GuardianHome } from '../guardian/GuardianHome';
import { lazyScreen, ScreenBoundary } from '../pwa/lazyScreen';
import { UpdateBanner } from '../pwa/UpdateBanner';
import { LogoutDialog } from '../session/LogoutDialog';
import { lock } from '../session/sessionActions';
import { SettingsDialog } from '../session/SettingsDialog';
import { useApp } from '../store/appStore';
import { FaultBoundary } from './FaultBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { Notices } from './Notices';
import { StatusLine } from './StatusLine';
import { Tabs } from './Tabs';

/** The school view is for the administration only: loaded when first shown. */
const AdminHome = lazyScreen(() =>
  import('../admin/AdminHome').then((module) => ({ default: module.AdminHome })),
);

/** The unlocked app: header with status and account actions, then the section of the tab. */
export function Shell() {
  const { t } = useTranslation();
  const tab = useApp((state) => state.tab);
  const loading = useApp((state) => state.initialPull);
  const [loggingOut, setLoggingOut] = useState(false);
  const [settings, setSettings] = useState(false);

  return (
    <div className="shell">
      <header className="top">
        <div className="top-row">
          <h1>{t('app.title')}</h1>
          <div className="actions">
            <LanguageSwitch />
            <button
              type="button"
              onClick={() => {
                setSettings(true);
              }}
            >
              {t('device.settings')}
            </button>
            <button type="button" onClick={() => void lock()}>
              {t('shell.lock')}
            </button>
            <button
              type="button"
              onClick={() => {
                setLoggingOut(true);
              }}
            >
              {t('shell.logout')}
            </button>
          </div>
        </div>
        <StatusLine />
        <Tabs />
      </header>
      <UpdateBanner />
      <Notices />
      <main className="content" aria-busy={loading}>
        <FaultBoundary resetKey={tab}>
          {!loading && tab === 'teacher' && <TeacherHome />}
          {!loading && tab === 'guardian' && <GuardianHome />}
          {!loading && tab === 'admin' && (
            <ScreenBoundary>
              <Suspense fallback={<p>{t('online.loading')}</p>}>
                <AdminHome />
              </Suspense>
            </ScreenBoundary>
          )}
        </FaultBoundary>
      </main>
      {settings && (
        <SettingsDialog
          onClose={() => {
            setSettings(false);
          }}
        />
      )}
      {loggingOut && (
        <LogoutDialog
          onClose={() => {
            setLoggingOut(false);
          }}
        />
      )}
    </div>
  );
}
