/**
 * The password change on the server (`POST /couch/_homeroom/password`). Apart from the sync
 * client's API on purpose: it is the only request that carries a password after sign-in.
 */
import { DEVICE_HEADER } from '../sync/couchApi';

/** A refused password change, with the code to explain it (`wrongPassword`, `network`, …). */
export class PasswordChangeError extends Error {
  constructor(readonly code: string) {
    super(`password change refused: ${code}`);
    this.name = 'PasswordChangeError';
  }
}

/** Resolves when the server took the new password; rejects with an error code otherwise. */
export async function postPasswordChange(
  oldPassword: string,
  newPassword: string,
  deviceId: string,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/couch/_homeroom/password', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', [DEVICE_HEADER]: deviceId },
      body: JSON.stringify({ oldPassword, newPassword }),
    });
  } catch {
    throw new PasswordChangeError('network');
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  throw new PasswordChangeError(typeof body.error === 'string' ? body.error : 'internal');
}
