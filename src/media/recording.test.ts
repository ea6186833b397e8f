import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../domain/schemas';
import {
  AUDIO_BITS_PER_SECOND,
  AUDIO_STOP_BYTES,
  finishRecording,
  formatClock,
  MAX_AUDIO_MS,
  pickAudioMime,
  RECORDER_TIMESLICE_MS,
  shouldStop,
} from './recording';

describe('a recording made in the app', () => {
  it('asks for Opus in WebM where the browser writes it, and AAC in MP4 in Safari', () => {
    expect(pickAudioMime(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickAudioMime((mime) => mime === 'audio/mp4')).toBe('audio/mp4');
    expect(pickAudioMime(() => false)).toBeUndefined();
  });

  it('stops by itself at the time limit, or before the next chunk could pass the size limit', () => {
    expect(shouldStop(MAX_AUDIO_MS - 1, 0)).toBe(false);
    expect(shouldStop(MAX_AUDIO_MS, 0)).toBe(true);
    expect(shouldStop(1000, AUDIO_STOP_BYTES - 1)).toBe(false);
    expect(shouldStop(1000, AUDIO_STOP_BYTES)).toBe(true);
    // A chunk at 128 kbit/s, four times the asked rate, still lands within the limit.
    const worstChunk = ((4 * AUDIO_BITS_PER_SECOND) / 8) * (RECORDER_TIMESLICE_MS / 1000);
    expect(AUDIO_STOP_BYTES + worstChunk).toBeLessThan(MAX_MEDIA_BYTES);
    // At the asked rate the time limit comes first.
    expect((AUDIO_BITS_PER_SECOND / 8) * (MAX_AUDIO_MS / 1000)).toBeLessThan(AUDIO_STOP_BYTES);
  });

  it('shows the time as a recorder does', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7_900)).toBe('0:07');
    expect(formatClock(MAX_AUDIO_MS)).toBe('3:00');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('joins the chunks into one recording of the recorded type', async () => {
    const audio = finishRecording(
      [new Blob([new Uint8Array(300)]), new Blob([new Uint8Array(200)])],
      'audio/webm;codecs=opus',
      4321.6,
    );
    expect(audio).toMatchObject({ kind: 'audio', mime: 'audio/webm;codecs=opus', bytes: 500 });
    expect(audio.durationMs).toBe(4322);
    expect((await audio.blob.arrayBuffer()).byteLength).toBe(500);
  });

  it('refuses an empty recording and one over the limit, with a reason to show', () => {
    expect(() => finishRecording([], 'audio/webm', 10)).toThrow(
      expect.objectContaining({ code: 'recording_failed' }),
    );
    expect(() =>
      finishRecording([new Blob([new Uint8Array(MAX_MEDIA_BYTES + 1)])], 'audio/webm', 10),
    ).toThrow(expect.objectContaining({ code: 'audio_too_large' }));
  });
});
