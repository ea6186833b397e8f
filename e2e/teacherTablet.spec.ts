/** The class teacher's tablet in landscape: the details of roll call, events and language. */
import { expect, test, type Page } from '@playwright/test';
import { fixturePupils, TEACHER_10B, TODAY_EVENT } from './support/fixture';
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

  const first = new RegExp(`^${expectedOrder[0]!}`);
  await rollCall.tapLetter(first, 'н');
  await expect(rollCall.row(first).getByRole('button', { name: 'н', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(rollCall.row(first)).toContainText('без уважительной причины');
  await rollCall.tapLetter(first, 'н');
  await expect(rollCall.row(first)).toContainText('присутствует');
  await expect(rollCall.counter()).toHaveText(`1 из ${class10b.length}`);

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
  await expectNoSidewaysScroll(page);
  await context.close();
});

test('a past mark is corrected, and an event is added on the spot', async ({ browser }) => {
  const { page, context } = await openDevice(browser, LANDSCAPE);
  await logInAsTeacher(page);
  const rollCall = new RollCallPage(page);
  const pupil = new RegExp(`^${expectedOrder[2]!}`);

  await page.getByText('Прошедшие').click();
  await page.getByRole('button', { name: new RegExp(`${TODAY_EVENT}.*30 ноября`) }).click();
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
