/**
 * Sign-in on this device. The first login must be online: the server checks the password, then the
 * key material and the user's database are created. Later logins unlock offline by unwrapping the
 * stored key with the password.
 */
import {
  createDataKey,
  PBKDF2_ITERATIONS,
  unwrapDataKey,
  WrongPasswordError,
  type WrappedKey,
} from '../crypto/keys';
import { open, seal } from '../crypto/seal';
import type { ErrorCode } from '../domain/errors';
import { normalizeLogin } from '../domain/login';
import { Repository } from '../store/repository';
import { hasMarker, unsentAtLastCount, writeMarker } from '../store/storageGuard';
import { UserDb, userDbName } from '../store/userDb';
import { ApiError, type CouchApi, type SessionInfo } from '../sync/couchApi';
import { accountHash, DeviceDb, newDeviceId, type AccountRecord } from './deviceDb';

/** What the app needs to know about the signed-in account; kept sealed on the device. */
export type Profile = Omit<SessionInfo, 'name'>;

export type SignInFailure = 'badLogin' | 'wrongPassword' | 'firstLoginOffline' | ErrorCode;

export class SignInError extends Error {
  constructor(
    readonly code: SignInFailure,
    options?: ErrorOptions & { retryAfterMs?: number | undefined },
  ) {
    super(`sign-in failed: ${code}`, options);
    this.name = 'SignInError';
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** For `login_locked`: how long until the server takes this login again, when it said. */
  readonly retryAfterMs: number | undefined;
}

export interface SignedIn {
  accountHash: string;
  login: string;
  profile: Profile;
  /** The unwrapped data key: non-extractable, in memory only. */
  key: CryptoKey;
  db: UserDb;
  repo: Repository;
  /** True when this device had no key for the account: nothing is stored yet. */
  firstLogin: boolean;
  /** This device for this account; the api sends it with every request from now on. */
  deviceId: string;
  /**
   * The browser had emptied the user's database since the last session: what was stored is gone
   * and is pulled again. `unsent` is how many changes were waiting to be sent at last count.
   */
  storageLost: { unsent: number } | null;
}

export interface SignInEnv {
  api: CouchApi;
  origin: string;
  iterations?: number;
}

export async function signIn(
  rawLogin: string,
  password: string,
  env: SignInEnv,
): Promise<SignedIn> {
  const login = normalizeLogin(rawLogin);
  if (!login) throw new SignInError('badLogin');
  const hash = await accountHash(env.origin, login);
  const device = new DeviceDb();
  try {
    const account = await device.accounts.get(hash);
    const signedIn = account
      ? await unlockExisting(device, login, password, account)
      : await firstLogin(device, hash, login, password, env);
    env.api.useDevice(signedIn.deviceId);
    return signedIn;
  } finally {
    device.close();
  }
}

async function unlockExisting(
  device: DeviceDb,
  login: string,
  password: string,
  account: AccountRecord,
): Promise<SignedIn> {
  const { hash } = account;
  let key: CryptoKey;
  try {
    key = await unwrapDataKey(account.key, password);
  } catch (error) {
    if (error instanceof WrongPasswordError)
      throw new SignInError('wrongPassword', { cause: error });
    throw error;
  }
  const profile = await open<Profile>(key, account.profile, hash);
  let deviceId = account.deviceId;
  if (deviceId === undefined) {
    deviceId = newDeviceId();
    await device.accounts.update(hash, { deviceId });
  }
  const db = new UserDb(userDbName(hash));
  const lost = !(await hasMarker(db));
  if (lost) await writeMarker(db);
  return {
    accountHash: hash,
    login,
    profile,
    key,
    db,
    repo: new Repository(db, key),
    firstLogin: false,
    deviceId,
    storageLost: lost ? { unsent: unsentAtLastCount(hash) } : null,
  };
}

async function firstLogin(
  device: DeviceDb,
  hash: string,
  login: string,
  password: string,
  env: SignInEnv,
): Promise<SignedIn> {
  // The device is known from the very first request, so a blocked one never gets a session.
  const deviceId = newDeviceId();
  env.api.useDevice(deviceId);
  let session: SessionInfo;
  try {
    session = await env.api.login(login, password);
  } catch (error) {
    if (error instanceof ApiError) {
      throw new SignInError(error.code === 'network' ? 'firstLoginOffline' : error.code, {
        cause: error,
        retryAfterMs: error.retryAfterMs,
      });
    }
    throw error;
  }
  const profile: Profile = {
    roles: session.roles,
    db: session.db,
    personId: session.personId,
    schoolId: session.schoolId,
  };
  const { stored, key } = await createDataKey(password, env.iterations ?? PBKDF2_ITERATIONS);
  await device.accounts.put({
    hash,
    key: stored,
    profile: await seal(key, profile, hash),
    deviceId,
  });
  const db = new UserDb(userDbName(hash));
  await writeMarker(db);
  return {
    accountHash: hash,
    login,
    profile,
    key,
    db,
    repo: new Repository(db, key),
    firstLogin: true,
    deviceId,
    storageLost: null,
  };
}

/** Removes the account's data and key material from this device. */
export async function forgetAccount(hash: string): Promise<void> {
  const device = new DeviceDb();
  try {
    await UserDb.delete(userDbName(hash));
    await device.accounts.delete(hash);
  } finally {
    device.close();
  }
}

/** Stores the data key wrapped for a new password; no row is touched. */
export async function saveWrappedKey(hash: string, key: WrappedKey): Promise<void> {
  const device = new DeviceDb();
  try {
    await device.accounts.update(hash, { key });
  } finally {
    device.close();
  }
}

/** The stored key material of an account, for a password change. */
export async function wrappedKeyOf(hash: string): Promise<WrappedKey | undefined> {
  const device = new DeviceDb();
  try {
    return (await device.accounts.get(hash))?.key;
  } finally {
    device.close();
  }
}

/** Stores a refreshed profile (roles may change on the server) sealed with the data key. */
export async function saveProfile(hash: string, key: CryptoKey, profile: Profile): Promise<void> {
  const device = new DeviceDb();
  try {
    await device.accounts.update(hash, { profile: await seal(key, profile, hash) });
  } finally {
    device.close();
  }
}
