/**
 * The administration imports the whole school's plan. A second demo server starts the school with
 * an empty plan; the director imports the plan file for every class, offline, and a second
 * import of the same file adds nothing. The class teacher of 5 «А» then finds her class's events.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request, test } from '@playwright/test';
import { AdminApi } from './support/adminApi';
import { DemoServer } from './support/demoServer';
import { DIRECTOR, PASSWORD } from './support/fixture';
import { PlanImportPage } from './support/eventLifePages';
import { LoginPage, StatusLine, TABLET } from './support/pages';
import { scanOnClose } from './support/suiteScan';

const PLAN_FILE = path.resolve(import.meta.dirname, '..', 'demo-data', 'plan-2026-2027.csv');
const PLAN_ROWS = readFileSync(PLAN_FILE, 'utf8').trim().split(/\r?\n/).length - 1;
const HEADER = readFileSync(PLAN_FILE, 'utf8').split(/\r?\n/)[0]!;
/** Beside the main e2e server's port, so runs on different E2E_PORTs do not meet. */
const PORT = Number(process.env.E2E_PORT ?? 8181) + 6;
const server = new DemoServer(PORT, {}, { 'plan-2026-2027.csv': `${HEADER}\r\n` });
/** The class teacher of 5 «А» (staff.csv). */
const TEACHER_5A = 'tgrebenyuk908@example.com';

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(() => {
  server.stop();
});

test("the director imports the school's plan for every class, offline, and a second import adds nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: server.origin, viewport: TABLET });
  const page = await context.newPage();
  scanOnClose(context, page);
  const status = new StatusLine(page);
  const plan = new PlanImportPage(page);
  await page.goto('/');
  await new LoginPage(page).logIn(DIRECTOR);
  await status.expectAllSent();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Импорт плана', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Импорт плана школы' })).toBeVisible();
  await plan.choose(PLAN_FILE);
  await expect(plan.summary()).toHaveText(
    `Новых: ${PLAN_ROWS} · изменится: 0 · уже в календаре: 0`,
  );
  await expect(page.getByText(/Строки других классов/)).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Строки классов школы' }).getByRole('row'),
  ).toHaveCount(PLAN_ROWS + 1);
  await page.getByRole('button', { name: `Импортировать (${PLAN_ROWS})` }).click();
  await expect(page.getByText(`Импортировано мероприятий: ${PLAN_ROWS}`)).toBeVisible();
  await context.setOffline(false);
  await status.expectAllSent(30_000);

  await plan.choose(PLAN_FILE);
  await expect(plan.summary()).toHaveText(
    `Новых: 0 · изменится: 0 · уже в календаре: ${PLAN_ROWS}`,
  );
  await expect(page.getByText('Всё из этого файла уже в календаре')).toBeVisible();
  await context.close();

  const api = await request.newContext({ baseURL: server.origin });
  const admin = new AdminApi(api);
  await admin.logIn();
  const events = (await admin.docs()).filter((doc) => doc.type === 'event' && !doc._deleted);
  expect(events).toHaveLength(PLAN_ROWS);
  const teacher = await api.post('/couch/_session', {
    data: { name: TEACHER_5A, password: PASSWORD },
  });
  expect(teacher.ok()).toBe(true);
  const hers = await api.get('/couch/demo/_changes?include_docs=true');
  const rows = ((await hers.json()) as { results: { doc?: { type: string } }[] }).results;
  expect(rows.filter((row) => row.doc?.type === 'event').length).toBe(PLAN_ROWS / 2);
  await api.dispose();
});
