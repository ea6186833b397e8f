/** An in-process Homeroom server on the demo school, in memory, for tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import { openHomeroom, type Homeroom } from '../src/homeroom';

PouchDB.plugin(memoryAdapter);

export const DEMO_PASSWORD = 'homeroom-demo';
export const TEACHER_10B = 'garutyunyan919@example.com';
export const GUARDIAN_10B = 'kps.mama@example.com';
export const DIRECTOR = 'grudenko924@example.com';

export interface TestServer {
  app: FastifyInstance;
  homeroom: Homeroom;
  /** http://127.0.0.1:PORT once `listen` was called. */
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { demo?: boolean; listen?: boolean; dataDir?: string; staticDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'homeroom-test-'));
  const config = readConfig(
    {
      HOMEROOM_DATA: dataDir,
      LOG_LEVEL: 'silent',
      HOMEROOM_STATIC: options.staticDir ?? path.join(dataDir, 'no-pwa'),
    },
    options.demo === false ? [] : ['--demo'],
  );
  const homeroom = await openHomeroom(
    options.demo === false ? { ...config, dbName: 'demo' } : config,
    { pouch: { adapter: 'memory' } },
  );
  const app = await buildApp(homeroom.deps);
  if (process.env.TRACE_HTTP)
    app.addHook('onResponse', async (req, rep) => {
      process.stderr.write(`${req.method} ${req.url} ${rep.statusCode}\n`);
    });
  let url = '';
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    homeroom,
    url,
    async close() {
      await app.close();
      await homeroom.close();
    },
  };
}

/** Logs in through `_session` and returns the cookie header to send. */
export async function login(app: FastifyInstance, name: string, password = DEMO_PASSWORD) {
  const response = await app.inject({
    method: 'POST',
    url: '/couch/_session',
    payload: { name, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${name}: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'AuthSession');
  if (!cookie) throw new Error('no AuthSession cookie');
  const body = response.json<{ homeroom: { personId: string; schoolId: string } }>();
  return { cookie: `AuthSession=${cookie.value}`, ...body.homeroom };
}
