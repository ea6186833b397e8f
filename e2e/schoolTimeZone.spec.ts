/**
 * Dates are the school's: a roll call taken at 08:15 on 2 September in a school in Vladivostok
 * belongs to 2 September, on a tablet whose own clock says 15:15 on 1 September in Los Angeles.
 * A second demo server seeds the demo school with its time zone set to Asia/Vladivostok.
 */
import { expect, request, test } from '@playwright/test';
import { AdminApi } from './support/adminApi';
import { DemoServer } from './support/demoServer';
import { fixturePupils, TEACHER_10B } from './support/fixture';
import { LoginPage, RollCallPage, StatusLine, TABLET } from './support/pages';
import { scanOnClose } from './support/suiteScan';

/** 08:15 on 2 September 2026 in Vladivostok (UTC+10). */
const MORNING_IN_VLADIVOSTOK = new Date('2026-09-01T22:15:00Z');
/** Beside the main e2e server's port, so runs on different E2E_PORTs do not meet. */
const PORT = Number(process.env.E2E_PORT ?? 8181) + 5;
const class10b = fixturePupils().filter((p) => p.className === '10 «Б»');
const server = new DemoServer(PORT, { timeZone: 'Asia/Vladivostok' });

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(() => {
  server.stop();
});

test('a mark made at 08:15 on 2 September in Vladivostok is dated 2 September on a tablet in Los Angeles', async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: server.origin,
    viewport: TABLET,
    locale: 'ru-RU',
    timezoneId: 'America/Los_Angeles',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(MORNING_IN_VLADIVOSTOK);
  scanOnClose(context, page);
  const status = new StatusLine(page);

  await page.goto('/');
  expect(await page.evaluate(() => [new Date().getDate(), new Date().getHours()])).toEqual([1, 15]);
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
  await status.expectAllSent();
  await expect(status.locator).toHaveText('Всё отправлено, 08:15');

  await test.step("today is the school's 2 September: 1 September's assembly is past", async () => {
    const today = page.getByRole('heading', { name: 'Сегодня' }).locator('..');
    await expect(today.getByRole('button', { name: /День знаний/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
    await expect(page.getByLabel('Дата')).toHaveValue('2026-09-02');
    await page.getByLabel('Название').fill('Классный час «Знакомство с классом»');
    await page.getByLabel('Начало').fill('08:15');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(today.getByRole('button', { name: /Классный час.*2 сентября/ })).toBeVisible();
  });

  const rollCall = new RollCallPage(page);
  const absent = class10b[0]!;
  await test.step('the roll is taken and shows 2 September', async () => {
    await page.getByRole('button', { name: /Классный час.*2 сентября/ }).click();
    await expect(page.getByRole('heading', { name: /Классный час/ })).toBeVisible();
    await expect(page.getByText('ср, 2 сентября 2026 г., 08:15')).toBeVisible();
    await page.getByRole('button', { name: 'Все присутствуют' }).click();
    await rollCall
      .toggle(rollCall.row(new RegExp(`^${absent.lastName} ${absent.firstName}`)))
      .click();
    await expect(rollCall.counter()).toHaveText(`${class10b.length - 1} из ${class10b.length}`);
    await status.expectAllSent();
  });

  await test.step('the server stores every mark under 2 September, recorded at 22:15 UTC', async () => {
    const api = await request.newContext({ baseURL: server.origin });
    const admin = new AdminApi(api);
    await admin.logIn();
    const docs = await admin.docs();
    const event = docs.find(
      (doc) => doc.type === 'event' && doc.body.title === 'Классный час «Знакомство с классом»',
    );
    expect(event?.date).toBe('2026-09-02');
    const marks = docs.filter((doc) => doc.type === 'attendance' && doc.eventId === event?.eventId);
    expect(marks).toHaveLength(class10b.length);
    for (const mark of marks) {
      expect(mark.date).toBe('2026-09-02');
      expect(mark.body.recordedAt).toBe(MORNING_IN_VLADIVOSTOK.toISOString());
    }
    expect(marks.filter((mark) => mark.body.status === 'absent')).toHaveLength(1);
    await api.dispose();
  });
  await context.close();
});
