/**
 * Opens a Homeroom server's data folder: the session secret, the accounts, the school's database,
 * and on first start in demo mode the demo school.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb';
import type { SchoolBody } from '../../src/domain/schemas';
import { Accounts, type Account } from './accounts/accounts';
import { Devices, type DeviceRecord } from './accounts/devices';
import { hashPassword } from './accounts/passwords';
import { AuditLog, moveEntriesFromPouch } from './audit/auditLog';
import type { AppDeps } from './app';
import type { ServerConfig } from './config';
import { schoolFromFiles } from './seed/schoolFromFiles';
import { SchoolStore } from './storage/schoolStore';

/** The password of every demo account; it works only while the server runs in demo mode. */
export const DEMO_PASSWORD = 'homeroom-demo';

export interface Homeroom {
  deps: AppDeps;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PouchDB options, e.g. the memory adapter in tests. */
  pouch?: object;
  log?: (message: string) => void;
}

export async function openHomeroom(
  config: ServerConfig,
  options: OpenOptions = {},
): Promise<Homeroom> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = readOrCreate(path.join(config.dataDir, 'session.key'), () => randomBytes(32));
  const serverUuid = readOrCreate(path.join(config.dataDir, 'server.uuid'), () =>
    Buffer.from(randomUUID().replaceAll('-', '')),
  ).toString();

  const accountsDb = new PouchDB<Account>(path.join(config.dataDir, 'accounts'), options.pouch);
  const accounts = await Accounts.open(accountsDb);
  const devicesDb = new PouchDB<DeviceRecord>(path.join(config.dataDir, 'devices'), options.pouch);
  const devices = await Devices.open(devicesDb);
  const auditLog = await AuditLog.open(path.join(config.dataDir, 'access-log'));
  const moved = await moveEntriesFromPouch(auditLog, path.join(config.dataDir, 'audit'));
  if (moved > 0) options.log?.(`Moved ${moved} access-log entries into ./access-log.`);
  const retention = keepAccessLog(auditLog, config.accessLogDays, options.log);
  const channelSecret = readOrCreate(path.join(config.dataDir, 'channel.key'), () =>
    randomBytes(32),
  );
  const store = await SchoolStore.open(
    config.dbName,
    path.join(config.dataDir, `school-${config.dbName}`),
    options.pouch,
    channelSecret,
  );

  if (config.demo && accounts.size === 0) {
    const started = Date.now();
    const count = await seedDemo(config, store, accounts);
    options.log?.(`Seeded the demo school: ${count} documents in ${Date.now() - started} ms.`);
  }

  return {
    deps: {
      accounts,
      devices,
      auditLog,
      schools: new Map([[config.dbName, store]]),
      secret,
      serverUuid,
      demo: config.demo,
      staticDir: config.staticDir,
    },
    async close() {
      clearInterval(retention.timer);
      await retention.running;
      await store.close();
      await auditLog.close();
      await accountsDb.close();
      await devicesDb.close();
    },
  };
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Removes access-log entries older than `days` (none when 0): once at start, in the background,
 * then every day the server runs.
 */
function keepAccessLog(log: AuditLog, days: number, report?: (message: string) => void) {
  const state: { timer: NodeJS.Timeout | undefined; running: Promise<void> } = {
    timer: undefined,
    running: Promise.resolve(),
  };
  if (days === 0) return state;
  const prune = () => {
    state.running = state.running.then(async () => {
      try {
        const removed = await log.prune(new Date(Date.now() - days * DAY_MS));
        if (removed > 0) report?.(`Removed ${removed} access-log entries older than ${days} days.`);
      } catch (error) {
        report?.(`The access log could not be pruned: ${String(error)}`);
      }
    });
  };
  prune();
  state.timer = setInterval(prune, DAY_MS);
  state.timer.unref();
  return state;
}

function readOrCreate(file: string, create: () => Buffer): Buffer {
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const value = create();
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}

async function seedDemo(
  config: ServerConfig,
  store: SchoolStore,
  accounts: Accounts,
): Promise<number> {
  const read = (name: string) => fs.readFileSync(path.join(config.demoDir, name), 'utf8');
  const seeded = schoolFromFiles({
    school: JSON.parse(read('school.json')) as SchoolBody,
    roster: read('roster.csv'),
    staff: read('staff.csv'),
    teachingLoad: read('teaching-load.csv'),
    plan: read('plan-2026-2027.csv'),
  });
  if (seeded.skipped.length > 0) {
    throw new Error(`The demo school's files have errors:\n${seeded.skipped.join('\n')}`);
  }

  for (let start = 0; start < seeded.docs.length; start += 1000) {
    await store.db.bulkDocs(seeded.docs.slice(start, start + 1000));
  }
  await store.catchUp();

  // Every demo account has the same published password, so one hash serves them all: hashing
  // ~900 accounts one by one would take minutes. A password changed later gets its own salt.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await accounts.save(
    seeded.accounts.map((account) => ({ ...account, db: config.dbName, passwordHash, demo: true })),
  );
  return seeded.docs.length;
}
