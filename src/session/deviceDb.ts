/**
 * The device's list of accounts: for each, only a hash of origin and login, the wrapped data key
 * with its KDF parameters, and the account's profile sealed with the data key. No login in clear.
 */
import { Dexie, type Table } from 'dexie';
import type { WrappedKey } from '../crypto/keys';
import type { Sealed } from '../crypto/seal';
import { randomBytes, sha256Hex, toBase64Url } from '../crypto/bytes';

export interface AccountRecord {
  hash: string;
  key: WrappedKey;
  /** Profile (person, school, database, roles), sealed with the data key. */
  profile: Sealed;
  /**
   * This device for this account, sent with every request so the administration can block it.
   * Random and not personal, so it is kept in clear. Missing in records of older versions.
   */
  deviceId?: string;
}

/** Bytes of randomness in a device id: 128 bits never collide within a school. */
const DEVICE_ID_BYTES = 16;

/** A fresh device id: 16 random bytes as base64url. */
export function newDeviceId(): string {
  return toBase64Url(randomBytes(DEVICE_ID_BYTES));
}

export const DEVICE_DB_NAME = 'homeroom-device';

export class DeviceDb extends Dexie {
  accounts!: Table<AccountRecord, string>;

  constructor() {
    super(DEVICE_DB_NAME);
    this.version(1).stores({ accounts: '&hash' });
  }
}

/** 128 bits of SHA-256 over origin and the normalized login: enough to never collide. */
export async function accountHash(origin: string, normalizedLogin: string): Promise<string> {
  return (await sha256Hex(`${origin}\n${normalizedLogin}`)).slice(0, 32);
}
