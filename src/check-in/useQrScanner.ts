/**
 * The tablet's back camera, read for QR codes a few times a second while the screen is open.
 * Everything happens on the device: no frame leaves it, and it works offline.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createDecoder } from './qrDecoder';

export type CameraState =
  /** Asking for the camera. */
  | 'starting'
  | 'running'
  /** The user or the browser's settings refused the camera. */
  | 'denied'
  /** No camera, or a browser without camera access (an insecure address). */
  | 'unavailable'
  | 'failed';

/**
 * Time between two decoded frames. A card is held up for a second or more; five reads a second
 * find it at once and leave the tablet's processor (and battery) to everything else.
 */
const FRAME_INTERVAL_MS = 200;

/** Frames are scaled down to this width: enough for a card at arm's length, and fast to decode. */
const FRAME_WIDTH_PX = 640;

function stateOf(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'unavailable';
  return 'failed';
}

/** Draws the current video frame into the canvas, scaled down; false before the first frame. */
function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): boolean {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return false;
  const scale = Math.min(1, FRAME_WIDTH_PX / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas
    .getContext('2d', { willReadFrequently: true })
    ?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return true;
}

/**
 * Opens the camera into the returned video element and calls `onCode` with the text of every QR
 * code it reads (the same code again on every frame it stays in view: the caller decides what a
 * repeat means). The camera is released when the screen closes.
 */
export function useQrScanner(onCode: (text: string) => void): {
  videoRef: RefObject<HTMLVideoElement | null>;
  state: CameraState;
} {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const onCodeRef = useRef(onCode);
  const [state, setState] = useState<CameraState>('starting');

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stopped = false;
    const closed = () => stopped;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const release = () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    };

    const start = async () => {
      if (!(navigator.mediaDevices as MediaDevices | undefined)?.getUserMedia) {
        setState('unavailable');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment', width: { ideal: 1280 } },
          audio: false,
        });
      } catch (error) {
        if (!stopped) setState(stateOf(error));
        return;
      }
      const video = videoRef.current;
      // The screen may have closed while the browser asked for the camera.
      if (stopped || !video) {
        release();
        return;
      }
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      const decode = await createDecoder();
      setState('running');

      const tick = async () => {
        if (stopped) return;
        if (grabFrame(video, canvas)) {
          const text = await decode(canvas).catch(() => null);
          // The screen may have closed while the frame was decoded.
          if (text && !closed()) onCodeRef.current(text);
        }
        timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
      };
      void tick();
    };

    start().catch(() => {
      if (!stopped) setState('failed');
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      release();
    };
  }, []);

  return { videoRef, state };
}
