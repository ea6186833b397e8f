/** The server's settings, read once from the environment and the command line. */
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Folder of the server's data: the school's database, accounts, the session secret. */
  dataDir: string;
  /** The school's database name, as clients see it under /couch/. */
  dbName: string;
  /** Demo mode: seeds the demo school into an empty data folder; demo passwords work only here. */
  demo: boolean;
  /** Folder of the demo school's files. */
  demoDir: string;
  /** Folder of the built PWA (vite build). */
  staticDir: string;
  tls?: { cert: string; key: string } | undefined;
  /** pino level; 'silent' in tests. */
  logLevel: string;
  /** Days the access log keeps an entry; 0 keeps every entry. */
  accessLogDays: number;
}

/** Two school years: the year an entry is made in and the one after, for questions about it. */
const ACCESS_LOG_DAYS = 730;

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): ServerConfig {
  const demo = argv.includes('--demo') || env.HOMEROOM_DEMO === '1';
  const cert = env.HOMEROOM_TLS_CERT;
  const key = env.HOMEROOM_TLS_KEY;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error('Set both HOMEROOM_TLS_CERT and HOMEROOM_TLS_KEY, or neither.');
  }
  const accessLogDays = Number(env.HOMEROOM_ACCESS_LOG_DAYS ?? ACCESS_LOG_DAYS);
  if (!Number.isInteger(accessLogDays) || accessLogDays < 0) {
    throw new Error(
      `HOMEROOM_ACCESS_LOG_DAYS must be a whole number of days (0 keeps everything), not «${env.HOMEROOM_ACCESS_LOG_DAYS ?? ''}».`,
    );
  }
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not «${env.PORT ?? ''}».`);
  }
  return {
    port,
    host: env.HOST ?? 'localhost',
    dataDir: path.resolve(env.HOMEROOM_DATA ?? path.join(ROOT, 'data')),
    dbName: env.HOMEROOM_DB ?? (demo ? 'demo' : 'school'),
    demo,
    demoDir: path.resolve(env.HOMEROOM_DEMO_DIR ?? path.join(ROOT, 'demo-data')),
    staticDir: path.resolve(env.HOMEROOM_STATIC ?? path.join(ROOT, 'dist')),
    tls: cert && key ? { cert, key } : undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    accessLogDays,
  };
}
