/**
 * Lazily loaded screens that survive a deploy. After an update the old hashed chunks are gone from
 * the server (it answers 404, never the app's HTML); a page still running the old version then
 * fails to import one. The page reloads once, activating a waiting new version first, so it
 * fetches the new chunks; if it failed again within a minute it shows a reload button instead of
 * a blank page.
 */
import { Component, lazy, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reloadToNewest } from './registerPwa';

const RELOADED_AT_KEY = 'homeroom.chunkReloadAt';
const RELOAD_AGAIN_AFTER_MS = 60_000;

/** Reloads once for a missing chunk; false when it already did so a moment ago. */
export function recoverFromMissingChunk(): boolean {
  const last = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
  if (Date.now() - last < RELOAD_AGAIN_AFTER_MS) return false;
  sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
  void reloadToNewest();
  return true;
}

export function lazyScreen<T extends ComponentType>(load: () => Promise<{ default: T }>) {
  return lazy(async () => {
    try {
      return await load();
    } catch (error) {
      // While the page reloads, render nothing rather than an error.
      if (recoverFromMissingChunk()) return new Promise<never>(() => undefined);
      throw error;
    }
  });
}

function ChunkFailed() {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      <p>{t('device.chunkFailed')}</p>
      <button
        type="button"
        onClick={() => {
          sessionStorage.removeItem(RELOADED_AT_KEY);
          void reloadToNewest();
        }}
      >
        {t('device.reload')}
      </button>
    </div>
  );
}

/** Shows {@link ChunkFailed} when a lazy screen could not be loaded even after a reload. */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <ChunkFailed /> : this.props.children;
  }
}
