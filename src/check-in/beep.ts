/**
 * Short sounds at the door, made with WebAudio so that they need no file and work offline: one
 * high beep when a pupil is checked in, two low ones when a card is refused. The teacher hears
 * the result without looking at the tablet.
 */

export type BeepKind = 'accepted' | 'refused';

const TONES: Record<BeepKind, { hz: number; starts: number[]; seconds: number }> = {
  accepted: { hz: 1320, starts: [0], seconds: 0.12 },
  refused: { hz: 330, starts: [0, 0.2], seconds: 0.15 },
};

let audio: AudioContext | undefined;

/**
 * Plays a beep; silent where the browser has no WebAudio or will not start it. A context made
 * after the tap that opened the screen may start suspended, so it is resumed every time.
 */
export function beep(kind: BeepKind): void {
  try {
    audio ??= new AudioContext();
    void audio.resume().catch(() => undefined);
    const { hz, starts, seconds } = TONES[kind];
    for (const start of starts) {
      const at = audio.currentTime + start;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = kind === 'accepted' ? 'sine' : 'square';
      oscillator.frequency.value = hz;
      // A short fade in and out, so the beep does not click.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25, at + 0.01);
      gain.gain.linearRampToValueAtTime(0, at + seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
    }
  } catch {
    // No sound is no reason to stop checking pupils in: the screen shows every result.
  }
}
