/**
 * The class teacher records what the reports print: a past event's outcome, the minutes of a
 * parent meeting and a pupil's achievement, one of them offline; then downloads the minutes.
 * Only events no other spec marks: the football tournament of 20 November and the meeting of
 * 10 December.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { fixturePupils, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine, TABLET } from './support/pages';

const MEETING = /Родительское собрание «Итоги первого полугодия».*10 декабря/;
const TOURNAMENT = /Турнир по мини-футболу.*20 ноября/;
const pupil = fixturePupils().find((p) => p.className === '10 «Б»');
const ACHIEVEMENT = 'Второе место на муниципальном этапе олимпиады по истории';

async function saveResults(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Сохранить итоги' }).click();
  await expect(page.getByText('Итоги сохранены')).toBeVisible();
}

/** Buttons and fields smaller than a finger; a radio button's target is its whole label. */
function smallTargets(page: Page): Promise<string[]> {
  return page.locator('button, input, select, textarea').evaluateAll((elements) =>
    elements
      .map((element) => ({
        element,
        box: (element.matches('input[type=radio]')
          ? (element.closest('label') ?? element)
          : element
        ).getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ element, box }) => `${element.tagName} ${element.textContent} ${box.height}`),
  );
}

test('outcome, minutes and an achievement are recorded, synced, and the portfolio and minutes downloaded', async ({
  browser,
}) => {
  if (!pupil) throw new Error('10 «Б» has no pupils in the demo roster');
  const { page, context } = await openDevice(browser, TABLET);
  const status = new StatusLine(page);
  const back = page.getByRole('button', { name: /Назад/ });
  const rollCall = new RollCallPage(page);
  await page.goto('/');
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();

  await test.step('the outcome of a past event', async () => {
    await page.getByText('Прошедшие').click();
    await page.getByRole('button', { name: TOURNAMENT }).click();
    await rollCall.openRecords();
    await expect(page.getByRole('heading', { name: 'Итоги' })).toBeVisible();
    await expect(page.getByLabel('Слушали')).toHaveCount(0);
    await saveResults(page, {
      'Как прошло мероприятие': 'Команда класса заняла третье место.',
      'Отклонения от плана': 'Начали на 20 минут позже: спортзал был занят.',
    });
    await back.click();
  });

  await test.step('the minutes of the parent meeting', async () => {
    await page.getByRole('button', { name: MEETING }).click();
    await rollCall.openRecords();
    await saveResults(page, { 'Как прошло мероприятие': 'Собрание прошло по плану.' });
    const minutes = page.getByRole('form', { name: 'Протокол собрания' });
    await minutes.getByLabel('Присутствовали (семей)').fill('19');
    await minutes
      .getByLabel('Повестка дня (по пункту в строке)')
      .fill('Итоги первого полугодия\nНовогодний праздник');
    await minutes.getByLabel('Слушали').fill('Арутюнян Г. Л. об успеваемости класса.');
    await minutes.getByLabel('Решили').fill('Принять информацию к сведению.');
    await minutes.getByRole('button', { name: 'Сохранить протокол' }).click();
    await expect(minutes.getByText('Протокол сохранён')).toBeVisible();
  });

  await test.step('offline, an achievement of a pupil from the roll call', async () => {
    await context.setOffline(true);
    await expect(status.locator).toHaveText(/Нет связи/);
    await rollCall.openRoll();
    const sheet = await rollCall.openSheet(new RegExp(`^${pupil.lastName} ${pupil.firstName}`));
    await sheet.getByRole('button', { name: /^Ученик:/ }).click();
    await expect(page.getByRole('heading', { name: 'Достижения' })).toBeVisible();
    await page.getByLabel('Достижение', { exact: true }).fill(ACHIEVEMENT);
    await page.getByLabel('Дата достижения').fill('2026-11-28');
    await page.getByLabel('Описание').fill('Диплом призёра.');
    await page.getByRole('radio', { name: 'Семья ученика' }).check();
    await page.getByRole('button', { name: 'Добавить достижение' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: ACHIEVEMENT })).toBeVisible();
    await expect(status.locator).toHaveText(/не отправлен/);
  });

  await test.step('back online, everything is sent', async () => {
    await context.setOffline(false);
    await status.expectAllSent(30_000);
  });

  await test.step("the pupil's portfolio, as a PDF; every target at least 44 px", async () => {
    await page.getByRole('button', { name: 'Составить характеристику' }).click();
    await expect(page.getByLabel(/Характеристика/)).not.toBeEmpty();
    expect(await smallTargets(page)).toEqual([]);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Портфолио (PDF)' }).click();
    expect((await readFile(await (await download).path())).length).toBeGreaterThan(0);
  });

  await test.step('the minutes, as a PDF', async () => {
    await back.click();
    expect(await smallTargets(page)).toEqual([]);
    await rollCall.openRecords();
    expect(await smallTargets(page)).toEqual([]);
    await expect(page.getByLabel('Решили')).toHaveValue('Принять информацию к сведению.');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Протокол собрания (PDF)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Протокол 2026-12-10.pdf');
    const bytes = await readFile(await file.path());
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
  await context.close();

  await test.step("the pupil's family sees the achievement addressed to it", async () => {
    const guardian = pupil.guardianEmails[0];
    if (!guardian) throw new Error('the pupil has no guardian with a login');
    const phone = await openDevice(browser, PHONE);
    await phone.page.goto('/');
    await new LoginPage(phone.page).logIn(guardian);
    const achievements = phone.page.getByRole('region', { name: 'Достижения' });
    await expect(achievements).toContainText(ACHIEVEMENT, { timeout: 30_000 });
    await expect(achievements).toContainText('Диплом призёра.');
    await phone.context.close();
  });
});
