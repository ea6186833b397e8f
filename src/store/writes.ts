/**
 * Store actions that write: validate, then encrypt + put + queue in one transaction, then update
 * memory, then let sync know. A mark is saved the moment it is tapped. Nothing reaches memory (and
 * so the screen) before it is stored: a full storage throws StorageFullError and the mark is not
 * shown as saved; a connection the browser closed is reopened and the write retried once.
 */
import type { HomeroomDoc } from '../domain/envelope';
import { validateDoc } from '../domain/schemas';
import { applyDocs } from './appStore';
import { runtime } from './runtime';
import { writeWithRetry } from './storageGuard';

export class InvalidDocError extends Error {
  constructor(reason: string) {
    super(`refusing to queue an invalid document: ${reason}`);
    this.name = 'InvalidDocError';
  }
}

/** The envelope fields every local write sets. */
export function stamp<T extends HomeroomDoc>(doc: T): T {
  const { personId, schoolId } = runtime();
  return { ...doc, schoolId, updatedAt: new Date(Date.now()).toISOString(), updatedBy: personId };
}

export async function saveDocs(docs: readonly HomeroomDoc[]): Promise<void> {
  for (const doc of docs) {
    const check = validateDoc(doc);
    if (!check.ok) throw new InvalidDocError(check.reason);
  }
  const { repo, afterWrite } = runtime();
  await writeWithRetry(repo.db, () => repo.saveLocal(docs));
  applyDocs(docs);
  afterWrite();
}

/** Takes back local writes (the undo of «Все присутствуют»). */
export async function discardDocs(docs: readonly HomeroomDoc[]): Promise<void> {
  const { repo, afterWrite } = runtime();
  await writeWithRetry(repo.db, () => repo.discardLocal(docs));
  applyDocs(
    [],
    docs.map((doc) => doc._id),
  );
  afterWrite();
}
