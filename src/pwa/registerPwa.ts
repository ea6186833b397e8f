/**
 * The service worker precaches the app shell so it opens in airplane mode. Updates are offered,
 * never forced: while the app is unlocked a waiting version takes over only when the user applies
 * it (the banner asks for a confirmation when changes are unsent or text is unsaved); on the lock
 * screen, where nothing can be unsaved, it is applied at once. However many updates arrived and
 * were put off meanwhile, applying activates the newest waiting worker and reloads exactly once.
 */
import { registerSW } from 'virtual:pwa-register';
import { useApp } from '../store/appStore';

/** How often an open app asks the server for a new version, besides on every focus. */
const UPDATE_CHECK_MS = 30 * 60_000;

let registration: ServiceWorkerRegistration | undefined;
let reloading = false;

function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

function announce(): void {
  useApp.setState({ updateReady: true });
  if (useApp.getState().phase === 'locked') void updateNow();
}

function watch(found: ServiceWorkerRegistration): void {
  registration = found;
  if (found.waiting && navigator.serviceWorker.controller) announce();
  found.addEventListener('updatefound', () => {
    const installing = found.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) announce();
    });
  });
  const check = () => void found.update().catch(() => undefined);
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

export function registerPwa(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({
    immediate: true,
    onNeedRefresh: announce,
    onNeedReload: reloadOnce,
    onRegisteredSW(_url, found) {
      if (found) watch(found);
    },
  });
  // Locking is the safe moment for an update that was put off.
  useApp.subscribe((state, before) => {
    if (state.phase === 'locked' && before.phase !== 'locked' && state.updateReady) {
      void updateNow();
    }
  });
}

/**
 * Activates the newest waiting worker and reloads once it controls the page. Unsent changes stay
 * in the encrypted outbox and are counted again after the reload.
 */
export async function updateNow(): Promise<void> {
  const waiting = registration?.waiting;
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
  await Promise.resolve();
}

/** For a page that must reload (a missing chunk): with the newest version when one is waiting. */
export async function reloadToNewest(): Promise<void> {
  await registration?.update().catch(() => undefined);
  if (registration?.waiting) await updateNow();
  else reloadOnce();
}
