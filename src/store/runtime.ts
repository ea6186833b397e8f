/**
 * What lives only while the app is unlocked and must never enter React state: the repository
 * (which holds the data key) and the hook that tells sync about a local write.
 */
import type { CouchApi } from '../sync/couchApi';
import type { Repository } from './repository';

export interface Runtime {
  repo: Repository;
  /** For the online-only screens (devices, access log); data screens go through the repo. */
  api: CouchApi;
  personId: string;
  schoolId: string;
  /** This device for this account, as the server knows it. */
  deviceId: string;
  afterWrite: () => void;
}

let current: Runtime | null = null;

export function setRuntime(next: Runtime | null): void {
  current = next;
}

export function runtime(): Runtime {
  if (!current) throw new Error('the app is locked');
  return current;
}
