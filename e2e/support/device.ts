/** What a device test needs beyond the page objects: teachers, storage tricks, the logout dialog. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './pages';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The class teacher of each class, from the demo school's staff file. */
export function teacherOf(className: string): string {
  const line = readFileSync(path.join(ROOT, 'demo-data', 'staff.csv'), 'utf8')
    .split(/\r?\n/)
    .map((row) => row.split(';'))
    .find((cells) => cells[4] === className);
  if (!line?.[6]) throw new Error(`no class teacher of ${className}`);
  return line[6];
}

/** The fields docs/PRIVACY.md publishes as kept in clear on a device. */
export function publishedClearFields(): string[] {
  const privacy = readFileSync(path.join(ROOT, 'docs', 'PRIVACY.md'), 'utf8');
  const start = privacy.indexOf('The **envelope fields** a device keeps in clear are');
  const end = privacy.indexOf('(`CLEAR_ENVELOPE_FIELDS`', start);
  return [...privacy.slice(start, end).matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

/** The field names of every row of every user database on the device. */
export async function storedRowFields(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const fields = new Set<string>();
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith('homeroom-u-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
      });
      const rows = await new Promise<object[]>((resolve, reject) => {
        const request = db.transaction('docs').objectStore('docs').getAll();
        request.onsuccess = () => {
          resolve(request.result as object[]);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('read failed'));
        };
      });
      for (const row of rows) for (const key of Object.keys(row)) fields.add(key);
      db.close();
    }
    return [...fields];
  });
}

export async function userDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .filter((name) => name.startsWith('homeroom-')),
  );
}

/** Everything the site stored, as a user clearing site data (or an eviction) removes it. */
export async function clearSiteStorage(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(page.url()).origin,
    storageTypes: 'indexeddb,local_storage,cache_storage',
  });
  await cdp.detach();
}

/** From now on every put into the `docs` store fails as a full disk does. */
export async function fillTheDisk(page: Page, full: boolean): Promise<void> {
  await page.evaluate((on) => {
    const marker = window as unknown as { homeroomDiskFull?: boolean; homeroomPut?: unknown };
    if (!marker.homeroomPut) {
      const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!
        .value as IDBObjectStore['put'];
      marker.homeroomPut = put;
      IDBObjectStore.prototype.put = function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (marker.homeroomDiskFull && this.name === 'docs') {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    }
    marker.homeroomDiskFull = on;
  }, full);
}

export async function unlock(page: Page, login: string, password?: string): Promise<void> {
  await new LoginPage(page).logIn(login, password);
}

export function classHeading(page: Page, className: string): Locator {
  return page.getByRole('heading', { name: `Класс ${className}` });
}

export async function expectLocked(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Заблокировать' })).toHaveCount(0);
}
