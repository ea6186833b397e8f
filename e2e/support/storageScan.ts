/**
 * Reads, from inside the page, everything the app keeps on the device (every IndexedDB database's
 * values, keys and index keys; localStorage; the Cache Storage) and looks for pupils' names.
 */
import type { Page } from '@playwright/test';

export interface ScanResult {
  scanned: { databases: number; rows: number; caches: number };
  leaks: string[];
}

export async function scanDeviceStorage(
  page: Page,
  pupils: { lastName: string; firstName: string }[],
): Promise<ScanResult> {
  const dump = await page.evaluate(async () => {
    const texts: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    // Strings as they are, and every binary value decoded as UTF-8 too: a name stored as bytes
    // is still a name in clear.
    const flatten = (value: unknown): void => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') texts.push(value);
      else if (value instanceof ArrayBuffer) texts.push(decoder.decode(value));
      else if (ArrayBuffer.isView(value)) texts.push(decoder.decode(value));
      else if (value instanceof Blob) texts.push('[blob]');
      else if (Array.isArray(value)) value.forEach(flatten);
      else if (typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          texts.push(key);
          flatten(inner);
        }
      } else if (typeof value === 'number' || typeof value === 'boolean') texts.push(`${value}`);
    };
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => {
          resolve(req.result);
        };
        req.onerror = () => {
          reject(req.error ?? new Error('IndexedDB request failed'));
        };
      });

    let rows = 0;
    const databases = await indexedDB.databases();
    for (const info of databases) {
      if (!info.name) continue;
      texts.push(info.name);
      const db = await request(indexedDB.open(info.name));
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const values = await request(store.getAll());
        rows += values.length;
        flatten(values);
        flatten(await request(store.getAllKeys()));
        for (const indexName of Array.from(store.indexNames)) {
          const index = db
            .transaction(storeName, 'readonly')
            .objectStore(storeName)
            .index(indexName);
          await new Promise<void>((resolve, reject) => {
            const cursor = index.openKeyCursor();
            cursor.onsuccess = () => {
              const current = cursor.result;
              if (!current) {
                resolve();
                return;
              }
              flatten(current.key);
              current.continue();
            };
            cursor.onerror = () => {
              reject(cursor.error ?? new Error('cursor failed'));
            };
          });
        }
      }
      db.close();
    }

    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      texts.push(key, localStorage.getItem(key) ?? '');
    }

    const cacheNames = await caches.keys();
    for (const name of cacheNames) {
      const cache = await caches.open(name);
      for (const cached of await cache.keys()) {
        texts.push(cached.url);
        const response = await cache.match(cached);
        if (response) texts.push(await response.text());
      }
    }
    return { texts, databases: databases.length, rows, caches: cacheNames.length };
  });

  const haystack = dump.texts.join('\n');
  const leaks = new Set<string>();
  for (const pupil of pupils) {
    if (haystack.includes(pupil.lastName)) leaks.add(pupil.lastName);
    if (haystack.includes(`${pupil.firstName} ${pupil.lastName}`)) leaks.add(pupil.firstName);
  }
  return {
    scanned: { databases: dump.databases, rows: dump.rows, caches: dump.caches },
    leaks: [...leaks],
  };
}
