import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  ownDevice: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** Blocking wipes the device at its next contact: the administrator confirms it first. */
export function BlockDialog({ name, ownDevice, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="block-title" onCancel={onClose}>
      <h2 id="block-title">{t('devices.confirmTitle', { name })}</h2>
      <p>{t('devices.confirmText')}</p>
      {ownDevice && <p className="error">{t('devices.confirmOwn')}</p>}
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={onConfirm}>
          {t('devices.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('devices.cancel')}
        </button>
      </div>
    </dialog>
  );
}
