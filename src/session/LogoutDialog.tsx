import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store/appStore';
import { logOut, pushNow } from './sessionActions';

/** Logging out deletes the local data: first offer to wait while unsent changes go. */
export function LogoutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const pending = useApp((state) => state.sync.pending);
  const [waiting, setWaiting] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const wait = () => {
    setWaiting(true);
    pushNow();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="logout-title" onCancel={onClose}>
      <h2 id="logout-title">{t('logout.title')}</h2>
      <p>
        {pending > 0
          ? t('logout.pending', { text: t('status.pending', { count: pending }) })
          : t('logout.clean')}
      </p>
      <div className="dialog-actions">
        {pending > 0 && (
          <button type="button" onClick={wait} disabled={waiting}>
            {t('logout.wait')}
          </button>
        )}
        <button type="button" className="danger" onClick={() => void logOut()}>
          {pending > 0 ? t('logout.confirmAnyway') : t('logout.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('logout.cancel')}
        </button>
      </div>
    </dialog>
  );
}
