import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StorageLostNotice } from './StorageLostNotice';
import { lock } from '../session/sessionActions';
import { useApp } from '../store/appStore';

/**
 * Once read and closed on this device, the warning that the browser refused persistent storage
 * comes back only while changes are unsent, when it matters: not at every login or unlock.
 */
const PERSIST_SEEN_KEY = 'homeroom.persistNoticeSeen';

function persistNoticeSeen(): boolean {
  try {
    return localStorage.getItem(PERSIST_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Warnings that need the user: storage may be evicted, the server session expired, or edits were
 * dropped because access to their records was closed.
 */
export function Notices() {
  const { t } = useTranslation();
  const persistRefused = useApp((state) => state.persistRefused);
  const pending = useApp((state) => state.sync.pending);
  const expired = useApp((state) => state.sync.error === 'unauthorized');
  const revoked = useApp((state) => state.revokedEdits);
  const [persistSeen, setPersistSeen] = useState(persistNoticeSeen);

  return (
    <>
      <StorageLostNotice />
      {persistRefused && (pending > 0 || !persistSeen) && (
        <p className="notice">
          {t('device.persistRefused')}
          {pending === 0 && (
            <button
              type="button"
              onClick={() => {
                setPersistSeen(true);
                try {
                  localStorage.setItem(PERSIST_SEEN_KEY, '1');
                } catch {
                  // Private browsing without storage: it is closed for this session only.
                }
              }}
            >
              {t('shell.dismiss')}
            </button>
          )}
        </p>
      )}
      {expired && (
        <p className="notice" role="alert">
          {t('shell.sessionExpired')}
          <button type="button" onClick={() => void lock()}>
            {t('shell.lock')}
          </button>
        </p>
      )}
      {revoked > 0 && (
        <p className="notice" role="alert">
          {t('shell.revoked', { count: revoked })}
          <button
            type="button"
            onClick={() => {
              useApp.setState({ revokedEdits: 0 });
            }}
          >
            {t('shell.dismiss')}
          </button>
        </p>
      )}
    </>
  );
}
