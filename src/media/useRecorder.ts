/**
 * Records sound in the app with MediaRecorder: asks for the microphone, shows the time as it runs,
 * stops by itself at the time or size limit (./recording.ts), and hands over the recording ready
 * to store. The microphone is released as soon as the recording ends or the screen closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MediaError, type MediaErrorCode, type PreparedMedia } from './preparedMedia';
import {
  AUDIO_BITS_PER_SECOND,
  finishRecording,
  pickAudioMime,
  RECORDER_TIMESLICE_MS,
  shouldStop,
} from './recording';

export type RecorderState = 'idle' | 'starting' | 'recording';

export interface Recorder {
  state: RecorderState;
  elapsedMs: number;
  error: MediaErrorCode | null;
  start: () => void;
  stop: () => void;
}

interface Session {
  recorder: MediaRecorder;
  stream: MediaStream;
  timer: ReturnType<typeof setInterval>;
  /** Set when the screen closed: what was recorded is thrown away. */
  discarded: boolean;
}

/** How often the elapsed time on screen moves on. */
const TICK_MS = 250;

export function useRecorder(onRecorded: (audio: PreparedMedia) => void): Recorder {
  const [state, setState] = useState<RecorderState>('idle');
  const [elapsedMs, setElapsedMs] = useState(0);
  const [error, setError] = useState<MediaErrorCode | null>(null);
  const session = useRef<Session | null>(null);
  const mounted = useRef(true);
  const deliver = useRef(onRecorded);
  useEffect(() => {
    deliver.current = onRecorded;
  }, [onRecorded]);

  const stop = useCallback(() => {
    const current = session.current;
    if (current?.recorder.state === 'recording') current.recorder.stop();
  }, []);

  const start = useCallback(() => {
    if (session.current) return;
    setError(null);
    setElapsedMs(0);
    setState('starting');
    begin().catch((cause: unknown) => {
      if (!mounted.current) return;
      setState('idle');
      setError(cause instanceof MediaError ? cause.code : 'recording_failed');
    });

    async function begin(): Promise<void> {
      if (typeof MediaRecorder === 'undefined' || !('mediaDevices' in navigator)) {
        throw new MediaError('recording_unsupported');
      }
      const mime = pickAudioMime((type) => MediaRecorder.isTypeSupported(type));
      if (!mime) throw new MediaError('recording_unsupported');
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (cause) {
        throw new MediaError('no_microphone', { cause });
      }
      if (!mounted.current) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const recorder = new MediaRecorder(stream, {
        mimeType: mime,
        audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
      });
      const chunks: Blob[] = [];
      let bytes = 0;
      const startedAt = Date.now();
      const elapsed = () => Date.now() - startedAt;

      recorder.ondataavailable = (event) => {
        if (event.data.size === 0) return;
        chunks.push(event.data);
        bytes += event.data.size;
        if (shouldStop(elapsed(), bytes) && recorder.state === 'recording') recorder.stop();
      };
      recorder.onstop = () => {
        const ended = session.current;
        clearInterval(timer);
        for (const track of stream.getTracks()) track.stop();
        session.current = null;
        if (ended?.discarded) return;
        setState('idle');
        try {
          deliver.current(finishRecording(chunks, recorder.mimeType || mime, elapsed()));
        } catch (cause) {
          setError(cause instanceof MediaError ? cause.code : 'recording_failed');
        }
      };
      recorder.onerror = () => {
        setError('recording_failed');
      };
      const timer = setInterval(() => {
        setElapsedMs(elapsed());
        if (shouldStop(elapsed(), bytes) && recorder.state === 'recording') recorder.stop();
      }, TICK_MS);
      session.current = { recorder, stream, timer, discarded: false };
      recorder.start(RECORDER_TIMESLICE_MS);
      setState('recording');
    }
  }, []);

  // Leaving the screen mid-recording releases the microphone and keeps nothing.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const current = session.current;
      if (!current) return;
      current.discarded = true;
      clearInterval(current.timer);
      if (current.recorder.state !== 'inactive') current.recorder.stop();
      for (const track of current.stream.getTracks()) track.stop();
    };
  }, []);

  return { state, elapsedMs, error, start, stop };
}
