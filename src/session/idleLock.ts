/**
 * Locks the app after a period without any touch, key or pointer activity. The period is a
 * setting of the device (localStorage `homeroom.idleLockMinutes`, a number and nothing else).
 */
export const IDLE_LOCK_MS = 10 * 60 * 1000;

/** The choices offered in the settings, in minutes. */
export const IDLE_LOCK_CHOICES_MIN = [1, 5, 10, 30] as const;

const IDLE_LOCK_KEY = 'homeroom.idleLockMinutes';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/** The idle time after which this device locks, in milliseconds. */
export function idleLockMs(): number {
  try {
    const minutes = Number(localStorage.getItem(IDLE_LOCK_KEY));
    return IDLE_LOCK_CHOICES_MIN.some((choice) => choice === minutes)
      ? minutes * 60_000
      : IDLE_LOCK_MS;
  } catch {
    return IDLE_LOCK_MS;
  }
}

export function setIdleLockMinutes(minutes: number): void {
  localStorage.setItem(IDLE_LOCK_KEY, String(minutes));
}

/** Calls `onIdle` once after `ms` of inactivity; returns a function that stops watching. */
export function watchIdle(onIdle: () => void, ms = IDLE_LOCK_MS): () => void {
  let timer = setTimeout(onIdle, ms);
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, ms);
  };
  for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true });
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) window.removeEventListener(type, reset);
  };
}
