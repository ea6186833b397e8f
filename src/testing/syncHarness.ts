/**
 * A page for the first-sync benchmark: signs in through the app's own sign-in (the key derivation
 * happens there, before any timing), then runs the app's sync client against the Homeroom server
 * that serves this page, into the encrypted Repository. Bundled by bench/harnessServer.ts and
 * served from the Homeroom server's static folder, so the API is same-origin as in the app.
 * Never part of the app.
 */
import { toHex } from '../crypto/bytes';
import { signIn, type SignedIn } from '../session/signIn';
import { checkpointKey } from '../sync/checkpoint';
import { CouchApi } from '../sync/couchApi';
import { SyncClient } from '../sync/syncClient';

const api = new CouchApi();
let session: { signedIn: SignedIn; checkpoint: string } | undefined;

/** The app's first sign-in on this device: the server checks the password, the key is derived. */
async function signInAs(login: string, password: string): Promise<void> {
  const signedIn = await signIn(login, password, { api, origin: location.origin });
  const { db, personId } = signedIn.profile;
  session = { signedIn, checkpoint: await checkpointKey(location.origin, db, personId) };
}

export interface FirstSyncRun {
  ms: number;
  /** Documents the sync client handed to the app. */
  delivered: number;
  /** Rows in the user's database afterwards. */
  rows: number;
  /** Rows whose IV no other row shares. */
  distinctIvs: number;
  /** Rows that hold anything beyond the clear envelope fields and the ciphertext. */
  rowsWithClearBody: number;
  checkpointWritten: boolean;
}

/**
 * The first full sync, timed from starting the sync client's first cycle until it returns: every
 * batch pulled, sealed and stored with its checkpoint. Then checks what was stored.
 */
async function firstSync(): Promise<FirstSyncRun> {
  if (!session) throw new Error('sign in first: harness.signInAs(login, password)');
  const { signedIn, checkpoint } = session;
  let delivered = 0;
  const client = new SyncClient({
    api,
    repo: signedIn.repo,
    db: signedIn.profile.db,
    checkpointKey: checkpoint,
    onDocs: (changes) => {
      delivered += changes.upserted.length;
    },
    onSnapshot: () => undefined,
  });

  const start = performance.now();
  await client.syncOnce();
  const ms = performance.now() - start;

  const stored = await signedIn.db.docs.toArray();
  const clear = stored.filter((row) => 'body' in row);
  return {
    ms,
    delivered,
    rows: stored.length,
    distinctIvs: new Set(stored.map((row) => toHex(row.iv))).size,
    rowsWithClearBody: clear.length,
    checkpointWritten: (await signedIn.repo.readCheckpoint(checkpoint)) !== undefined,
  };
}

export const harness = { signInAs, firstSync };

(globalThis as unknown as { harness: typeof harness }).harness = harness;
