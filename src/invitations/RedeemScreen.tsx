import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isErrorCode } from '../domain/errors';
import { errorText } from '../i18n/errorText';

/** The invitation code in the address (`/?invitation=…`), as the QR card carries it. */
export function invitationInAddress(): string | null {
  return new URLSearchParams(location.search).get('invitation');
}

function leave(): void {
  history.replaceState(null, '', '/');
  location.reload();
}

/** A family sets its password with a one-time invitation code, then logs in as usual. */
export function RedeemScreen() {
  const { t } = useTranslation();
  const [code, setCode] = useState(invitationInAddress() ?? '');
  const [password, setPassword] = useState('');
  const [logins, setLogins] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setFailure(null);
    fetch('/couch/_homeroom/invitations/redeem', {
      method: 'POST',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, password }),
    })
      .then(async (response) => {
        const answer = (await response.json()) as { error?: unknown; logins?: string[] };
        if (response.ok) setLogins(answer.logins ?? []);
        else setFailure(errorText(t, isErrorCode(answer.error) ? answer.error : 'internal'));
      })
      .catch(() => {
        setFailure(errorText(t, 'network'));
      });
  };

  return (
    <main className="login">
      <h1>{t('invitations.redeemHeading')}</h1>
      {logins ? (
        <>
          <p role="status">{t('invitations.redeemed', { login: logins.join(', ') })}</p>
          <button type="button" className="primary" onClick={leave}>
            {t('invitations.toLogin')}
          </button>
        </>
      ) : (
        <form onSubmit={submit}>
          <label>
            {t('invitations.code')}
            <input
              value={code}
              autoComplete="off"
              onChange={(e) => {
                setCode(e.target.value);
              }}
              required
            />
          </label>
          <label>
            {t('invitations.newPassword')}
            <input
              type="password"
              autoComplete="new-password"
              minLength={10}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
              }}
              required
            />
          </label>
          {failure && <p role="alert">{failure}</p>}
          <button type="submit" className="primary">
            {t('invitations.setPassword')}
          </button>
          <button type="button" onClick={leave}>
            {t('invitations.toLogin')}
          </button>
        </form>
      )}
    </main>
  );
}
