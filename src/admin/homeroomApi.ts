/**
 * Calls to the administration routes of an import: accounts for the imported people and
 * invitation codes. Online only; the answers hold nothing personal but a one-time code.
 */
import { isErrorCode } from '../domain/errors';
import { runtime } from '../store/runtime';
import { DEVICE_HEADER } from '../sync/couchApi';

export class HomeroomApiError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'HomeroomApiError';
  }
}

export async function postHomeroom<T>(path: string, body: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/couch/_homeroom/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', [DEVICE_HEADER]: runtime().deviceId },
      body: JSON.stringify(body),
    });
  } catch {
    throw new HomeroomApiError('network');
  }
  const answer = (await response.json().catch(() => ({}))) as { error?: unknown };
  if (!response.ok)
    throw new HomeroomApiError(isErrorCode(answer.error) ? answer.error : 'internal');
  return answer as T;
}

export interface Invitation {
  code: string;
  expiresAt: string;
  logins: string[];
}

export const createAccounts = () =>
  postHomeroom<{ created: number; existing: number; withoutLogin: number }>('accounts', {});

export const createInvitation = (personId: string) =>
  postHomeroom<Invitation>('invitations', { personId });
