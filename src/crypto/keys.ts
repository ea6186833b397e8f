/**
 * Key material of one user on one device. A random AES-GCM data key encrypts every stored row; a
 * key derived from the password (PBKDF2-SHA-256) wraps it with AES-KW. The iteration count and salt
 * are stored beside the wrapped key so they can be raised later without re-encrypting any row.
 * The unwrapped data key is non-extractable and lives in memory only.
 */
import { randomBytes, utf8 } from './bytes';

/**
 * OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256, kept because it measured well within budget:
 * on a 4× CPU-throttled Chromium page here the whole unlock stays under a second (`npm run bench`,
 * docs/BENCHMARKS.md). WebCrypto derives off the main thread, so the page never freezes meanwhile.
 */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;

/** What is stored on the device to recover the data key from the password. */
export interface WrappedKey {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: ArrayBuffer;
  wrap: 'AES-KW';
  wrappedKey: ArrayBuffer;
}

/** Thrown when the password does not unwrap the stored key. */
export class WrongPasswordError extends Error {
  constructor(options?: ErrorOptions) {
    super('the password does not open the key stored on this device', options);
    this.name = 'WrongPasswordError';
  }
}

async function deriveWrappingKey(
  password: string,
  salt: ArrayBuffer,
  iterations: number,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * Creates a fresh data key and wraps it with the password. Returns the stored form and the
 * non-extractable key to use in this session.
 */
export async function createDataKey(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ stored: WrappedKey; key: CryptoKey }> {
  const salt = randomBytes(SALT_BYTES).buffer;
  const wrapping = await deriveWrappingKey(password, salt, iterations);
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]);
  const wrappedKey = await crypto.subtle.wrapKey('raw', fresh, wrapping, 'AES-KW');
  const stored: WrappedKey = {
    kdf: 'PBKDF2-SHA-256',
    iterations,
    salt,
    wrap: 'AES-KW',
    wrappedKey,
  };
  // The extractable original is dropped; the session uses a non-extractable copy.
  return { stored, key: await unwrapDataKey(stored, password) };
}

/** Recovers the data key; throws {@link WrongPasswordError} when the password is wrong. */
export async function unwrapDataKey(stored: WrappedKey, password: string): Promise<CryptoKey> {
  return unwrapWith(stored, password, false);
}

async function unwrapWith(
  stored: WrappedKey,
  password: string,
  extractable: boolean,
): Promise<CryptoKey> {
  const wrapping = await deriveWrappingKey(password, stored.salt, stored.iterations);
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      stored.wrappedKey,
      wrapping,
      'AES-KW',
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch (cause) {
    throw new WrongPasswordError({ cause });
  }
}

/**
 * Wraps the same data key with a new password (and fresh salt, at `iterations`): no row is
 * re-encrypted. The key is extractable only inside this call, long enough to be wrapped again.
 * Throws {@link WrongPasswordError} when `oldPassword` does not open `stored`.
 */
export async function rewrapDataKey(
  stored: WrappedKey,
  oldPassword: string,
  newPassword: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedKey> {
  const key = await unwrapWith(stored, oldPassword, true);
  const salt = randomBytes(SALT_BYTES).buffer;
  const wrapping = await deriveWrappingKey(newPassword, salt, iterations);
  const wrappedKey = await crypto.subtle.wrapKey('raw', key, wrapping, 'AES-KW');
  return { kdf: 'PBKDF2-SHA-256', iterations, salt, wrap: 'AES-KW', wrappedKey };
}
