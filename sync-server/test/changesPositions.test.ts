/**
 * Positions in the changes feed with `seq_interval` (CouchDB 2.x): only every Nth row and the last
 * one carry a position, and following the feed from `last_seq` alone reads exactly what a client
 * following every row's position reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, TEACHER_10B, type TestServer } from './testServer';

let server: TestServer;
let teacher: { cookie: string };

interface Page {
  results: { seq: string | null; id: string; doc?: { _rev: string } }[];
  last_seq: string;
  pending: number;
}

async function page(query: Record<string, string>): Promise<Page> {
  const response = await server.app.inject({
    url: `/couch/demo/_changes?${new URLSearchParams({ include_docs: 'true', ...query }).toString()}`,
    headers: { cookie: teacher.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json<Page>();
}

/** Every row of the feed, following `last_seq` from page to page. */
async function follow(limit: number, interval?: number) {
  const rows: Page['results'] = [];
  let since: string | undefined;
  for (let turn = 0; turn < 1000; turn++) {
    const query: Record<string, string> = { limit: String(limit) };
    if (interval !== undefined) query.seq_interval = String(interval);
    if (since !== undefined) query.since = since;
    const answer = await page(query);
    rows.push(...answer.results);
    since = answer.last_seq;
    if (answer.pending === 0) break;
  }
  return rows;
}

beforeAll(async () => {
  server = await startTestServer();
  teacher = await login(server.app, TEACHER_10B);
});
afterAll(async () => {
  await server.close();
});

describe('seq_interval', () => {
  it('gives a position to every Nth row and to the last row only', async () => {
    const answer = await page({ limit: '25', seq_interval: '10' });
    expect(answer.results).toHaveLength(25);
    const positioned = answer.results.flatMap((row, index) => (row.seq === null ? [] : [index]));
    expect(positioned).toEqual([9, 19, 24]);
    expect(answer.results.at(-1)?.seq).toBe(answer.last_seq);
  });

  it('gives every row a position without it, as CouchDB does', async () => {
    const answer = await page({ limit: '25' });
    expect(answer.results.every((row) => typeof row.seq === 'string')).toBe(true);
  });

  it('reads the same documents, in the same order, when followed from last_seq alone', async () => {
    const withEvery = await follow(40);
    const withInterval = await follow(40, 40);
    expect(withInterval.map((row) => [row.id, row.doc?._rev])).toEqual(
      withEvery.map((row) => [row.id, row.doc?._rev]),
    );
    expect(withInterval.length).toBeGreaterThan(300);
  });

  it('resumes from a position given mid-page exactly where that row was', async () => {
    const first = await page({ limit: '30', seq_interval: '10' });
    const middle = first.results[9]!.seq!;
    const resumed = await page({ limit: '5', since: middle });
    expect(resumed.results.map((row) => row.id)).toEqual(
      first.results.slice(10, 15).map((row) => row.id),
    );
  });

  it('refuses an interval that is not a whole number', async () => {
    const response = await server.app.inject({
      url: '/couch/demo/_changes?seq_interval=often',
      headers: { cookie: teacher.cookie },
    });
    expect(response.statusCode).toBe(400);
  });
});
