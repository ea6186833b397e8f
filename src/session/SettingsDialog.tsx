import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_CHOICES_MIN, idleLockMs } from './idleLock';
import { PasswordForm } from './PasswordForm';
import { setIdleLock } from './sessionActions';

/** The device's settings: when it locks by itself, and the password that unlocks it. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [minutes, setMinutes] = useState(() => idleLockMs() / 60_000);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="settings-title" onCancel={onClose}>
      <h2 id="settings-title">{t('device.settingsTitle')}</h2>
      <label>
        {t('device.idleLock')}
        <select
          value={minutes}
          onChange={(event) => {
            const next = Number(event.target.value);
            setMinutes(next);
            setIdleLock(next);
          }}
        >
          {IDLE_LOCK_CHOICES_MIN.map((choice) => (
            <option key={choice} value={choice}>
              {t('device.idleMinutes', { count: choice })}
            </option>
          ))}
        </select>
      </label>
      <PasswordForm />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('device.close')}
        </button>
      </div>
    </dialog>
  );
}
