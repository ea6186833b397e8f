/**
 * A family's absence notice pre-fills the roll call. On the evening of 24 December a mother,
 * offline on her phone, reports her child ill for tomorrow with a photo of the doctor's
 * certificate; back online it is sent. On the morning of 25 December the class teacher's tablet
 * shows the notice and the photo, and the roll call of «Новогодний праздник» shows the child absent
 * for illness «from the family's notice» before anything is recorded; one tap confirms it. The
 * mother then sees the mark and the notice taken into account, reports an olympiad on the day of
 * one event in January, and withdraws that notice when plans change: it leaves the teacher's
 * tablet, and the December mark stays.
 * Only the event of 25 December, which no other spec marks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { AdminApi } from './support/adminApi';
import { fixturePupils, GUARDIAN_10B, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine, TABLET } from './support/pages';

const DIR = path.resolve(
  import.meta.dirname,
  '..',
  '.tmp',
  `e2e-absence-${process.env.E2E_PORT ?? 8181}`,
);
const EVENING_BEFORE = new Date('2026-12-24T19:30:00+03:00');
const MORNING_OF = new Date('2026-12-25T10:40:00+03:00');
const EVENT = /Новогодний праздник.*25 декабря/;
const LESSON = 'ср, 27 января 2027 г., 10:00 — Урок мужества «Освобождение Ленинграда от блокады»';
const COMMENT = 'Температура 38,5, врач велел три дня лежать.';
const child = fixturePupils().find((pupil) => pupil.guardianEmails.includes(GUARDIAN_10B));

/** A photo of a certificate as a phone's gallery holds it: 1200 × 1600, lines of "writing". */
function certificatePng(file: string): void {
  const [width, height] = [1200, 1600];
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = y % 48 < 3 && (x * 5 + y) % 19 < 12;
      const offset = (y * width + x) * 4;
      png.data.fill(ink ? 30 : 250 - ((x + 2 * y) % 7), offset, offset + 3);
      png.data[offset + 3] = 255;
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, PNG.sync.write(png));
}

/** Controls in `scope` smaller than a finger (44 px); a radio button's target is its label. */
function smallTargets(scope: Locator): Promise<string[]> {
  return scope.locator('button, input, select, textarea').evaluateAll((elements) =>
    elements
      .map((element) => ({
        element,
        box: (element.matches('input[type=radio]')
          ? (element.closest('label') ?? element)
          : element
        ).getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ element, box }) => `${element.outerHTML.slice(0, 80)} ${box.width}×${box.height}`),
  );
}

async function logIn(page: Page, login: string): Promise<void> {
  await page.goto('/');
  await new LoginPage(page).logIn(login);
}

test('a notice from the family pre-fills the roll call, the teacher confirms it, the family sees it taken in', async ({
  browser,
  request,
}) => {
  if (!child) throw new Error(`${GUARDIAN_10B} has no child in the demo roster`);
  const childName = `${child.lastName} ${child.firstName}`;
  const photo = path.join(DIR, 'certificate.png');
  certificatePng(photo);

  const mum = await openDevice(browser, PHONE);
  await mum.page.clock.setSystemTime(EVENING_BEFORE);
  const mumStatus = new StatusLine(mum.page);
  await logIn(mum.page, GUARDIAN_10B);
  await expect(mum.page.getByRole('heading', { name: new RegExp(`^${childName}`) })).toBeVisible();

  await test.step('offline, the mother reports her child ill tomorrow, with the certificate', async () => {
    const { page, context } = mum;
    await mumStatus.expectAllSent();
    await context.setOffline(true);
    await expect(mumStatus.locator).toHaveText(/Нет связи/);
    await page.getByRole('button', { name: 'Сообщить об отсутствии' }).click();
    const form = page.getByRole('region', { name: 'Сообщить об отсутствии' });
    await expect(form.getByLabel('Первый день')).toHaveValue('2026-12-25');
    await expect(form.getByLabel('Последний день')).toHaveValue('2026-12-25');
    await form.getByLabel('Последний день').fill('2026-12-24');
    await form.getByRole('button', { name: 'Отправить сообщение' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Последний день раньше первого/);
    await form.getByLabel('Последний день').fill('2026-12-25');
    await form.getByRole('radio', { name: 'Болезнь' }).check();
    await form.getByRole('radio', { name: 'Справка от врача' }).check();
    await form.getByLabel('Комментарий для учителя').fill(COMMENT);
    await form.getByLabel('Фото из галереи').setInputFiles(photo);
    await expect(form.getByRole('img', { name: 'Фото' })).toBeVisible();
    expect(await smallTargets(form)).toEqual([]);
    await form.getByRole('button', { name: 'Отправить сообщение' }).click();
    await expect(
      page.getByText('Сообщение сохранено и уйдёт классному руководителю.'),
    ).toBeVisible();

    const mine = page.getByRole('list', { name: 'Сообщения об отсутствии' }).locator(':scope > li');
    await expect(mine.first()).toContainText('25 декабря');
    await expect(mine.first()).toContainText('Болезнь · Справка от врача');
    await expect(mine.first()).toContainText('Ждёт отметки учителя');
    await expect(mumStatus.locator).toHaveText(/2 изменения не отправлены/);
    await context.setOffline(false);
    await mumStatus.expectAllSent(30_000);
  });

  const admin = new AdminApi(request);
  await admin.logIn();
  const markOfChild = async () =>
    (await admin.docs()).find(
      (doc) =>
        doc.type === 'attendance' && doc.date === '2026-12-25' && doc.body.reason === 'illness',
    );

  const teacher = await openDevice(browser, TABLET);
  await teacher.page.clock.setSystemTime(MORNING_OF);
  const rollCall = new RollCallPage(teacher.page);
  await test.step('the class teacher sees the notice with the certificate', async () => {
    const { page } = teacher;
    await logIn(page, TEACHER_10B);
    const inbox = page.getByRole('list', { name: /Сообщения семей об отсутствии/ });
    const notice = inbox.getByRole('listitem', { name: new RegExp(`^${childName}`) });
    await expect(notice).toContainText('пт, 25 декабря 2026 г.');
    await expect(notice).toContainText('Болезнь · Справка от врача');
    await expect(notice).toContainText(COMMENT);
    await expect(notice).toContainText('Ждёт отметки учителя');
    const certificate = notice.getByRole('img', { name: 'Фото' });
    await expect(certificate).toBeVisible();
    await expect
      .poll(() => certificate.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
  });

  await test.step('the roll call is pre-filled from the notice; nothing is recorded yet', async () => {
    const { page } = teacher;
    await page.getByRole('button', { name: EVENT }).click();
    const row = rollCall.row(new RegExp(`^${childName}`));
    await expect(row).toContainText('из сообщения семьи');
    await expect(row).toHaveAttribute('data-mark', 'б');
    await expect(row).toHaveAttribute('data-status', 'suggested');
    expect(await markOfChild()).toBeUndefined();
  });

  await test.step('one tap confirms it, and the mark is sent', async () => {
    const { page } = teacher;
    const row = rollCall.row(new RegExp(`^${childName}`));
    await row.getByRole('button', { name: /Подтвердить отсутствие/ }).click();
    await expect(row).toHaveAttribute('data-status', 'absent');
    await expect(row).not.toContainText('из сообщения семьи');
    await new StatusLine(page).expectAllSent(30_000);
    await expect
      .poll(async () => (await markOfChild())?.body)
      .toMatchObject({
        status: 'absent',
        reason: 'illness',
        evidence: 'medical',
        excused: true,
      });
  });

  await test.step('the mother sees the mark and the notice taken into account', async () => {
    const { page } = mum;
    const mine = page.getByRole('list', { name: 'Сообщения об отсутствии' }).locator(':scope > li');
    await expect(mine.first()).toContainText('Учтено в отметках', { timeout: 30_000 });
    await expect(mine.first()).toContainText(/Новогодний праздник.*отсутствовал/);
    await expect(
      page.locator('.mark-row').filter({ hasText: 'Новогодний праздник' }),
    ).toContainText(/отсутствовала?, болела?/);
  });

  await test.step('the mother reports an olympiad on the day of one upcoming event', async () => {
    const { page } = mum;
    await page.getByRole('button', { name: 'Сообщить об отсутствии' }).click();
    const form = page.getByRole('region', { name: 'Сообщить об отсутствии' });
    await form.getByRole('radio', { name: 'Одно мероприятие' }).check();
    await form.getByRole('button', { name: 'Отправить сообщение' }).click();
    await expect(form.getByRole('alert')).toHaveText('Выберите мероприятие.');
    await form.getByRole('combobox').selectOption({ label: LESSON });
    await form.getByRole('radio', { name: 'Олимпиада, соревнование, конкурс' }).check();
    await form.getByRole('radio', { name: 'Приказ школы или вызов' }).check();
    await form.getByRole('button', { name: 'Отправить сообщение' }).click();
    const mine = page.getByRole('list', { name: 'Сообщения об отсутствии' }).locator(':scope > li');
    await expect(mine).toHaveCount(2);
    await expect(mine.first()).toContainText(
      'Урок мужества «Освобождение Ленинграда от блокады», ср, 27 января 2027 г.',
    );
    await expect(mine.first()).toContainText('Олимпиада, соревнование, конкурс · Приказ школы');
    await expect(mine.first()).toContainText('Ждёт отметки учителя');
    await mumStatus.expectAllSent(30_000);
  });

  await test.step('plans change: the mother withdraws that notice, and it leaves the teacher’s tablet', async () => {
    const inbox = teacher.page.getByRole('list', { name: /Сообщения семей об отсутствии/ });
    const olympiad = inbox.getByRole('listitem').filter({ hasText: 'Олимпиада' });
    await teacher.page.getByRole('button', { name: /Назад/ }).click();
    await expect(olympiad).toHaveCount(1, { timeout: 30_000 });

    const notice = (await admin.docs()).find(
      (doc) => doc.type === 'absence' && doc.body.reason === 'official',
    );
    expect(notice).toBeDefined();
    const { page } = mum;
    const mine = page.getByRole('list', { name: 'Сообщения об отсутствии' }).locator(':scope > li');
    await mine.first().getByRole('button', { name: 'Отозвать сообщение' }).click();
    await expect(mine.first()).toContainText('Отметки, которые он уже поставил, останутся.');
    await mine.first().getByRole('button', { name: 'Оставить' }).click();
    await expect(mine).toHaveCount(2);
    await mine.first().getByRole('button', { name: 'Отозвать сообщение' }).click();
    await mine.first().getByRole('button', { name: 'Отозвать', exact: true }).click();
    await expect(mine).toHaveCount(1);
    await expect(mine.first()).toContainText('Учтено в отметках');
    await mumStatus.expectAllSent(30_000);

    await expect(olympiad).toHaveCount(0, { timeout: 30_000 });
    await expect
      .poll(async () => (await admin.docs()).find((doc) => doc._id === notice?._id)?._deleted)
      .toBe(true);
    expect(await markOfChild()).toBeDefined();
  });

  await teacher.context.close();
  await mum.context.close();
});
