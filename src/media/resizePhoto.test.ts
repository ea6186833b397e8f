import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../domain/schemas';
import { MediaError } from './preparedMedia';
import {
  encodeWithinLimit,
  fitWithin,
  MAX_PHOTO_SIDE_PX,
  PHOTO_QUALITIES,
  resizePhoto,
  type DecodedImage,
} from './resizePhoto';

/** A stand-in for the browser's decoder: a picture whose JPEG size grows with quality and area. */
function fakeImage(
  width: number,
  height: number,
  bytesPerPixelAtFull: number,
): {
  decode: (file: Blob) => Promise<DecodedImage>;
  drawn: { width: number; height: number }[];
  closed: () => boolean;
} {
  const drawn: { width: number; height: number }[] = [];
  let closed = false;
  return {
    drawn,
    closed: () => closed,
    decode: (file) => {
      if (file.type !== 'image/heic' && !file.type.startsWith('image/')) {
        return Promise.reject(new Error('not a picture'));
      }
      return Promise.resolve({
        width,
        height,
        encoder: (w, h) => {
          drawn.push({ width: w, height: h });
          return (quality) =>
            Promise.resolve(
              new Blob([new Uint8Array(Math.round(w * h * bytesPerPixelAtFull * quality))], {
                type: 'image/jpeg',
              }),
            );
        },
        close: () => {
          closed = true;
        },
      });
    },
  };
}

describe('fitting a photo within the longest side', () => {
  it.each([
    [4032, 3024, 1600, 1200],
    [3024, 4032, 1200, 1600],
    [1600, 900, 1600, 900],
    [800, 600, 800, 600],
    [10000, 3, 1600, 1],
  ])('%i×%i becomes %i×%i', (width, height, fitWidth, fitHeight) => {
    expect(fitWithin(width, height)).toEqual({ width: fitWidth, height: fitHeight });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(320, 240, MAX_PHOTO_SIDE_PX)).toEqual({ width: 320, height: 240 });
  });
});

describe('stepping the quality down until the file fits', () => {
  it('keeps the first quality that fits, trying the highest first', async () => {
    const tried: number[] = [];
    const blob = await encodeWithinLimit((quality) => {
      tried.push(quality);
      return Promise.resolve(new Blob([new Uint8Array(Math.round(quality * 2000))]));
    }, 1400);
    expect(tried).toEqual([0.85, 0.75, 0.65]);
    expect(blob.size).toBe(1300);
  });

  it('says the photo is too large when even the lowest quality is over the limit', async () => {
    const tried: number[] = [];
    const attempt = encodeWithinLimit((quality) => {
      tried.push(quality);
      return Promise.resolve(new Blob([new Uint8Array(5000)]));
    }, 1000);
    await expect(attempt).rejects.toThrow(MediaError);
    await expect(attempt).rejects.toMatchObject({ code: 'photo_too_large' });
    expect(tried).toEqual([...PHOTO_QUALITIES]);
  });

  it('refuses an empty encoding rather than storing nothing', async () => {
    await expect(
      encodeWithinLimit(() => Promise.resolve(new Blob([])), 1000, [0.5]),
    ).rejects.toMatchObject({ code: 'photo_too_large' });
  });
});

describe('resizing a photo from the camera', () => {
  it('draws a 12-megapixel photo at 1600 px and encodes it within the limit', async () => {
    // At full quality 0.6 bytes a pixel: 1600×1200 would be 1.15 MB at 1.0, 0.98 MB at 0.85.
    const image = fakeImage(4032, 3024, 0.6);
    const photo = await resizePhoto(new Blob([new Uint8Array(10)], { type: 'image/jpeg' }), {
      decode: image.decode,
    });
    expect(image.drawn).toEqual([{ width: 1600, height: 1200 }]);
    expect(photo).toMatchObject({ kind: 'photo', mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(photo.bytes).toBe(photo.blob.size);
    expect(photo.bytes).toBeLessThanOrEqual(MAX_MEDIA_BYTES);
    expect(image.closed()).toBe(true);
  });

  it('steps down to a lower quality for a detailed picture', async () => {
    const image = fakeImage(4000, 3000, 1.5);
    const photo = await resizePhoto(new Blob([], { type: 'image/png' }), { decode: image.decode });
    // 1600×1200×1.5 = 2.88 MB at 1.0; 0.3 gives 864 kB, the first quality that fits.
    expect(photo.bytes).toBe(Math.round(1600 * 1200 * 1.5 * 0.3));
  });

  it('says so when a picture cannot be made small enough, and frees the decoded image', async () => {
    const image = fakeImage(4000, 3000, 4);
    await expect(
      resizePhoto(new Blob([], { type: 'image/jpeg' }), { decode: image.decode }),
    ).rejects.toMatchObject({ code: 'photo_too_large' });
    expect(image.closed()).toBe(true);
  });

  it('says a file that is not a picture cannot be read', async () => {
    const image = fakeImage(10, 10, 1);
    await expect(
      resizePhoto(new Blob(['%PDF-'], { type: 'application/pdf' }), { decode: image.decode }),
    ).rejects.toMatchObject({ code: 'unreadable_image' });
  });
});
