/**
 * What the device made of a photo or a recording before it becomes a `media` document: the bytes
 * as a Blob and what the schema records about them. Errors carry a code the UI translates
 * (`media.error_<code>` in src/i18n).
 */
import { MAX_MEDIA_BYTES } from '../domain/schemas';

export type MediaKind = 'photo' | 'audio';

export interface PreparedMedia {
  kind: MediaKind;
  /** The MIME type as encoded, codecs parameters included (`audio/webm;codecs=opus`). */
  mime: string;
  blob: Blob;
  bytes: number;
  width?: number;
  height?: number;
  durationMs?: number;
}

export type MediaErrorCode =
  /** The chosen file is not a picture the browser can open. */
  | 'unreadable_image'
  /** Even at the lowest quality the photo is larger than MAX_MEDIA_BYTES. */
  | 'photo_too_large'
  /** The recording came out larger than MAX_MEDIA_BYTES. */
  | 'audio_too_large'
  /** The user or the browser refused the microphone, or there is none. */
  | 'no_microphone'
  /** This browser cannot record sound (no MediaRecorder, or no format it can write). */
  | 'recording_unsupported'
  /** The recorder stopped with an error, or produced nothing. */
  | 'recording_failed';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    options?: ErrorOptions,
  ) {
    super(`media: ${code}`, options);
    this.name = 'MediaError';
  }
}

/** The limit as the user reads it: «1 МБ» for 1,000,000 bytes (decimal, as phones show sizes). */
export function megabytes(bytes = MAX_MEDIA_BYTES): number {
  return Math.round((bytes / 1_000_000) * 10) / 10;
}
