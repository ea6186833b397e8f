/**
 * A camera for Chromium's fake capture device: pictures of cards become a Y4M video
 * (`--use-file-for-fake-video-capture`), which Chromium plays in a loop as the camera's stream.
 * Each picture is shown for a while, one after another, centred on a white frame.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';

export const FRAME = { width: 640, height: 480 };
const FPS = 5;

/** Chromium's flags for a fake camera playing `video`, on top of the suite's own. */
export function fakeCameraArgs(video: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ];
}

export interface Picture {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

export function readPng(file: string): Picture {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height, rgba: png.data };
}

/** A QR code of `text` as a picture, as a phone's QR generator or a printed card shows it. */
export async function qrPicture(text: string, widthPx = 300): Promise<Picture> {
  const png = PNG.sync.read(await toBuffer(text, { type: 'png', margin: 4, width: widthPx }));
  return { width: png.width, height: png.height, rgba: png.data };
}

/** A white frame with the picture in the middle (cropped if larger), as RGB. */
function frameOf(picture: Picture): Uint8Array {
  const { width, height } = FRAME;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const left = Math.floor((width - picture.width) / 2);
  const top = Math.floor((height - picture.height) / 2);
  for (let y = 0; y < picture.height; y++) {
    const fy = top + y;
    if (fy < 0 || fy >= height) continue;
    for (let x = 0; x < picture.width; x++) {
      const fx = left + x;
      if (fx < 0 || fx >= width) continue;
      const from = (y * picture.width + x) * 4;
      const to = (fy * width + fx) * 3;
      // Transparent pixels over white.
      const alpha = (picture.rgba[from + 3] ?? 255) / 255;
      for (let c = 0; c < 3; c++) {
        rgb[to + c] = Math.round((picture.rgba[from + c] ?? 255) * alpha + 255 * (1 - alpha));
      }
    }
  }
  return rgb;
}

/**
 * RGB to planar YUV 4:2:0 with full-range BT.601 (JPEG's, which Y4M calls `C420jpeg`): a Y byte
 * per pixel, then U and V for each 2 × 2 block, averaged.
 */
export function rgbToYuv420(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array((width * height * 3) / 2);
  const uPlane = width * height;
  const vPlane = uPlane + (width * height) / 4;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const [r, g, b] = [rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0];
      out[y * width + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let u = 0;
      let v = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((y + dy) * width + x + dx) * 3;
        const [r, g, b] = [rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0];
        u += 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
        v += 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
      }
      const block = (y / 2) * (width / 2) + x / 2;
      out[uPlane + block] = clamp(u / 4);
      out[vPlane + block] = clamp(v / 4);
    }
  }
  return out;
}

/**
 * Writes a Y4M video that shows each picture for `secondsEach`, in order; Chromium loops it, so
 * the camera shows the pictures again and again while the scanner is open.
 */
export function writeCardVideo(file: string, pictures: readonly Picture[], secondsEach = 2): void {
  const { width, height } = FRAME;
  const header = `YUV4MPEG2 W${width} H${height} F${FPS}:1 Ip A1:1 C420jpeg\n`;
  const chunks: Uint8Array[] = [Buffer.from(header, 'ascii')];
  for (const picture of pictures) {
    const yuv = rgbToYuv420(frameOf(picture), width, height);
    for (let frame = 0; frame < secondsEach * FPS; frame++) {
      chunks.push(Buffer.from('FRAME\n', 'ascii'), yuv);
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat(chunks));
}
