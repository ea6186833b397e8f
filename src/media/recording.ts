/**
 * The rules of a recording made in the app, apart from the browser so they can be tested: which
 * format to ask MediaRecorder for, when to stop by itself, and what comes out.
 */
import { MAX_MEDIA_BYTES } from '../domain/schemas';
import { MediaError, type PreparedMedia } from './preparedMedia';

/** The longest recording: three minutes of a parent meeting's decision, not the whole meeting. */
export const MAX_AUDIO_MS = 3 * 60_000;

/** Speech at 32 kbit/s Opus is clear; three minutes are about 720 kB, within MAX_MEDIA_BYTES. */
export const AUDIO_BITS_PER_SECOND = 32_000;

/** MediaRecorder hands over a chunk this often, so the size is known while recording. */
export const RECORDER_TIMESLICE_MS = 1000;

/**
 * The recorder stops once this much has come in: a browser that ignores the bit rate (up to
 * 128 kbit/s, 16 kB a chunk) still ends below MAX_MEDIA_BYTES with its last chunk.
 */
export const AUDIO_STOP_BYTES = Math.floor(MAX_MEDIA_BYTES * 0.9);

/**
 * Formats in order of preference: Opus in WebM (Chrome, Firefox, Edge), Opus in Ogg (older
 * Firefox), AAC in MP4 (Safari), then whatever WebM the browser writes.
 */
export const AUDIO_MIME_PREFERENCE = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/mp4',
  'audio/webm',
] as const;

/** The first format the browser can record, or undefined when it can record none of them. */
export function pickAudioMime(isTypeSupported: (mime: string) => boolean): string | undefined {
  return AUDIO_MIME_PREFERENCE.find((mime) => isTypeSupported(mime));
}

/** True when the recording must end now: at the time limit or near the size limit. */
export function shouldStop(elapsedMs: number, bytes: number): boolean {
  return elapsedMs >= MAX_AUDIO_MS || bytes >= AUDIO_STOP_BYTES;
}

/** «0:07», «2:59»: minutes and seconds, as a recorder's counter shows them. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The recording as one Blob of the recorded type. Throws MediaError: 'recording_failed' when
 * nothing was recorded, 'audio_too_large' when it is over MAX_MEDIA_BYTES after all.
 */
export function finishRecording(
  chunks: readonly Blob[],
  mime: string,
  durationMs: number,
): PreparedMedia {
  const blob = new Blob(chunks as Blob[], { type: mime });
  if (blob.size === 0) throw new MediaError('recording_failed');
  if (blob.size > MAX_MEDIA_BYTES) throw new MediaError('audio_too_large');
  return {
    kind: 'audio',
    mime,
    blob,
    bytes: blob.size,
    durationMs: Math.round(durationMs),
  };
}
