/**
 * The service worker precaches the app shell so it opens in airplane mode. Updates are offered,
 * never forced: the waiting worker takes over only when the user applies the update.
 */
import { registerSW } from 'virtual:pwa-register';
import { useApp } from '../store/appStore';

let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

export function registerPwa(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh() {
      useApp.setState({ updateReady: true });
    },
  });
}

/** Activates the waiting worker and reloads; unsent changes stay in the encrypted outbox. */
export async function updateNow(): Promise<void> {
  await applyUpdate?.(true);
}
