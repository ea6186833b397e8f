/** The storage scan itself finds a name kept in clear, so its empty answer elsewhere means something. */
import { expect, test } from '@playwright/test';
import { scanDeviceStorage } from './support/storageScan';

test('the storage scan finds names planted in IndexedDB, localStorage and the Cache Storage', async ({
  page,
}) => {
  await page.goto('/couch/');
  await page.evaluate(async () => {
    localStorage.setItem('plain', 'Иванов');
    const open = indexedDB.open('plain-db', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('rows', { keyPath: 'id' }).createIndex('by', 'who');
    };
    await new Promise((resolve) => (open.onsuccess = resolve));
    const tx = open.result.transaction('rows', 'readwrite');
    tx.objectStore('rows').put({
      id: 1,
      who: 'Петров',
      bytes: new TextEncoder().encode('Сидоров'),
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    open.result.close();
    const cache = await caches.open('plain-cache');
    await cache.put('/x', new Response('Кузнецов'));
  });
  const pupils = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов'].map((lastName) => ({
    lastName,
    firstName: 'Тест',
  }));
  const result = await scanDeviceStorage(page, pupils);
  expect(result.leaks.sort()).toEqual(['Иванов', 'Кузнецов', 'Петров', 'Сидоров']);
});
