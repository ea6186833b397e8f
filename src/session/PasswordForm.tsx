import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import { PasswordChangeError } from './passwordApi';
import { changePassword } from './sessionActions';

/** The server's minimum (sync-server/src/accounts/passwords.ts), checked here first. */
const MIN_PASSWORD_LENGTH = 10;

type Outcome = { ok: true } | { ok: false; text: string } | null;

/** Old password and the new one twice; the data key is rewrapped, nothing re-encrypted. */
export function PasswordForm() {
  const { t } = useTranslation();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      setOutcome({ ok: false, text: t('device.passwordTooShort', { count: MIN_PASSWORD_LENGTH }) });
      return;
    }
    if (newPassword !== repeat) {
      setOutcome({ ok: false, text: t('device.passwordMismatch') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    changePassword(oldPassword, newPassword)
      .then(
        () => {
          setOld('');
          setNew('');
          setRepeat('');
          setOutcome({ ok: true });
        },
        (error: unknown) => {
          const code = error instanceof PasswordChangeError ? error.code : 'unknown';
          const text =
            code === 'network'
              ? t('device.passwordOffline')
              : code === 'unauthorized'
                ? t('errors.wrongPassword')
                : errorText(t, code);
          setOutcome({ ok: false, text });
        },
      )
      .finally(() => {
        setBusy(false);
      });
  };

  const field = (label: string, value: string, set: (next: string) => void, auto: string) => (
    <label>
      {label}
      <input
        type="password"
        autoComplete={auto}
        required
        value={value}
        onChange={(event) => {
          set(event.target.value);
        }}
      />
    </label>
  );

  return (
    <form onSubmit={submit} aria-labelledby="password-heading" className="password-form">
      <h3 id="password-heading">{t('device.passwordHeading')}</h3>
      {field(t('device.oldPassword'), oldPassword, setOld, 'current-password')}
      {field(t('device.newPassword'), newPassword, setNew, 'new-password')}
      {field(t('device.repeatPassword'), repeat, setRepeat, 'new-password')}
      {outcome?.ok === false && (
        <p className="error" role="alert">
          {outcome.text}
        </p>
      )}
      {outcome?.ok === true && <p role="status">{t('device.passwordChanged')}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('device.changing') : t('device.changePassword')}
      </button>
    </form>
  );
}
