/**
 * Updates never cost a mark: a new version that arrives in the middle of a roll call waits for the
 * teacher's confirmation and keeps the 15 unsent marks; three updates put off in a row end in one
 * reload, to the newest.
 */
import { expect, test, type Page } from '@playwright/test';
import { DeployServer } from './support/deployServer';
import { classHeading, teacherOf, unlock } from './support/device';
import { fixturePupils } from './support/fixture';
import { openDevice, RollCallPage, StatusLine, TABLET, waitForOfflineShell } from './support/pages';

const CLASS = '8 «А»';
const TEACHER = teacherOf(CLASS);
const pupils = fixturePupils().filter((p) => p.className === CLASS);
const server = new DeployServer(Number(process.env.E2E_DEPLOY_PORT ?? 8183));

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(() => {
  server.stop();
});

/** The build marker of the page's shell; 'reloading' while the page is between two documents. */
async function build(page: Page): Promise<string | null> {
  try {
    return await page.evaluate(
      () => document.querySelector('meta[name="homeroom-build"]')?.getAttribute('content') ?? null,
    );
  } catch {
    return 'reloading';
  }
}

async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

const banner = (page: Page) =>
  page.getByRole('region', { name: 'Доступна новая версия приложения.' });

test('an update during roll call waits for the teacher and keeps 15 of 28 unsent marks', async ({
  browser,
}) => {
  expect(pupils).toHaveLength(28);
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto(`${server.origin}/`);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await page.getByLabel('Название').fill('Классный час');
  await page.getByLabel('Дата').fill('2026-12-07');
  await page.getByLabel('Начало').fill('13:30');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await new StatusLine(page).expectAllSent();
  await waitForOfflineShell(page);
  await unlock(page, TEACHER);

  // The school's Wi-Fi lets the app shell through but not the writes.
  await page.route('**/_bulk_docs', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: /Классный час.*7 декабря/ }).click();
  const rollCall = new RollCallPage(page);
  await expect(rollCall.rows()).toHaveCount(28);
  for (let index = 0; index < 15; index++) {
    await rollCall.toggle(rollCall.rows().nth(index)).click();
  }
  await expect(new StatusLine(page).locator).toHaveText(/15 изменений не отправлено/);

  server.deploy(1);
  await checkForUpdate(page);
  await expect(banner(page)).toContainText('15 изменений ещё не отправлено');
  expect(await build(page)).toBeNull();
  await banner(page).getByRole('button', { name: 'Обновить, не дожидаясь отправки' }).click();
  await expect.poll(() => build(page)).toBe('1');

  await unlock(page, TEACHER);
  await expect(new StatusLine(page).locator).toHaveText(/15 изменений не отправлено/);
  await page.getByRole('button', { name: /Классный час.*7 декабря/ }).click();
  await expect(rollCall.rows().filter({ hasText: 'без уважительной причины' })).toHaveCount(15);
  await page.unroute('**/_bulk_docs');
  await page.getByRole('button', { name: /Назад/ }).click();
  await new StatusLine(page).expectAllSent(30_000);
  await context.close();
});

test('three updates put off in a row end in one reload, to the newest', async ({ browser }) => {
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto(`${server.origin}/`);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await waitForOfflineShell(page);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  const before = await build(page);

  for (const n of [2, 3, 4]) {
    server.deploy(n);
    await checkForUpdate(page);
    await expect(banner(page)).toBeVisible();
    if (n < 4) {
      await banner(page).getByRole('button', { name: 'Позже' }).click();
      await expect(banner(page)).toHaveCount(0);
    }
  }
  let loads = 0;
  page.on('load', () => {
    loads++;
  });
  await banner(page).getByRole('button', { name: 'Обновить', exact: true }).click();
  await expect.poll(() => build(page)).toBe('4');
  expect(before).not.toBe('4');
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await page.waitForTimeout(2000); // a second reload, if any, would come within this time
  expect(loads).toBe(1);
  await context.close();
});
