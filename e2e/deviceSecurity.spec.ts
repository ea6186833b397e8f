/**
 * A tablet that can be lost, shared or filled up: it locks by itself and unlocks offline, a wrong
 * password says so, a password change keeps the data, a second user sees nothing of the first,
 * logging out offers to send first, an emptied storage and a full disk are said out loud, and a
 * screen whose chunk vanished in a deploy recovers.
 */
import { expect, test, type Page } from '@playwright/test';
import { AdminApi } from './support/adminApi';
import {
  classHeading,
  clearSiteStorage,
  expectLocked,
  fillTheDisk,
  publishedClearFields,
  storedRowFields,
  teacherOf,
  unlock,
  userDatabases,
} from './support/device';
import { DIRECTOR, fixturePupils, PASSWORD, TODAY_EVENT } from './support/fixture';
import {
  openDevice,
  PHONE,
  RollCallPage,
  StatusLine,
  TABLET,
  waitForOfflineShell,
} from './support/pages';

const CLASS = '5 «А»';
const TEACHER = teacherOf(CLASS);
const pupils = fixturePupils().filter((p) => p.className === CLASS);
const collator = new Intl.Collator('ru', { sensitivity: 'base' });
const register = [...pupils].sort(
  (a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName),
);
const rowOf = (index: number) =>
  new RegExp(`^${register[index]!.lastName} ${register[index]!.firstName}`);

async function openToday(page: Page): Promise<RollCallPage> {
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*7 декабря`) }).click();
  const rollCall = new RollCallPage(page);
  await expect(rollCall.rows()).toHaveCount(pupils.length);
  return rollCall;
}

async function installedTablet(page: Page): Promise<void> {
  await page.goto('/');
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await new StatusLine(page).expectAllSent();
  await waitForOfflineShell(page);
}

test('locks when idle and when asked, unlocks offline; a wrong password says so', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, TABLET);
  await installedTablet(page);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();

  await page.getByRole('button', { name: 'Настройки' }).click();
  await page.getByLabel('Блокировать без действий через').selectOption({ label: '1 минуту' });
  await page.getByRole('button', { name: 'Закрыть' }).click();
  await page.clock.fastForward('01:05');
  await expectLocked(page);

  await context.setOffline(true);
  await page.reload();
  await unlock(page, TEACHER, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Неверный пароль для этого устройства.');
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await expect(new StatusLine(page).locator).toHaveText(/Нет связи/);
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await expectLocked(page);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();

  const allowed = new Set([...publishedClearFields(), 'iv', 'ct']);
  expect(publishedClearFields()).toContain('pupilId');
  const fields = await storedRowFields(page);
  expect(fields.length).toBeGreaterThan(2);
  expect(fields.filter((field) => !allowed.has(field))).toEqual([]);
  await context.close();
});

test('a full disk during roll call: said at once, the mark not shown as saved, nothing lost', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, TABLET);
  await installedTablet(page);
  await context.setOffline(true);
  await unlock(page, TEACHER);
  const rollCall = await openToday(page);
  await rollCall.tapLetter(rowOf(0), 'н');
  await rollCall.tapLetter(rowOf(1), 'н');
  await expect(rollCall.row(rowOf(1))).toContainText('без уважительной причины');

  await fillTheDisk(page, true);
  await rollCall.toggle(rollCall.row(rowOf(2))).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Память' })).toHaveText(
    'Память устройства заполнена: отметка НЕ сохранена. Освободите место и отметьте снова.',
  );
  await expect(rollCall.toggle(rollCall.row(rowOf(2)))).toHaveAttribute('aria-pressed', 'false');
  await expect(rollCall.row(rowOf(2))).toContainText('не отмечен');
  await expect(new StatusLine(page).locator).toHaveText(/2 изменения не отправлены/);

  await fillTheDisk(page, false);
  await page.reload();
  await unlock(page, TEACHER);
  const again = await openToday(page);
  await expect(again.row(rowOf(0))).toContainText('без уважительной причины');
  await expect(again.row(rowOf(1))).toContainText('без уважительной причины');
  await expect(again.row(rowOf(2))).toContainText('не отмечен');
  await context.close();
});

test('storage cleared while changes are unsent: the app says so instead of an empty class', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto('/');
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await new StatusLine(page).expectAllSent();
  await context.setOffline(true);
  const rollCall = await openToday(page);
  for (const index of [3, 4, 5]) await rollCall.tapLetter(rowOf(index), 'н');
  await expect(new StatusLine(page).locator).toHaveText(/3 изменения не отправлены/);

  await clearSiteStorage(context, page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Браузер удалил данные Homeroom с этого устройства');
  await expect(alert).toContainText('Потеряно 3 неотправленных изменения');
  await expectLocked(page);
  await expect(page.locator('li.pupil')).toHaveCount(0);
  await context.close();
});

test('a password change rewraps the key: the same data opens with the new password only', async ({
  browser,
}) => {
  const teacher = teacherOf('8 «А»');
  const newPassword = 'новый-пароль-8а';
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto('/');
  await unlock(page, teacher);
  await expect(classHeading(page, '8 «А»')).toBeVisible();
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await page.getByLabel('Название').fill('Экскурсия в музей');
  await page.getByLabel('Дата').fill('2026-12-07');
  await page.getByLabel('Начало').fill('13:30');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await new StatusLine(page).expectAllSent();
  await waitForOfflineShell(page);
  await unlock(page, teacher);

  await page.getByRole('button', { name: 'Настройки' }).click();
  await page.getByLabel('Текущий пароль').fill('wrong-password');
  await page.getByLabel('Новый пароль', { exact: true }).fill(newPassword);
  await page.getByLabel('Новый пароль ещё раз').fill(newPassword);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText(
    'Неверный пароль для этого устройства.',
  );
  await page.getByLabel('Текущий пароль').fill(PASSWORD);
  await page.getByLabel('Новый пароль', { exact: true }).fill(newPassword);
  await page.getByLabel('Новый пароль ещё раз').fill(newPassword);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Пароль изменён.')).toBeVisible();
  await page.getByRole('button', { name: 'Закрыть' }).click();

  await context.setOffline(true);
  await page.reload();
  await unlock(page, teacher, PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('Неверный пароль для этого устройства.');
  await unlock(page, teacher, newPassword);
  await expect(page.getByRole('button', { name: /Экскурсия в музей.*7 декабря/ })).toBeVisible();

  await context.setOffline(false);
  const fresh = await page.request.post('/couch/_session', {
    data: { name: teacher, password: newPassword },
  });
  expect(fresh.status()).toBe(200);
  await context.close();
});

test('a second user on a shared tablet has their own space and sees nothing of the first', async ({
  browser,
}) => {
  const child = register[0]!;
  const guardian = child.guardianEmails[0]!;
  const { page, context } = await openDevice(browser, TABLET);
  await installedTablet(page);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await page.getByRole('button', { name: 'Заблокировать' }).click();

  await unlock(page, guardian);
  await expect(
    page.getByRole('heading', { name: new RegExp(`^${child.lastName} ${child.firstName}`) }),
  ).toBeVisible();
  await new StatusLine(page).expectAllSent();
  const text = await page.locator('body').innerText();
  const classmates = register.slice(1).filter((p) => text.includes(`${p.lastName} ${p.firstName}`));
  expect(classmates).toEqual([]);
  expect(text).not.toContain(`Класс ${CLASS}`);
  expect((await userDatabases(page)).filter((name) => name.startsWith('homeroom-u-'))).toHaveLength(
    2,
  );

  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await context.setOffline(true);
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await context.close();
});

test('logging out offers to send what is unsent first, then removes the data', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, TABLET);
  await page.goto('/');
  await unlock(page, TEACHER);
  await expect(classHeading(page, CLASS)).toBeVisible();
  await new StatusLine(page).expectAllSent();
  await context.setOffline(true);
  const rollCall = await openToday(page);
  await rollCall.tapLetter(rowOf(6), 'н');
  await rollCall.tapLetter(rowOf(7), 'н');

  await page.getByRole('button', { name: 'Выйти' }).click();
  const dialog = page.getByRole('dialog', { name: 'Выйти с этого устройства?' });
  await expect(dialog).toContainText(
    '2 изменения не отправлены. После выхода эти изменения пропадут.',
  );
  await dialog.getByRole('button', { name: 'Подождать отправки' }).click();
  await context.setOffline(false);
  await expect(dialog).toContainText('Данные будут удалены с устройства.', { timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Выйти', exact: true }).click();
  await expectLocked(page);
  await expect
    .poll(() => userDatabases(page))
    .not.toContainEqual(expect.stringMatching(/^homeroom-u-/));

  const admin = new AdminApi(page.request);
  await admin.logIn();
  const marks = (await admin.docs()).filter(
    (doc) =>
      doc.type === 'attendance' &&
      doc.date === '2026-12-07' &&
      (doc.body.status as string) === 'absent',
  );
  expect(marks.length).toBeGreaterThanOrEqual(2);
  await context.close();
});

test('a lazily loaded screen whose chunk vanished in a deploy recovers', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  let refused = 0;
  await page.route(/\/assets\/AdminHome-[^/]+\.js$/, async (route) => {
    if (refused++ === 0) await route.fulfill({ status: 404, body: 'Not found' });
    else await route.continue();
  });
  await page.goto('/');
  await unlock(page, DIRECTOR);
  // The page reloads itself once, and the director unlocks again.
  await expectLocked(page);
  await unlock(page, DIRECTOR);
  await expect(page.getByRole('region', { name: 'Отсутствуют сегодня' })).toBeVisible();
  expect(refused).toBe(2);
  await context.close();
});
