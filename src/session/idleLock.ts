/** Locks the app after a period without any touch, key or pointer activity. */
export const IDLE_LOCK_MS = 10 * 60 * 1000;

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

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
