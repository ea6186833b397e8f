/**
 * The in-memory state of the unlocked app: decrypted documents (id → doc), the session profile,
 * the sync status and where the user is. Screens select from it; writes go through store actions
 * (./writes.ts) which persist first and then update memory.
 */
import { create } from 'zustand';
import type { HomeroomDoc } from '../domain/envelope';
import type { Docs } from '../domain/queries';
import type { Profile, SignInFailure } from '../session/signIn';
import type { SyncSnapshot } from '../sync/syncClient';

export type Phase = 'locked' | 'unlocking' | 'ready';
export type Tab = 'teacher' | 'guardian' | 'admin';
export type Route =
  | { name: 'home' }
  | { name: 'event'; eventId: string }
  /** «Отметка по QR»: pupils' cards scanned at the door of an event. */
  | { name: 'check-in'; eventId: string }
  | { name: 'class'; classId: string }
  /** A pupil's achievements and portfolio; `eventId` is the roll call to go back to. */
  | { name: 'pupil'; pupilId: string; eventId?: string }
  | { name: 'devices' }
  | { name: 'audit' }
  | { name: 'import' }
  | { name: 'reports'; classId: string }
  /** «Импорт плана»: a class teacher imports the year's plan file into their class's calendar. */
  /** Without a class: the administration's import of the whole school's plan. */
  | { name: 'plan-import'; classId?: string };

export interface AppState {
  phase: Phase;
  signInError: SignInFailure | null;
  /** After `login_locked`: when the server takes this login again (ms since epoch), if it said. */
  signInRetryAt: number | null;
  profile: Profile | null;
  docs: Docs;
  sync: SyncSnapshot;
  /** First login on this device: the first full pull is still running. */
  initialPull: boolean;
  /** The browser refused persistent storage: unsent data could be evicted. */
  persistRefused: boolean;
  /** Queued edits dropped this session because their documents left the user's view. */
  revokedEdits: number;
  /** A new version of the app is waiting. */
  updateReady: boolean;
  /**
   * The browser cleared or evicted this user's data on the device; `unsent` changes were lost
   * with it. Kept across locking, so the login screen can say it; cleared when dismissed.
   */
  storageLost: { unsent: number } | null;
  tab: Tab | null;
  route: Route;
}

export const IDLE_SYNC: SyncSnapshot = {
  state: 'idle',
  pending: 0,
  rejected: null,
  error: null,
  lastSyncedAt: null,
};

const LOCKED = {
  phase: 'locked',
  profile: null,
  docs: new Map<string, HomeroomDoc>(),
  sync: IDLE_SYNC,
  initialPull: false,
  persistRefused: false,
  revokedEdits: 0,
  tab: null,
  route: { name: 'home' },
} satisfies Partial<AppState>;

export const useApp = create<AppState>()(() => ({
  ...LOCKED,
  signInError: null,
  signInRetryAt: null,
  updateReady: false,
  storageLost: null,
}));

/** Forgets everything decrypted: used on lock and logout. */
export function resetToLocked(): void {
  useApp.setState({ ...LOCKED, docs: new Map() });
}

/**
 * The copy of a document kept in memory. A photo's or recording's bytes (up to a megabyte each)
 * stay in the encrypted store and are decrypted only while shown (src/media/MediaView.tsx);
 * memory keeps the rest, so screens list them and notice a newer version. Such a copy is never
 * saved back: the media schema refuses empty data.
 */
export function inMemory(doc: HomeroomDoc): HomeroomDoc {
  if (doc.type !== 'media' || doc._deleted) return doc;
  return { ...doc, body: { ...(doc.body as object), data: '' } };
}

/** Takes changed documents into memory; deleted versions leave it. */
export function applyDocs(upserted: readonly HomeroomDoc[], removed: readonly string[] = []): void {
  useApp.setState((state) => {
    const docs = new Map(state.docs);
    for (const doc of upserted) {
      if (doc._deleted) docs.delete(doc._id);
      else docs.set(doc._id, inMemory(doc));
    }
    for (const id of removed) docs.delete(id);
    return { docs };
  });
}

/**
 * Screens are entries of the browser's history, all at the app's one address (the one the
 * service worker serves offline): the device's Back button returns to the screen before, as a
 * teacher expects, instead of leaving the app.
 */
interface Place {
  homeroom: { tab: Tab | null; route: Route; from: { tab: Tab | null; route: Route } };
}

function remember(tab: Tab | null, route: Route, from: Place['homeroom']['from']): void {
  if (typeof window === 'undefined') return;
  window.history.pushState({ homeroom: { tab, route, from } } satisfies Place, '');
}

/** True when `route` of `tab` is the screen the current history entry was opened from. */
function isWayBack(tab: Tab | null, route: Route): boolean {
  if (typeof window === 'undefined') return false;
  const from = (window.history.state as Partial<Place> | null)?.homeroom?.from;
  return from?.tab === tab && JSON.stringify(from.route) === JSON.stringify(route);
}

export function navigate(route: Route): void {
  // The app's own «Назад» goes back in history, so the device's Back does not return to where
  // the user just came back from.
  const { tab, route: from } = useApp.getState();
  if (isWayBack(tab, route)) {
    window.history.back();
    return;
  }
  useApp.setState({ route });
  remember(tab, route, { tab, route: from });
}

export function selectTab(tab: Tab): void {
  const route: Route = { name: 'home' };
  const from = { tab: useApp.getState().tab, route: useApp.getState().route };
  useApp.setState({ tab, route });
  remember(tab, route, from);
}

/** Shows the screen of a history entry when the user goes back (or forward) to it. */
export function followHistory(): void {
  window.addEventListener('popstate', (event: PopStateEvent) => {
    const place = (event.state as Partial<Place> | null)?.homeroom;
    const tab = useApp.getState().tab;
    useApp.setState(
      place ? { tab: place.tab ?? tab, route: place.route } : { route: { name: 'home' } },
    );
  });
}
