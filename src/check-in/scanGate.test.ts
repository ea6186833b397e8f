import { describe, expect, it } from 'vitest';
import { REFUSAL_QUIET_MS, ScanGate } from './scanGate';

describe('repeated scans', () => {
  it('check a pupil in once, however often the card is read', () => {
    const gate = new ScanGate();
    expect(gate.admitPupil('p1')).toBe(true);
    expect(gate.admitPupil('p1')).toBe(false);
    expect(gate.admitPupil('p2')).toBe(true);
  });

  it('let a pupil in again when writing their mark failed', () => {
    const gate = new ScanGate();
    gate.admitPupil('p1');
    gate.forgetPupil('p1');
    expect(gate.admitPupil('p1')).toBe(true);
  });

  it('announce a refused card once while it stays in view, and again after a pause', () => {
    const gate = new ScanGate();
    expect(gate.announceRefusal('HR1:x', 0)).toBe(true);
    // Read five times a second for ten seconds: quiet all along.
    for (let at = 200; at <= 10_000; at += 200)
      expect(gate.announceRefusal('HR1:x', at)).toBe(false);
    expect(gate.announceRefusal('HR1:y', 10_000)).toBe(true);
    expect(gate.announceRefusal('HR1:x', 10_000 + REFUSAL_QUIET_MS)).toBe(true);
  });
});
