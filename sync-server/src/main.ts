/** Starts the Homeroom server: `tsx sync-server/src/main.ts [--demo]`. */
import fs from 'node:fs';
import { buildApp } from './app';
import { readConfig } from './config';
import { openHomeroom } from './homeroom';

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  const logger = { level: config.logLevel };
  const homeroom = await openHomeroom(config, {
    log: (message) => process.stdout.write(`${message}\n`),
  });
  const app = await buildApp({
    ...homeroom.deps,
    logger,
    trustProxy: process.env.HOMEROOM_TRUST_PROXY === '1',
    https: config.tls
      ? { cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) }
      : undefined,
  });

  const shutdown = async () => {
    await app.close();
    await homeroom.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  await app.listen({ port: config.port, host: config.host });
  const scheme = config.tls ? 'https' : 'http';
  const mode = config.demo ? 'the demo school' : `database "${config.dbName}"`;
  app.log.info(
    `Homeroom serves ${mode} at ${scheme}://${config.host}:${config.port}/ (data in ${config.dataDir})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Homeroom could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
