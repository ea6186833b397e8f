/**
 * A photo or a recording as a `media` document of its own, synced apart from the note, minutes or
 * absence notice it belongs to (its `parentId`). It is routed exactly as its parent: the same
 * school, classes, pupil, event, date and audience, so whoever reads the parent reads its media,
 * and nobody else. Like every row, it is encrypted on the device.
 */
import type { Envelope } from '../domain/envelope';
import type { DocOf } from '../domain/queries';
import { MAX_MEDIA_BYTES } from '../domain/schemas';
import { MediaError, type PreparedMedia } from './preparedMedia';

/** The parent's routing fields that its media copy. */
export type MediaParent = Pick<
  Envelope,
  '_id' | 'schoolId' | 'classIds' | 'pupilId' | 'eventId' | 'audience' | 'date'
>;

/** Bytes as standard base64 (RFC 4648 §4), in chunks so a megabyte never overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The stored bytes as a Blob of the recorded type, for an object URL or a PDF. */
export function mediaBlob(body: Pick<DocOf<'media'>['body'], 'data' | 'mime'>): Blob {
  return new Blob([base64ToBytes(body.data)], { type: body.mime });
}

export interface MediaDocOptions {
  /** The uuid part of the id; random unless given (tests). */
  uuid?: string;
  caption?: string;
}

/**
 * The `media` document for prepared bytes, routed as `parent`. The caller stamps and saves it
 * together with the parent, whose body lists the media ids. Throws MediaError when the bytes are
 * over the limit, so a file that slipped past the resizer never reaches the outbox.
 */
export async function buildMediaDoc(
  parent: MediaParent,
  media: PreparedMedia,
  options: MediaDocOptions = {},
): Promise<DocOf<'media'>> {
  if (media.blob.size > MAX_MEDIA_BYTES || media.blob.size === 0) {
    throw new MediaError(media.kind === 'photo' ? 'photo_too_large' : 'audio_too_large');
  }
  const bytes = new Uint8Array(await media.blob.arrayBuffer());
  const caption = options.caption?.trim();
  return {
    _id: `media:${options.uuid ?? crypto.randomUUID()}`,
    type: 'media',
    schoolId: parent.schoolId,
    classIds: [...parent.classIds],
    ...(parent.pupilId !== undefined ? { pupilId: parent.pupilId } : {}),
    ...(parent.eventId !== undefined ? { eventId: parent.eventId } : {}),
    ...(parent.date !== undefined ? { date: parent.date } : {}),
    audience: parent.audience,
    updatedAt: '',
    updatedBy: '',
    body: {
      kind: media.kind,
      mime: media.mime,
      data: bytesToBase64(bytes),
      bytes: bytes.length,
      ...(media.width !== undefined ? { width: media.width } : {}),
      ...(media.height !== undefined ? { height: media.height } : {}),
      ...(media.durationMs !== undefined ? { durationMs: Math.round(media.durationMs) } : {}),
      parentId: parent._id,
      ...(caption ? { caption } : {}),
    },
  };
}
