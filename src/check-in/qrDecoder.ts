/**
 * Reads QR codes from camera frames, on the device and offline: the browser's own
 * BarcodeDetector where it has one that knows QR codes (Chrome on Android and ChromeOS, Safari 17
 * on macOS), jsQR everywhere else (desktop Chromium on Linux, Firefox, Safari on iOS). jsQR is
 * loaded only when needed; the service worker precaches it with the rest of the app.
 */

/** Decodes the code in one frame, or null when there is none. */
export type FrameDecoder = (frame: HTMLCanvasElement) => Promise<string | null>;

/** The part of the Barcode Detection API that Homeroom uses; not yet in TypeScript's DOM types. */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDecoder(): Promise<FrameDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null;
  } catch {
    // Some builds expose the class but have no detector behind it.
    return null;
  }
}

async function jsQrDecoder(): Promise<FrameDecoder> {
  const { default: jsQR } = await import('jsqr');
  return (frame) => {
    const context = frame.getContext('2d', { willReadFrequently: true });
    if (!context) return Promise.resolve(null);
    const image = context.getImageData(0, 0, frame.width, frame.height);
    // Printed cards are dark on light: skipping the inverted pass halves the work per frame.
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return Promise.resolve(code?.data ?? null);
  };
}

export async function createDecoder(): Promise<FrameDecoder> {
  return (await nativeDecoder()) ?? (await jsQrDecoder());
}
