/**
 * The device's list of accounts: for each, only a hash of origin and login, the wrapped data key
 * with its KDF parameters, and the account's profile sealed with the data key. No login in clear.
 */
import { Dexie, type Table } from 'dexie';
import type { WrappedKey } from '../crypto/keys';
import type { Sealed } from '../crypto/seal';
import { sha256Hex } from '../crypto/bytes';

export interface AccountRecord {
  hash: string;
  key: WrappedKey;
  /** Profile (person, school, database, roles), sealed with the data key. */
  profile: Sealed;
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
