/**
 * What the scanner does with a code it reads again. A card held up to the camera is read on every
 * frame for as long as it is in view, and a pupil may show it twice: a pupil is checked in once per
 * screen, and a refused card beeps again only after a pause, not five times a second.
 */

/** How long the same refused card stays quiet while it is still in front of the camera. */
export const REFUSAL_QUIET_MS = 3000;

export class ScanGate {
  private readonly checkedIn = new Set<string>();
  private readonly refusedAt = new Map<string, number>();

  /** True when a pupil's card is new on this screen; it is then remembered. */
  admitPupil(pupilId: string): boolean {
    if (this.checkedIn.has(pupilId)) return false;
    this.checkedIn.add(pupilId);
    return true;
  }

  /** Lets a pupil be checked in again when writing their mark failed. */
  forgetPupil(pupilId: string): void {
    this.checkedIn.delete(pupilId);
  }

  /** True when a refused code should be announced: first seen, or seen again after a pause. */
  announceRefusal(text: string, now: number): boolean {
    const last = this.refusedAt.get(text);
    this.refusedAt.set(text, now);
    return last === undefined || now - last >= REFUSAL_QUIET_MS;
  }
}
