import { describe, expect, it } from 'vitest';
import {
  createDataKey,
  PBKDF2_ITERATIONS,
  rewrapDataKey,
  unwrapDataKey,
  WrongPasswordError,
} from './keys';
import { open, seal } from './seal';

const FAST = 1000;

describe('data key', () => {
  it('is wrapped with 600,000 PBKDF2 iterations by default, stored beside the salt', async () => {
    const { stored, key } = await createDataKey('homeroom-demo');
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(stored.iterations).toBe(600_000);
    expect(stored.salt.byteLength).toBe(16);
    expect(key.extractable).toBe(false);
  });

  it('round-trips a document through the unwrapped key', async () => {
    const { stored, key } = await createDataKey('пароль', FAST);
    const sealed = await seal(key, { lastName: 'Семёнова' }, 'pupil:1');
    const again = await unwrapDataKey(stored, 'пароль');
    expect(await open(again, sealed, 'pupil:1')).toEqual({ lastName: 'Семёнова' });
    expect(again.extractable).toBe(false);
  });

  it('refuses a wrong password with WrongPasswordError', async () => {
    const { stored } = await createDataKey('right', FAST);
    await expect(unwrapDataKey(stored, 'wrong')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('uses a fresh IV for every write and binds the ciphertext to its id', async () => {
    const { key } = await createDataKey('x', FAST);
    const a = await seal(key, 'same', 'id');
    const b = await seal(key, 'same', 'id');
    expect(new Uint8Array(a.iv)).not.toEqual(new Uint8Array(b.iv));
    expect(a.iv.byteLength).toBe(12);
    await expect(open(key, a, 'other-id')).rejects.toThrow();
  });

  it('rewraps the same key for a new password: old rows open, the old password no longer does', async () => {
    const { stored, key } = await createDataKey('old-password', FAST);
    const sealed = await seal(key, { note: 'Ёлка' }, 'note:1');
    const rewrapped = await rewrapDataKey(stored, 'old-password', 'new-password', FAST * 2);
    expect(rewrapped.iterations).toBe(FAST * 2);
    expect(new Uint8Array(rewrapped.salt)).not.toEqual(new Uint8Array(stored.salt));
    const again = await unwrapDataKey(rewrapped, 'new-password');
    expect(await open(again, sealed, 'note:1')).toEqual({ note: 'Ёлка' });
    expect(again.extractable).toBe(false);
    await expect(unwrapDataKey(rewrapped, 'old-password')).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
    await expect(rewrapDataKey(stored, 'wrong', 'x', FAST)).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
  });
});
