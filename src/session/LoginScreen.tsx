import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { StorageLostNotice } from '../shell/StorageLostNotice';
import { useApp } from '../store/appStore';
import { LockoutNotice } from './LockoutNotice';
import { unlock } from './sessionActions';

/** Login and password: the first time online, afterwards it unlocks this device offline. */
export function LoginScreen() {
  const { t } = useTranslation();
  const phase = useApp((state) => state.phase);
  const error = useApp((state) => state.signInError);
  const retryAt = useApp((state) => state.signInRetryAt);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const busy = phase === 'unlocking';

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const typed = password;
    setPassword('');
    void unlock(login, typed);
  };

  return (
    <main className="login">
      <div className="login-top">
        <h1>{t('app.title')}</h1>
        <LanguageSwitch />
      </div>
      <StorageLostNotice />
      <form onSubmit={submit} aria-labelledby="login-heading">
        <h2 id="login-heading">{t('login.heading')}</h2>
        <label>
          {t('login.login')}
          <input
            name="username"
            autoComplete="username"
            inputMode="email"
            required
            value={login}
            onChange={(event) => {
              setLogin(event.target.value);
            }}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
          />
        </label>
        {error === 'login_locked' && retryAt !== null ? (
          <LockoutNotice retryAt={retryAt} />
        ) : (
          error && (
            <p className="error" role="alert">
              {error === 'unauthorized' ? t('errors.badCredentials') : errorText(t, error)}
            </p>
          )
        )}
        {busy && <progress aria-label={t('device.unlocking')} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p className="hint">{t('login.offlineHint')}</p>
      </form>
    </main>
  );
}
