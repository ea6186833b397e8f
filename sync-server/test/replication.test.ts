/** Stock PouchDB replicates from Homeroom exactly what each user may read. */
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classesTaughtBy,
  classLedBy,
  pupilsOfClass,
  pupilsOfGuardianEmail,
  rosterRows,
} from './fixtureFacts';
import {
  DEMO_PASSWORD,
  GUARDIAN_10B,
  startTestServer,
  TEACHER_10B,
  type TestServer,
} from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ listen: true });
});
afterAll(async () => {
  await server.close();
});

interface Doc {
  _id: string;
  type: string;
  pupilId?: string;
  classIds: string[];
  body: { lastName?: string; firstName?: string };
}

async function replicateAs(login: string, name: string) {
  const remote = new PouchDB<Doc>(`${server.url}/couch/demo`, {
    auth: { username: login, password: DEMO_PASSWORD },
  });
  const local = new PouchDB<Doc>(name, { adapter: 'memory' });
  await new Promise<void>((resolve, reject) => {
    const replication = (
      local as unknown as {
        replicate: { from(db: unknown, opts?: object): PromiseLike<unknown> & { on: unknown } };
      }
    ).replicate.from(remote, { batch_size: 100 });
    replication.then(() => {
      resolve();
    }, reject);
  });
  const all = await local.allDocs({ include_docs: true });
  return all.rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

describe('stock PouchDB replicate.from', () => {
  it('gives a guardian exactly their own child', async () => {
    const docs = await replicateAs(GUARDIAN_10B, 'replica-guardian');
    const pupils = docs.filter((doc) => doc.type === 'pupil');
    const expected = pupilsOfGuardianEmail(GUARDIAN_10B);
    expect(pupils).toHaveLength(expected.length);
    expect(expected).toHaveLength(1);
    expect(pupils.map((p) => p.body.lastName)).toEqual(expected.map((row) => row[1]));
    // Nothing about other families: no guardian records, no other pupils' grants.
    expect(docs.filter((doc) => doc.type === 'guardian')).toHaveLength(0);
    const childId = pupils[0]?.pupilId;
    for (const doc of docs) {
      if (doc.pupilId !== undefined) expect(doc.pupilId).toBe(childId);
    }
  });

  it("gives the class teacher of 10 «Б» her class's 31 pupils in full, and only names elsewhere", async () => {
    const docs = await replicateAs(TEACHER_10B, 'replica-teacher');
    const names = (list: string[]) => [...list].sort();
    const nameOf = (row: string[]) => `${row[1] ?? ''} ${row[2] ?? ''}`;

    // Her own class: every pupil with their personal details (the profile with the birth date).
    const ownClass = pupilsOfClass(classLedBy(TEACHER_10B));
    expect(ownClass).toHaveLength(31);
    const pupilIdsWithProfile = new Set(
      docs.filter((doc) => doc.type === 'profile').map((doc) => doc.pupilId),
    );
    const fullPupils = docs.filter(
      (doc) => doc.type === 'pupil' && pupilIdsWithProfile.has(doc.pupilId),
    );
    expect(
      names(fullPupils.map((p) => `${p.body.lastName ?? ''} ${p.body.firstName ?? ''}`)),
    ).toEqual(names(ownClass.map(nameOf)));

    // The classes she teaches mathematics in: their rosters, names only.
    const taught = new Set([classLedBy(TEACHER_10B), ...classesTaughtBy('Арутюнян')]);
    const expected = rosterRows().filter((row) => taught.has(row[0] ?? ''));
    const pupils = docs.filter((doc) => doc.type === 'pupil');
    expect(names(pupils.map((p) => `${p.body.lastName ?? ''} ${p.body.firstName ?? ''}`))).toEqual(
      names(expected.map(nameOf)),
    );
    expect(docs.filter((doc) => doc.type === 'profile')).toHaveLength(31);
  });
});
