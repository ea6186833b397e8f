import { useTranslation } from 'react-i18next';
import { megabytes, type PreparedMedia } from './preparedMedia';
import { formatClock, MAX_AUDIO_MS } from './recording';
import { useRecorder } from './useRecorder';

/**
 * «Записать звук» and «Остановить запись», with the running time against the limit while it
 * records and the limits shown before it starts.
 */
export function AudioRecorder({
  onAudio,
  disabled = false,
}: {
  onAudio: (audio: PreparedMedia) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const recorder = useRecorder(onAudio);
  const recording = recorder.state === 'recording';

  return (
    <div className="media-pick">
      {recording ? (
        <button type="button" className="danger" onClick={recorder.stop}>
          {t('media.stop')}
        </button>
      ) : (
        <button
          type="button"
          disabled={disabled || recorder.state === 'starting'}
          onClick={recorder.start}
        >
          {t('media.record')}
        </button>
      )}
      {recording ? (
        <p role="timer" aria-live="off" className="hint">
          {t('media.recording', {
            elapsed: formatClock(recorder.elapsedMs),
            limit: formatClock(MAX_AUDIO_MS),
          })}
        </p>
      ) : (
        <p className="hint">
          {t('media.audioLimit', { limit: MAX_AUDIO_MS / 60_000, mb: megabytes() })}
        </p>
      )}
      {recorder.error && (
        <p className="error" role="alert">
          {t(`media.error_${recorder.error}`)}
        </p>
      )}
    </div>
  );
}
