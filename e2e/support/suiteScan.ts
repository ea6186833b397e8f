/**
 * The privacy scan of the whole suite: every device a test opens with `openDevice` is scanned
 * (IndexedDB, localStorage, Cache Storage) for any pupil's name just before it is closed, and the
 * global teardown fails the run if any scan found one. Results go to .tmp/e2e-scan-<port>/.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { fixturePupils } from './fixture';
import { scanDeviceStorage } from './storageScan';

const DIR = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '.tmp',
  `e2e-scan-${process.env.E2E_PORT ?? 8181}`,
);
let scans = 0;

interface ScanRecord {
  url: string;
  rows: number;
  leaks: string[];
}

/** Scans the device's storage before `context.close()` does its work. */
export function scanOnClose(context: BrowserContext, page: Page): void {
  const close = context.close.bind(context);
  context.close = async (options) => {
    if (!page.isClosed() && page.url().startsWith('http')) {
      const found = await scanDeviceStorage(page, fixturePupils()).catch(() => undefined);
      if (found) {
        mkdirSync(DIR, { recursive: true });
        const record: ScanRecord = {
          url: page.url(),
          rows: found.scanned.rows,
          leaks: found.leaks,
        };
        writeFileSync(path.join(DIR, `${process.pid}-${scans++}.json`), JSON.stringify(record));
      }
    }
    await close(options);
  };
}

/** Playwright's global setup: a run starts with no scans of an earlier one. */
export function clearScans(): void {
  rmSync(DIR, { recursive: true, force: true });
}

/** Playwright's global teardown: every scanned device of the suite, and no name in clear. */
export function checkScans(): void {
  let files: string[] = [];
  try {
    files = readdirSync(DIR);
  } catch {
    return;
  }
  const records = files.map(
    (file) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as ScanRecord,
  );
  const leaking = records.filter((record) => record.leaks.length > 0);
  const rows = records.reduce((sum, record) => sum + record.rows, 0);
  process.stdout.write(
    `Privacy scan of the suite: ${records.length} devices, ${rows} stored rows, ${leaking.length} with a name in clear.\n`,
  );
  if (leaking.length > 0) {
    throw new Error(`names in clear on a device: ${JSON.stringify(leaking)}`);
  }
}
