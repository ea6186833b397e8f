/**
 * A photo from the camera or the gallery, made small on the device before it is stored: the
 * longest side at most MAX_PHOTO_SIDE_PX, JPEG, the quality stepped down until the file fits
 * MAX_MEDIA_BYTES. A phone's 12-megapixel photo is 3–6 MB; a whiteboard at 1600 px stays legible
 * at a tenth of that.
 */
import { MAX_MEDIA_BYTES } from '../domain/schemas';
import { MediaError, type PreparedMedia } from './preparedMedia';

export const MAX_PHOTO_SIDE_PX = 1600;

/** JPEG qualities tried in turn; below 0.3 text on a whiteboard turns to mush. */
export const PHOTO_QUALITIES: readonly number[] = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.3];

export const PHOTO_MIME = 'image/jpeg';

/** The size to draw at: the same proportions, the longest side at most `maxSide`, never larger. */
export function fitWithin(
  width: number,
  height: number,
  maxSide = MAX_PHOTO_SIDE_PX,
): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Encodes at each quality in turn and returns the first result of at most `maxBytes`. Throws
 * MediaError('photo_too_large') when even the lowest quality is too large.
 */
export async function encodeWithinLimit(
  encode: (quality: number) => Promise<Blob>,
  maxBytes = MAX_MEDIA_BYTES,
  qualities: readonly number[] = PHOTO_QUALITIES,
): Promise<Blob> {
  for (const quality of qualities) {
    const blob = await encode(quality);
    if (blob.size > 0 && blob.size <= maxBytes) return blob;
  }
  throw new MediaError('photo_too_large');
}

/** A decoded picture, ready to draw. */
export interface DecodedImage {
  width: number;
  height: number;
  /** Draws the picture at the given size and encodes it as JPEG at `quality`. */
  encoder(width: number, height: number): (quality: number) => Promise<Blob>;
  close(): void;
}

/** How pictures are decoded and drawn: the browser's, or a stand-in in tests. */
export type ImageDecoder = (file: Blob) => Promise<DecodedImage>;

export interface ResizeOptions {
  maxSide?: number;
  maxBytes?: number;
  decode?: ImageDecoder;
}

/**
 * Resizes a photo for storing: decodes it (turned upright by its EXIF orientation), draws it at
 * most `maxSide` px on its longest side and encodes it as JPEG within `maxBytes`.
 */
export async function resizePhoto(file: Blob, options: ResizeOptions = {}): Promise<PreparedMedia> {
  const decode = options.decode ?? decodeInBrowser;
  let image: DecodedImage;
  try {
    image = await decode(file);
  } catch (cause) {
    throw new MediaError('unreadable_image', { cause });
  }
  try {
    const size = fitWithin(image.width, image.height, options.maxSide);
    const blob = await encodeWithinLimit(
      image.encoder(size.width, size.height),
      options.maxBytes ?? MAX_MEDIA_BYTES,
    );
    return { kind: 'photo', mime: PHOTO_MIME, blob, bytes: blob.size, ...size };
  } finally {
    image.close();
  }
}

/**
 * The browser's decoder: createImageBitmap (which applies the EXIF orientation), drawn on an
 * OffscreenCanvas where there is one and on a detached <canvas> elsewhere (Safari before 16.4).
 */
export const decodeInBrowser: ImageDecoder = async (file) => {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  return {
    width: bitmap.width,
    height: bitmap.height,
    encoder: (width, height) => {
      const draw = canvasFor(width, height);
      draw.context.fillStyle = '#ffffff';
      draw.context.fillRect(0, 0, width, height);
      draw.context.drawImage(bitmap, 0, 0, width, height);
      return draw.toJpeg;
    },
    close: () => {
      bitmap.close();
    },
  };
};

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function canvasFor(
  width: number,
  height: number,
): { context: Context2D; toJpeg: (quality: number) => Promise<Blob> } {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) {
      return {
        context,
        toJpeg: (quality) => canvas.convertToBlob({ type: PHOTO_MIME, quality }),
      };
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new MediaError('unreadable_image');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) => {
        canvas.toBlob(
          (blob) => {
            if (blob) resolve(blob);
            else reject(new MediaError('unreadable_image'));
          },
          PHOTO_MIME,
          quality,
        );
      }),
  };
}
