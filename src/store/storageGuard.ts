/**
 * What keeps storage trouble from passing silently: the marker that tells a real user database from
 * one the browser emptied, a count of unsent changes kept outside IndexedDB, the reopening of a
 * connection the browser closed (a backgrounded Safari tab), and a quota error told apart from
 * every other failure.
 */
import { Dexie } from 'dexie';
import { MARKER_KEY, type UserDb } from './userDb';

/** Writing failed because the device's storage is full: nothing of the write was stored. */
export class StorageFullError extends Error {
  constructor(options?: ErrorOptions) {
    super('the device storage is full', options);
    this.name = 'StorageFullError';
  }
}

/** The user's database was emptied by the browser (storage cleared or evicted). */
export class StorageLostError extends Error {
  constructor() {
    super('the browser removed this user database');
    this.name = 'StorageLostError';
  }
}

export async function writeMarker(db: UserDb): Promise<void> {
  await db.meta.put({ key: MARKER_KEY, createdAt: new Date(Date.now()).toISOString() });
}

/** True while the database is the one created at sign-in; false once the browser emptied it. */
export async function hasMarker(db: UserDb): Promise<boolean> {
  return (await db.meta.get(MARKER_KEY)) !== undefined;
}

function namesOf(error: unknown): string[] {
  const names: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    names.push(current.name);
    const inner = (current as { inner?: unknown }).inner;
    if (inner instanceof Error) names.push(inner.name);
  }
  return names;
}

export function isQuotaError(error: unknown): boolean {
  return namesOf(error).some((name) => name === 'QuotaExceededError');
}

/** The browser closed the connection under us (Safari does so to background tabs). */
export function isLostConnection(error: unknown): boolean {
  return namesOf(error).some(
    (name) => name === Dexie.errnames.DatabaseClosed || name === 'InvalidStateError',
  );
}

/**
 * Runs a write; when the connection was lost, reopens the database and retries once, but only if
 * it is still the user's database (its marker is there). A full storage becomes
 * {@link StorageFullError}; the failed transaction has stored nothing.
 */
export async function writeWithRetry<T>(db: UserDb, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError({ cause: error });
    if (!isLostConnection(error)) throw error;
  }
  db.close({ disableAutoOpen: false });
  await db.open();
  if (!(await hasMarker(db))) throw new StorageLostError();
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError({ cause: error });
    throw error;
  }
}

const UNSENT_PREFIX = 'homeroom.unsent.';

/**
 * How many changes were unsent at last count, kept in localStorage beside IndexedDB under the
 * account's hash (a number, nothing personal): if IndexedDB alone is evicted, the count survives
 * and the user is told how much was lost.
 */
export function rememberUnsent(accountHash: string, count: number): void {
  try {
    if (count > 0) localStorage.setItem(UNSENT_PREFIX + accountHash, String(count));
    else localStorage.removeItem(UNSENT_PREFIX + accountHash);
  } catch {
    // Storage refused (private mode, full): the marker row still detects an eviction.
  }
}

export function unsentAtLastCount(accountHash: string): number {
  try {
    return Number(localStorage.getItem(UNSENT_PREFIX + accountHash) ?? 0) || 0;
  } catch {
    return 0;
  }
}
