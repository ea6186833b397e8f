import { sha256Hex } from '../crypto/bytes';

/**
 * The checkpoint's key: per server, database and user, so a second user on a shared tablet never
 * resumes from the first one's place. Hashed, so the stored key names nobody.
 */
export function checkpointKey(origin: string, db: string, personId: string): Promise<string> {
  return sha256Hex(`${origin}\n${db}\n${personId}`);
}
