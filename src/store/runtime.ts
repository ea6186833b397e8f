/**
 * What lives only while the app is unlocked and must never enter React state: the repository
 * (which holds the data key) and the hook that tells sync about a local write.
 */
import type { Repository } from './repository';

export interface Runtime {
  repo: Repository;
  personId: string;
  schoolId: string;
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
