/**
 * The session's life: sign in (online the first time, offline afterwards), lock, log out. The
 * password is used to unwrap the key and, when online, to refresh the server session in the
 * background; then it is dropped.
 */
import { rewrapDataKey, WrongPasswordError } from '../crypto/keys';
import {
  applyDocs,
  inMemory,
  resetToLocked,
  useApp,
  type Route,
  type Tab,
} from '../store/appStore';
import { setRuntime } from '../store/runtime';
import { hasMarker, isLostConnection, rememberUnsent } from '../store/storageGuard';
import { checkpointKey } from '../sync/checkpoint';
import { CouchApi } from '../sync/couchApi';
import { SyncClient } from '../sync/syncClient';
import { idleLockMs, setIdleLockMinutes, watchIdle } from './idleLock';
import { PasswordChangeError, postPasswordChange } from './passwordApi';
import {
  forgetAccount,
  saveProfile,
  saveWrappedKey,
  wrappedKeyOf,
  signIn,
  SignInError,
  type Profile,
  type SignedIn,
} from './signIn';

interface Active {
  signedIn: SignedIn;
  sync: SyncClient;
  stopWatching: () => void;
}

const api = new CouchApi();
let active: Active | null = null;
api.onDeviceBlocked = () => void wipeBlockedDevice();

/** The administration starts with the school, a teacher with the class, a family with children. */
function firstTab(profile: Profile): Tab {
  if (profile.roles.includes('admin')) return 'admin';
  if (profile.roles.includes('staff')) return 'teacher';
  return 'guardian';
}

/** Signs in with login and password; errors land in the store as `signInError`. */
export async function unlock(login: string, password: string): Promise<void> {
  if (active) return;
  useApp.setState({ phase: 'unlocking', signInError: null, signInRetryAt: null });
  try {
    const signedIn = await signIn(login, password, { api, origin: location.origin });
    await start(signedIn);
    if (!signedIn.firstLogin && navigator.onLine) void refreshSession(signedIn, password);
  } catch (error) {
    const failure = error instanceof SignInError ? error : undefined;
    const wait = failure?.retryAfterMs;
    useApp.setState({
      phase: 'locked',
      signInError: failure?.code ?? 'internal',
      signInRetryAt: wait === undefined ? null : Date.now() + wait,
    });
  }
}

async function start(signedIn: SignedIn): Promise<void> {
  const { repo, profile } = signedIn;
  const docs = await repo.loadAll();
  // A cycle still finishing after a lock must not touch the next session's memory.
  const isCurrent = () => active?.sync === sync;
  const sync: SyncClient = new SyncClient({
    api,
    repo,
    db: profile.db,
    checkpointKey: await checkpointKey(location.origin, profile.db, profile.personId),
    onDocs: ({ upserted, removed, dropped }) => {
      if (!isCurrent()) return;
      applyDocs(upserted, removed);
      if (dropped > 0) useApp.setState((state) => ({ revokedEdits: state.revokedEdits + dropped }));
    },
    onSnapshot: (snapshot) => {
      if (!isCurrent()) return;
      rememberUnsent(signedIn.accountHash, snapshot.pending);
      // The first full pull is over when a cycle completed, or when it cannot go on now.
      const settled =
        snapshot.lastSyncedAt !== null ||
        snapshot.state === 'error' ||
        snapshot.state === 'offline';
      useApp.setState((state) => ({
        sync: snapshot,
        initialPull: state.initialPull && !settled,
      }));
    },
  });
  setRuntime({
    repo,
    api,
    deviceId: signedIn.deviceId,
    personId: profile.personId,
    schoolId: profile.schoolId,
    afterWrite: () => void sync.nudge(),
  });
  useApp.setState({
    phase: 'ready',
    profile,
    docs: new Map(docs.filter((doc) => !doc._deleted).map((doc) => [doc._id, inMemory(doc)])),
    initialPull: signedIn.firstLogin || signedIn.storageLost !== null,
    ...(signedIn.storageLost ? { storageLost: signedIn.storageLost } : {}),
    ...placeToResume(profile.personId, firstTab(profile)),
  });
  const stopConnectivity = watchConnectivity(sync);
  const stopStorage = watchStorage(signedIn);
  active = {
    signedIn,
    sync,
    stopWatching: () => {
      stopConnectivity();
      stopStorage();
    },
  };
  sync.start(navigator.onLine);
  void askForPersistence();
}

let stopIdle: () => void = () => undefined;

/** Sets how long this device may stay unused before it locks; applies at once. */
export function setIdleLock(minutes: number): void {
  setIdleLockMinutes(minutes);
  if (!active) return;
  stopIdle();
  stopIdle = watchIdle(() => void lock(), idleLockMs());
}

function watchConnectivity(sync: SyncClient): () => void {
  const online = () => {
    sync.setOnline(true);
  };
  const offline = () => {
    sync.setOnline(false);
  };
  const hide = () => void lock();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  window.addEventListener('pagehide', hide);
  stopIdle = watchIdle(hide, idleLockMs());
  return () => {
    stopIdle();
    stopIdle = () => undefined;
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    window.removeEventListener('pagehide', hide);
  };
}

/** How often an unlocked app checks that the browser has not emptied its database. */
const STORAGE_CHECK_MS = 3000;

/**
 * Watches for the browser clearing or evicting the user's database while the app is open. Dexie
 * reopens a connection the browser closed; if what it reopens has lost its marker, the data is
 * gone: the app says so and locks rather than showing an empty class.
 */
function watchStorage(signedIn: SignedIn): () => void {
  let stopped = false;
  const check = async () => {
    if (stopped) return;
    let intact: boolean;
    try {
      intact = await hasMarker(signedIn.db);
    } catch (error) {
      if (!isLostConnection(error)) return;
      signedIn.db.close({ disableAutoOpen: false });
      intact = await hasMarker(signedIn.db).catch(() => false);
    }
    if (!intact && active?.signedIn === signedIn) void storageLost();
  };
  const timer = setInterval(() => void check(), STORAGE_CHECK_MS);
  const visible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  // Unit tests run this in Node, where there is no document.
  const page = typeof document === 'undefined' ? undefined : document;
  page?.addEventListener('visibilitychange', visible);
  return () => {
    stopped = true;
    clearInterval(timer);
    page?.removeEventListener('visibilitychange', visible);
  };
}

async function storageLost(): Promise<void> {
  const unsent = useApp.getState().sync.pending;
  await lock();
  useApp.setState({ storageLost: { unsent } });
}

async function refreshSession(signedIn: SignedIn, password: string): Promise<void> {
  try {
    const session = await api.login(signedIn.login, password);
    const profile: Profile = {
      roles: session.roles,
      db: session.db,
      personId: session.personId,
      schoolId: session.schoolId,
    };
    if (JSON.stringify(profile.roles) !== JSON.stringify(signedIn.profile.roles)) {
      await saveProfile(signedIn.accountHash, signedIn.key, profile);
      useApp.setState({ profile });
    }
    active?.sync.resume();
  } catch {
    // Offline or refused: the sync status reports an expired session when it meets one.
  }
}

async function askForPersistence(): Promise<void> {
  try {
    const persisted = await navigator.storage.persist();
    useApp.setState({ persistRefused: !persisted });
  } catch {
    useApp.setState({ persistRefused: true });
  }
}

/** Forgets the key and every decrypted document; the data stays encrypted on the device. */
/**
 * Where the person was when the device locked (in memory only): unlocking takes them back to the
 * same event or pupil, as a teacher who locked the tablet mid-roll-call expects. Anyone else who
 * unlocks, or a reload, starts at home.
 */
let lockedAt: { personId: string; tab: Tab | null; route: Route } | null = null;

function placeToResume(personId: string, tab: Tab | null): { tab: Tab | null; route: Route } {
  const place = lockedAt?.personId === personId ? lockedAt : null;
  lockedAt = null;
  return place ? { tab: place.tab ?? tab, route: place.route } : { tab, route: { name: 'home' } };
}

export async function lock(): Promise<void> {
  const current = active;
  if (!current) return;
  const { profile, tab, route } = useApp.getState();
  lockedAt = profile ? { personId: profile.personId, tab, route } : null;
  active = null;
  setRuntime(null);
  current.stopWatching();
  resetToLocked();
  await current.sync.stop();
  current.signedIn.db.close();
}

/**
 * Changes the password: checked against this device's key first, then on the server, then the
 * same data key is stored wrapped for the new password. No row is re-encrypted. Rejects with an
 * error code (`wrongPassword`, `network`, or the server's code).
 */
export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  const current = active;
  if (!current) throw new Error('the app is locked');
  const { accountHash, deviceId } = current.signedIn;
  const stored = await wrappedKeyOf(accountHash);
  if (!stored) throw new Error('no key for this account on the device');
  let rewrapped;
  try {
    rewrapped = await rewrapDataKey(stored, oldPassword, newPassword);
  } catch (error) {
    throw error instanceof WrongPasswordError ? new PasswordChangeError('wrongPassword') : error;
  }
  await postPasswordChange(oldPassword, newPassword, deviceId);
  await saveWrappedKey(accountHash, rewrapped);
}

/** Pushes now; the logout dialog waits on the pending count. */
export function pushNow(): void {
  if (active) void active.sync.nudge();
}

/**
 * The administration blocked this device: everything decrypted goes at once, then the user's
 * database and the device's record of the account (with the wrapped key). Nothing is retried.
 */
async function wipeBlockedDevice(): Promise<void> {
  const current = active;
  useApp.setState({ signInError: 'device_blocked' });
  if (!current) return;
  await lock();
  await forgetAccount(current.signedIn.accountHash);
}

/** Logs out: ends the server session and removes the user's data and keys from the device. */
export async function logOut(): Promise<void> {
  const current = active;
  if (!current) return;
  const hash = current.signedIn.accountHash;
  await lock();
  lockedAt = null;
  try {
    await api.logout();
  } catch {
    // Offline: the cookie expires on its own; the device forgets the account below either way.
  }
  await forgetAccount(hash);
  rememberUnsent(hash, 0);
}
