/**
 * Access taken away reaches the device: a guardianship removed by the administration takes that
 * child's records off the family's phone at its next sync, and a tablet the administration blocks
 * wipes itself at its next contact.
 */
import { expect, test, type Page } from '@playwright/test';
import { AdminApi } from './support/adminApi';
import { fixturePupils, TEACHER_10B, TODAY_EVENT } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine, TABLET } from './support/pages';

/** Rows of the user's local database whose clear envelope names the pupil. */
async function localRowsAbout(page: Page, pupilId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .filter((name) => name.startsWith('homeroom-u-'));
    let count = 0;
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
      });
      const rows = await new Promise<{ pupilId?: string }[]>((resolve, reject) => {
        const request = db.transaction('docs').objectStore('docs').getAll();
        request.onsuccess = () => {
          resolve(request.result as { pupilId?: string }[]);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('read failed'));
        };
      });
      count += rows.filter((row) => row.pupilId === id).length;
      db.close();
    }
    return count;
  }, pupilId);
}

test("a guardianship removed takes the child off the guardian's phone", async ({
  browser,
  request,
}) => {
  // Аксёнова Наталья Сергеевна, the mother of one pupil in 1 «А».
  const mother = 'naksenova12@example.com';
  const child = fixturePupils().find((p) => p.guardianEmails.includes(mother))!;
  const { page, context } = await openDevice(browser, PHONE);
  await page.goto('/');
  await new LoginPage(page).logIn(mother);
  await expect(
    page.getByRole('heading', { name: new RegExp(`^${child.lastName} ${child.firstName}`) }),
  ).toBeVisible();

  const admin = new AdminApi(request);
  await admin.logIn();
  const docs = await admin.docs();
  const pupil = docs.find(
    (doc) =>
      doc.type === 'pupil' &&
      doc.body.lastName === child.lastName &&
      doc.body.firstName === child.firstName,
  )!;
  expect(await localRowsAbout(page, pupil.pupilId!)).toBeGreaterThan(0);
  const guardianships = docs.filter(
    (doc) => doc.type === 'guardianship' && doc.pupilId === pupil.pupilId,
  );
  await admin.write(guardianships.map((doc) => ({ ...doc, _deleted: true })));

  await expect(page.getByText('Нет привязанных детей')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(`${child.lastName} ${child.firstName}`)).toHaveCount(0);
  await expect.poll(() => localRowsAbout(page, pupil.pupilId!)).toBe(0);
  await context.close();
});

test('a blocked tablet wipes itself at its next contact', async ({ browser, request }) => {
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto('/');
  await new LoginPage(page).logIn(TEACHER_10B);
  await new StatusLine(page).expectAllSent();

  const admin = new AdminApi(request);
  await admin.logIn();
  const tablet = (await admin.devices()).find(
    (device) => device.name === 'Арутюнян Гаяне Левоновна',
  );
  expect(tablet).toBeDefined();
  await admin.block(tablet!.deviceId);

  // The next thing the teacher does reaches the server, which refuses the device.
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*21 декабря`) }).click();
  const first = fixturePupils()
    .filter((p) => p.className === '10 «Б»')
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru'))[0]!;
  await new RollCallPage(page).tapLetter(new RegExp(`^${first.lastName} ${first.firstName}`), 'н');

  await expect(page.getByText('Это устройство заблокировано администрацией школы')).toBeVisible({
    timeout: 15_000,
  });
  const left = await page.evaluate(async () =>
    (await indexedDB.databases()).map((db) => db.name ?? ''),
  );
  expect(left.filter((name) => name.startsWith('homeroom-u-'))).toEqual([]);
  await context.close();
});
