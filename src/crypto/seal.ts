/**
 * AES-GCM sealing of JSON values. Every call draws a fresh random 96-bit IV; the additional data
 * binds a ciphertext to its row id, so a row cannot be swapped for another one undetected.
 */
import { randomBytes, utf8 } from './bytes';

export interface Sealed {
  iv: ArrayBuffer;
  ct: ArrayBuffer;
}

const IV_BYTES = 12;

export async function seal(key: CryptoKey, value: unknown, boundTo: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES).buffer;
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(boundTo) },
    key,
    utf8(JSON.stringify(value)),
  );
  return { iv, ct };
}

export async function open<T>(key: CryptoKey, sealed: Sealed, boundTo: string): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: utf8(boundTo) },
    key,
    sealed.ct,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
