import type { TFunction } from 'i18next';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaError, megabytes, type PreparedMedia } from './preparedMedia';
import { MAX_PHOTO_SIDE_PX, resizePhoto } from './resizePhoto';

/**
 * «Сфотографировать» (the back camera, on a tablet or a phone) and «Из галереи», with the limit
 * shown before choosing. The photo is resized on the device; `onPhoto` gets it ready to store, or
 * the picker says why it could not be made small enough.
 */
export function PhotoPicker({
  onPhoto,
  disabled = false,
}: {
  onPhoto: (photo: PreparedMedia) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // The same file may be chosen again after an error or a removal.
    input.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    resizePhoto(file)
      .then(onPhoto)
      .catch((cause: unknown) => {
        setError(mediaErrorText(t, cause));
      })
      .finally(() => {
        setBusy(false);
      });
  };

  const off = disabled || busy;
  return (
    <div className="media-pick">
      <div className="row-actions">
        <label className="file-button" aria-disabled={off}>
          {t('media.takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            disabled={off}
            onChange={pick}
          />
        </label>
        <label className="file-button" aria-disabled={off}>
          {t('media.choosePhoto')}
          <input type="file" accept="image/*" disabled={off} onChange={pick} />
        </label>
      </div>
      <p className="hint">
        {busy
          ? t('media.preparing')
          : t('media.photoLimit', { side: MAX_PHOTO_SIDE_PX, mb: megabytes() })}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** What to tell the user about a photo or recording that could not be made. */
export function mediaErrorText(t: TFunction, cause: unknown): string {
  const code = cause instanceof MediaError ? cause.code : 'recording_failed';
  return t(`media.error_${code}`);
}
