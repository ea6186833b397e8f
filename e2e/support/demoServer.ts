/**
 * A second demo server whose school differs from the demo files in a setting, e.g. its time
 * zone, or in a file: it seeds from a copy of demo-data/ with school.json patched and files
 * replaced (HOMEROOM_DEMO_DIR), serves
 * the same built app as the main e2e server, and is stopped by its process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export class DemoServer {
  private process: ChildProcess | undefined;
  readonly origin: string;
  private readonly dir: string;

  /**
   * `school` patches school.json; `files` replaces whole files of the demo folder by name (an
   * empty plan, say).
   */
  constructor(
    readonly port: number,
    private readonly school: Record<string, unknown>,
    private readonly files: Record<string, string> = {},
  ) {
    this.origin = `http://localhost:${String(port)}`;
    this.dir = path.join(ROOT, '.tmp', `demo-${String(port)}`);
  }

  async start(): Promise<void> {
    if (await this.answers()) throw new Error(`port ${String(this.port)} is taken; free it first`);
    rmSync(this.dir, { recursive: true, force: true });
    const demoDir = path.join(this.dir, 'demo-data');
    cpSync(path.join(ROOT, 'demo-data'), demoDir, { recursive: true });
    const schoolFile = path.join(demoDir, 'school.json');
    const school = JSON.parse(readFileSync(schoolFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(schoolFile, JSON.stringify({ ...school, ...this.school }, null, 2));
    for (const [name, text] of Object.entries(this.files)) {
      writeFileSync(path.join(demoDir, name), text);
    }

    this.process = spawn(
      process.execPath,
      ['--import', 'tsx', 'sync-server/src/main.ts', '--demo'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(this.port),
          HOMEROOM_DATA: path.join(this.dir, 'data'),
          HOMEROOM_DEMO_DIR: demoDir,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
    const until = Date.now() + 60_000;
    while (Date.now() < until && this.process.exitCode === null) {
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the demo server on ${String(this.port)} did not start`);
  }

  private async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.origin}/couch/`)).ok;
    } catch {
      return false;
    }
  }

  stop(): void {
    if (this.process?.pid !== undefined) process.kill(this.process.pid);
    this.process = undefined;
  }
}
