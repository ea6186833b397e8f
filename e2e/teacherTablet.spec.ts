/** The class teacher's tablet in landscape: the details of roll call, events and language. */
import { expect, test, type Page } from '@playwright/test';
import { AdminApi } from './support/adminApi';
import { fixturePupils, GUARDIAN_10B, TEACHER_10B, TODAY_EVENT } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine } from './support/pages';

const LANDSCAPE = { width: 1280, height: 800 };
const class10b = fixturePupils().filter((p) => p.className === '10 «Б»');
/** The register's order, computed here with the Russian collator rather than taken from the app. */
const collator = new Intl.Collator('ru', { sensitivity: 'base' });
const expectedOrder = [...class10b]
  .sort(
    (a, b) =>
      collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName),
  )
  .map((p) => `${p.lastName} ${p.firstName}`);

async function logInAsTeacher(page: Page) {
  await page.goto('/');
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
}

test('roll call: register order, one-tap all present with undo, letters that toggle, 44 px targets', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, LANDSCAPE);
  await logInAsTeacher(page);
  // Next week's classroom hour: the main scenario takes today's roll in the same server.
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*14 декабря`) }).click();
  const rollCall = new RollCallPage(page);

  const names = await rollCall.rows().locator('.pupil-name').allInnerTexts();
  expect(names.map((name) => name.split(' ').slice(0, 2).join(' '))).toEqual(expectedOrder);
  await expect(rollCall.rows().filter({ hasText: 'не отмечен' })).toHaveCount(class10b.length);
  await expect(rollCall.counter()).toHaveText(`0 из ${class10b.length}`);

  await page.getByRole('button', { name: 'Все присутствуют' }).click();
  await expect(rollCall.counter()).toHaveText(`${class10b.length} из ${class10b.length}`);
  await page.getByRole('button', { name: 'Отменить' }).click();
  await expect(rollCall.counter()).toHaveText(`0 из ${class10b.length}`);
  await expect(rollCall.rows().filter({ hasText: 'не отмечен' })).toHaveCount(class10b.length);

  // One tap marks the school's absent letter, a second tap gives the presence back.
  const first = new RegExp(`^${expectedOrder[0]!}`);
  const toggle = rollCall.toggle(rollCall.row(first));
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(rollCall.row(first)).toHaveAttribute('data-mark', 'н');
  await expect(rollCall.row(first)).toContainText('без уважительной причины');
  await toggle.click();
  await expect(rollCall.row(first)).toContainText('присутствует');
  await expect(rollCall.counter()).toHaveText(`1 из ${class10b.length}`);

  // The sheet of a pupil shows the school's letters with their meanings.
  const sheet = await rollCall.openSheet(first);
  // In the pupil's grammatical gender, whatever the school's settings write.
  const girl =
    class10b.find((p) => `${p.lastName} ${p.firstName}` === expectedOrder[0])?.sex === 'Ж';
  const a = girl ? 'а' : '';
  for (const [letter, meaning] of [
    ['н', `отсутствовал${a} без уважительной причины`],
    ['б', `отсутствовал${a}, болел${a}`],
    ['у', `отсутствовал${a} по уважительной причине`],
    ['оп', `опоздал${a}`],
  ] as const) {
    await expect(
      sheet.getByRole('button', { name: letter, exact: true }),
    ).toHaveAccessibleDescription(meaning);
  }
  await sheet.getByText('Статус, причина, подтверждение').click();
  await expect(sheet.getByLabel('Причина', { exact: true })).toBeVisible();

  // A radio button's target is its whole label.
  const small = await page.locator('button, input, select, textarea').evaluateAll((elements) =>
    elements
      .map((element) => ({
        element,
        box: (element.matches('input[type=radio], input[type=checkbox]')
          ? (element.closest('label') ?? element)
          : element
        ).getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(
        ({ element, box }) =>
          `${element.tagName} ${element.textContent} ${box.width}×${box.height}`,
      ),
  );
  expect(small).toEqual([]);
  await sheet.getByRole('button', { name: 'Закрыть' }).click();
  await expect(sheet).toBeHidden();
  await expectNoSidewaysScroll(page);
  await context.close();
});

const WHY = 'Мама принесла заявление: семейные обстоятельства';

test('a past mark is corrected, an event is added on the spot, and a correction the next day keeps why', async ({
  browser,
  request,
}) => {
  const { page, context } = await openDevice(browser, LANDSCAPE);
  await logInAsTeacher(page);
  const rollCall = new RollCallPage(page);
  const pupil = new RegExp(`^${expectedOrder[2]!}`);

  await page.getByText('Прошедшие').click();
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*30 ноября`) }).click();
  // Changes on the day the mark was made need no reason.
  await rollCall.tapLetter(pupil, 'н');
  await expect(rollCall.row(pupil)).toContainText('без уважительной причины');
  await rollCall.tapLetter(pupil, 'б');
  await expect(rollCall.row(pupil)).toContainText(/болел/);
  await new StatusLine(page).expectAllSent();

  await page.getByRole('button', { name: /Назад/ }).click();
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await page.getByLabel('Название').fill('Субботник на пришкольном участке');
  await page.getByLabel('Дата').fill('2026-12-07');
  await page.getByLabel('Начало').fill('13:30');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(
    page.getByRole('button', { name: /Субботник на пришкольном участке.*7 декабря/ }),
  ).toBeVisible();
  await new StatusLine(page).expectAllSent();

  await test.step('the next school day a correction asks why, and keeps who, when and why', async () => {
    await page.clock.setSystemTime(new Date('2026-12-08T08:30:00+03:00'));
    await page.getByText('Прошедшие').click();
    await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*30 ноября`) }).click();
    await rollCall.toggle(rollCall.row(pupil)).click();
    const sheet = rollCall.sheet();
    await expect(sheet).toContainText('Исправление сохранится вместе с причиной');
    await expect(sheet.getByLabel('Почему исправляете отметку')).toBeFocused();
    await sheet.getByRole('button', { name: 'Закрыть' }).click();
    await expect(rollCall.row(pupil)).toContainText(/болел/);

    await rollCall.openSheet(pupil);
    await sheet.getByText('Статус, причина, подтверждение').click();
    await sheet
      .getByLabel('Причина', { exact: true })
      .selectOption({ label: 'семейные обстоятельства' });
    await sheet
      .getByLabel('Подтверждение')
      .selectOption({ label: 'записка или заявление родителей' });
    await expect(sheet.getByLabel('Уважительная причина')).toBeChecked();
    await sheet.getByRole('button', { name: 'Сохранить отметку' }).click();
    await expect(sheet.getByRole('alert')).toHaveText('Напишите, почему исправляете отметку.');
    await sheet.getByLabel('Почему исправляете отметку').fill(WHY);
    await sheet.getByRole('button', { name: 'Сохранить отметку' }).click();
    await expect(sheet).toBeHidden();
    await expect(rollCall.row(pupil)).toContainText('по уважительной причине · исправлено');

    await rollCall.openSheet(pupil);
    const history = sheet.getByRole('listitem');
    await expect(history).toHaveCount(3);
    await expect(history.nth(0)).toContainText('у — ');
    await expect(history.nth(0)).toContainText('Арутюнян Г. Л., 8 дек');
    await expect(history.nth(0)).toContainText(`Почему: ${WHY}`);
    await expect(history.nth(1)).toContainText('б — ');
    await expect(history.nth(2)).toContainText('н — ');
    await sheet.getByRole('button', { name: /^Ученик:/ }).click();
    const corrections = page.getByRole('region', { name: 'Посещаемость' });
    await expect(corrections).toContainText('Исправленные отметки');
    await expect(corrections).toContainText(`Почему: ${WHY}`);
    await new StatusLine(page).expectAllSent();

    const admin = new AdminApi(request);
    await admin.logIn();
    const stored = (await admin.docs()).filter(
      (doc) => doc.type === 'attendance' && doc.body.why === WHY,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      date: '2026-11-30',
      body: { status: 'absent', reason: 'family', evidence: 'parent-note', excused: true },
    });
    expect(stored[0]?.body.history).toHaveLength(2);
  });

  await context.close();
});

test('English is one switch away, and a wrong password says so', async ({ browser }) => {
  const { page, context } = await openDevice(browser, PHONE);
  await logInAsTeacher(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Class 10 «Б»' })).toBeVisible();
  await page.getByRole('button', { name: 'Переключить на русский' }).click();
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();

  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await new LoginPage(page).logIn(TEACHER_10B, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(/Неверный/);
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
  await context.close();
});

test('a family with three children switches between them on the phone', async ({ browser }) => {
  const family = 'semenovy.family@example.com';
  const children = fixturePupils().filter((p) => p.guardianEmails.includes(family));
  expect(children).toHaveLength(3);
  const { page, context } = await openDevice(browser, PHONE);
  await page.goto('/');
  await new LoginPage(page).logIn(family);
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(3);
  for (const child of children) {
    await page.getByRole('tab', { name: child.firstName }).click();
    await expect(
      page.getByRole('heading', { name: new RegExp(`^${child.lastName} ${child.firstName}`) }),
    ).toBeVisible();
  }
  await expectNoSidewaysScroll(page);
  await context.close();
});

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a screen that fails to render says so and leaves the header working, never a blank page', async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, PHONE);
  // Like the failure WebKit once caused on a guardian's iPhone: a browser whose dates the app
  // cannot read, so the child's screen throws while it renders.
  await context.addInitScript(() => {
    Intl.DateTimeFormat.prototype.formatToParts = () => {
      throw new RangeError('Invalid Date');
    };
  });
  await page.goto('/');
  await new LoginPage(page).logIn(GUARDIAN_10B);
  await expect(page.getByRole('alert')).toContainText('Этот экран не удалось показать');
  await expect(page.getByRole('alert')).toContainText('RangeError');
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await expect(page.locator('input[name=password]')).toBeVisible();
  await context.close();
});

test("the device's Back button goes back through the app's screens, not out of the app", async ({
  browser,
}) => {
  const { page, context } = await openDevice(browser, LANDSCAPE);
  await logInAsTeacher(page);
  const home = page.getByRole('heading', { name: 'Класс 10 «Б»' });
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*14 декабря`) }).click();
  const rollCall = new RollCallPage(page);
  await expect(rollCall.counter()).toBeVisible();
  await page.goBack();
  await expect(home).toBeVisible();
  await page.goForward();
  await expect(rollCall.counter()).toBeVisible();
  // The app's own «Назад» goes back too: the device's Back then leaves the class list alone.
  await page.getByRole('button', { name: /Назад/ }).click();
  await expect(home).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*14 декабря`) }).click();
  await expect(rollCall.counter()).toBeVisible();
  await page.goBack();
  await expect(home).toBeVisible();
  expect(page.url()).toMatch(/\/$/);

  // Locked in the middle of a roll call, the tablet unlocks back into it.
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*14 декабря`) }).click();
  await expect(rollCall.counter()).toBeVisible();
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(rollCall.counter()).toBeVisible();
  await context.close();
});
