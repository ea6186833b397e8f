/**
 * The processes of a WebKit run, each started here and stopped by its own process id: Xvfb (a
 * display), WebKitWebDriver, and a demo Homeroom server with a fresh data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export function started(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
}

export function stop(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid);
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer`);
}

/** A display number that no X server holds yet. */
export function freeDisplay(): number {
  for (let display = 90; display < 200; display++) {
    if (!existsSync(`/tmp/.X${display}-lock`) && !existsSync(`/tmp/.X11-unix/X${display}`)) {
      return display;
    }
  }
  throw new Error('no free X display');
}

export function demoServer(port: number): ChildProcess {
  const data = path.join(ROOT, '.tmp', `webkit-data-${port}`);
  rmSync(data, { recursive: true, force: true });
  return started(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts', '--demo'], {
    PORT: String(port),
    HOMEROOM_DATA: data,
    LOG_LEVEL: 'warn',
  });
}
