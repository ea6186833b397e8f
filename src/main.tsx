import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n, storedLanguage } from './i18n/i18n';
import { registerPwa } from './pwa/registerPwa';
import { FaultBoundary } from './shell/FaultBoundary';
import { followHistory } from './store/appStore';
import './styles.css';

async function boot(): Promise<void> {
  const language = storedLanguage();
  document.documentElement.lang = language;
  const i18n = await createI18n(language);
  registerPwa();
  followHistory();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <FaultBoundary>
          <App />
        </FaultBoundary>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
