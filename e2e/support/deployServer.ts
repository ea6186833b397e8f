/**
 * A second demo server for the update tests, serving a copy of the built app that a test can
 * "deploy" new versions into: each deploy changes the shell (a build marker in index.html) and
 * the service worker's precache revision of it, as a real build does. Stopped by its process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export class DeployServer {
  private process: ChildProcess | undefined;
  readonly origin: string;
  private readonly dist: string;
  private readonly data: string;

  constructor(readonly port: number) {
    this.origin = `http://localhost:${port}`;
    this.dist = path.join(ROOT, '.tmp', `deploy-${port}`, 'dist');
    this.data = path.join(ROOT, '.tmp', `deploy-${port}`, 'data');
  }

  async start(): Promise<void> {
    rmSync(path.dirname(this.dist), { recursive: true, force: true });
    cpSync(path.join(ROOT, 'dist'), this.dist, { recursive: true });
    this.process = spawn(
      process.execPath,
      ['--import', 'tsx', 'sync-server/src/main.ts', '--demo'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(this.port),
          HOMEROOM_DATA: this.data,
          HOMEROOM_STATIC: this.dist,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      try {
        if ((await fetch(`${this.origin}/couch/`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the deploy server on ${this.port} did not start`);
  }

  /** Publishes build `n`: a new shell and a service worker that precaches it. */
  deploy(n: number): void {
    const index = path.join(this.dist, 'index.html');
    const html = readFileSync(index, 'utf8').replace(
      /<meta name="homeroom-build"[^>]*>|<\/head>/,
      (found) => `<meta name="homeroom-build" content="${n}">${found === '</head>' ? found : ''}`,
    );
    writeFileSync(index, html);
    const sw = path.join(this.dist, 'sw.js');
    writeFileSync(
      sw,
      readFileSync(sw, 'utf8').replace(
        /\{url:"index\.html",revision:"[^"]*"\}/,
        `{url:"index.html",revision:"build-${n}"}`,
      ),
    );
  }

  stop(): void {
    if (this.process?.pid !== undefined) process.kill(this.process.pid);
    this.process = undefined;
  }
}
