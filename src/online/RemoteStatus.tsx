import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText';
import type { Remote } from './useRemote';

/** What an online-only screen says while it has no data: loading, offline, or why it failed. */
export function RemoteStatus({ remote }: { remote: Remote<unknown> }) {
  const { t } = useTranslation();
  if (remote.state === 'ready') return null;
  if (remote.state === 'loading') return <p className="empty">{t('online.loading')}</p>;
  if (remote.state === 'offline') {
    return (
      <p className="notice" role="status">
        {t('online.only')}
      </p>
    );
  }
  return (
    <p className="error" role="alert">
      {errorText(t, remote.code)}
    </p>
  );
}
