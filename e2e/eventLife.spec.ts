/**
 * The event's life, on the class teacher's tablet and a guardian's phone side by side: the plan
 * file imported from the tablet (offline, and a second time without duplicates); an event moved
 * and one cancelled with reasons, offline, which the family then sees; an event handed to a
 * substitute who takes its roll on her own tablet; a school-wide event by the director, in which
 * the class teacher takes the roll of her own class only.
 *
 * It changes only events no other spec uses: the New Year party (25 December), the lesson of
 * 27 January, the drill review of 20 February, and events it adds in May.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  ClassEventsPage,
  EventLifePage,
  PlanImportPage,
  smallTargets,
} from './support/eventLifePages';
import { DIRECTOR, fixturePupils, GUARDIAN_10B, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine, TABLET } from './support/pages';

const PLAN_FILE = path.resolve(import.meta.dirname, '..', 'demo-data', 'plan-2026-2027.csv');
const SUBSTITUTE = 'kvoronina922@example.com';
const class10b = fixturePupils().filter((pupil) => pupil.className === '10 «Б»');

const PARTY = /Новогодний праздник/;
const LESSON = /Урок мужества «Освобождение Ленинграда от блокады»/;
const DRILL = /Смотр строя и песни/;
const NEW_EXCURSION = 'Экскурсия на мемориал «Малая земля»';
const SCHOOL_DAY = 'День здоровья';
const MOVE_REASON = 'Актовый зал закрыт на ремонт до 26 декабря';
const CANCEL_REASON = 'Карантин по гриппу в параллели 10-х классов';

async function logIn(page: Page, login: string): Promise<void> {
  await page.goto('/');
  await new LoginPage(page).logIn(login);
}

async function logInAsTeacher(page: Page): Promise<void> {
  await logIn(page, TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
}

/** The demo plan's header and 10 «Б» rows, one of them edited, with rows added and broken. */
function editedPlan(): string {
  const [header = '', ...rows] = readFileSync(PLAN_FILE, 'utf8').split(/\r?\n/);
  const own = rows
    .filter((row) => row.includes(';10 «Б»;'))
    .map((row) =>
      row.startsWith('25.05.2027') ? row.replace(';Школьный двор;', ';Спортзал;') : row,
    );
  return [
    header,
    ...own,
    `21.05.2027;10:00;15:00;10 «Б»;${NEW_EXCURSION};экскурсия;г. Новороссийск;ученики;Арутюнян Г. Л.`,
    '31.04.2027;08:00;08:30;10 «Б»;Разговоры о важном;классный час;Кабинет 21;ученики;Арутюнян Г. Л.',
    '19.04.2027;08:00;08:30;10 «Я»;Разговоры о важном;классный час;Кабинет 21;ученики;Арутюнян Г. Л.',
    rows.find((row) => row.includes(';5 «А»;')) ?? '',
  ].join('\r\n');
}

test('the class teacher imports the plan file on the tablet, offline, and a second import adds nothing', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const { page, context } = await openDevice(browser, TABLET);
  const status = new StatusLine(page);
  const plan = new PlanImportPage(page);
  await logInAsTeacher(page);
  await page.getByRole('button', { name: 'Импорт плана' }).click();
  await expect(page.getByRole('heading', { name: 'Импорт плана: 10 «Б»' })).toBeVisible();

  await test.step("the demo plan: her 46 rows are already in the calendar, 5 «А»'s are not hers", async () => {
    await plan.choose(PLAN_FILE);
    await expect(plan.summary()).toHaveText('Новых: 0 · изменится: 0 · уже в календаре: 46');
    await expect(
      page.getByText('Строки других классов не импортируются: 46 (5 «А»)'),
    ).toBeVisible();
    await expect(page.getByText('Всё из этого файла уже в календаре')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Импортировать/ })).toHaveCount(0);
  });

  const edited = testInfo.outputPath('plan-edited.csv');
  writeFileSync(edited, `\uFEFF${editedPlan()}`);

  await test.step('an edited plan, offline: a new row, a changed place, and every error said', async () => {
    await context.setOffline(true);
    await expect(status.locator).toHaveText(/Нет связи/);
    await plan.choose(edited);
    await expect(plan.summary()).toHaveText('Новых: 1 · изменится: 1 · уже в календаре: 45');
    await expect(plan.refused()).toHaveText([
      /Строка\s*Причина/,
      /49\s*дата «31\.04\.2027» не распознана/,
      /50\s*в школе нет класса 10 «Я»/,
    ]);
    await expect(page.getByText('Строки других классов не импортируются: 1 (5 «А»)')).toBeVisible();
    const rows = page.getByRole('table', { name: 'Строки вашего класса' });
    await expect(rows.getByRole('row', { name: /Праздник последнего звонка/ })).toContainText(
      'изменится: место',
    );
    await expect(rows.getByRole('row', { name: new RegExp(NEW_EXCURSION) })).toContainText('новое');
    expect(await smallTargets(page.locator('main'))).toEqual([]);
    await page.getByRole('button', { name: 'Импортировать (2)' }).click();
    await expect(page.getByText('Импортировано мероприятий: 2.')).toBeVisible();
    await expect(status.locator).toHaveText(/не отправлен/);
  });

  await test.step('back online it is sent; the same file again adds nothing', async () => {
    await context.setOffline(false);
    await status.expectAllSent(30_000);
    await plan.choose(edited);
    await expect(plan.summary()).toHaveText('Новых: 0 · изменится: 0 · уже в календаре: 47');
    await expect(page.getByText('Всё из этого файла уже в календаре')).toBeVisible();
  });

  await page.getByRole('button', { name: /Назад/ }).click();
  const events = new ClassEventsPage(page);
  await expect(await events.event(new RegExp(`${NEW_EXCURSION}.*21 мая 2027`))).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(NEW_EXCURSION) })).toHaveCount(1);

  await test.step('the imported event is edited by hand, and the history says so', async () => {
    await events.open(new RegExp(NEW_EXCURSION));
    const life = new EventLifePage(page);
    await life.show();
    await expect(life.history()).toHaveText([/^Создано.*Арутюнян Г\. Л\./]);
    await life.panel.getByRole('button', { name: 'Изменить', exact: true }).click();
    const form = life.panel.getByRole('form');
    await form.getByLabel('Место').fill('Мемориальный комплекс «Малая земля», г. Новороссийск');
    await life.confirm(form, 'Сохранить');
    await expect(life.history().first()).toContainText('Изменено');
    await new StatusLine(page).expectAllSent();
  });
  await context.close();
});

test('moved and cancelled with reasons, offline; the guardian sees the new date and both reasons', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const tablet = await openDevice(browser, TABLET);
  const phone = await openDevice(browser, PHONE);
  const page = tablet.page;
  const status = new StatusLine(page);
  const events = new ClassEventsPage(page);
  const life = new EventLifePage(page);
  await logInAsTeacher(page);
  await logIn(phone.page, GUARDIAN_10B);
  const familyEvents = phone.page.getByRole('region', { name: 'Мероприятия класса' });
  await expect(familyEvents).toBeVisible();

  await tablet.context.setOffline(true);
  await test.step('the party is moved a day on, to noon; without a reason it is refused, in words', async () => {
    await events.open(new RegExp(`${PARTY.source}.*25 декабря`));
    await life.show();
    const form = await life.change('Перенести', { date: '2026-12-26', start: '12:00' });
    await life.confirm(form, 'Перенести');
    await expect(form.getByRole('alert')).toHaveText('Укажите причину: её увидят семьи класса.');
    expect(await smallTargets(life.panel)).toEqual([]);
    await form.getByLabel('Причина').fill(MOVE_REASON);
    await life.confirm(form, 'Перенести');
    await expect(life.panel.getByRole('status')).toContainText('Сохранено');
    await expect(
      page.getByText(`Перенесено с пт, 25 декабря 2026 г., 11:00. Причина: ${MOVE_REASON}`),
    ).toBeVisible();
    await expect(life.history().first()).toContainText(
      'Перенесено с пт, 25 декабря 2026 г., 11:00 на сб, 26 декабря 2026 г., 12:00',
    );
    await expect(life.history().first()).toContainText('Арутюнян Г. Л.');
    await expect(life.history().first()).toContainText(`Причина: ${MOVE_REASON}`);
    await page.getByRole('button', { name: /Назад/ }).click();
  });

  await test.step('the lesson of 27 January is cancelled with a reason', async () => {
    await events.open(LESSON);
    await life.show();
    const form = await life.change('Отменить мероприятие', { reason: CANCEL_REASON });
    await life.confirm(form, 'Отменить мероприятие');
    await expect(life.panel.locator('.event-status')).toHaveText('Отменено');
    await expect(page.getByText(`Отменено. Причина: ${CANCEL_REASON}`)).toBeVisible();
    await expect(life.panel.getByRole('button', { name: 'Вернуть в план' })).toBeVisible();
    await page.getByRole('button', { name: /Назад/ }).click();
    await expect(await events.event(LESSON)).toHaveAccessibleName(
      new RegExp(`отменено: ${CANCEL_REASON}`),
    );
    await expect(await events.event(PARTY)).toHaveAccessibleName(
      new RegExp(`26 декабря.*перенесено, было пт, 25 декабря 2026 г.: ${MOVE_REASON}`),
    );
    await expect(status.locator).toHaveText(/не отправлен/);
  });

  await test.step('online again, both reach the phone', async () => {
    await tablet.context.setOffline(false);
    await status.expectAllSent(30_000);
    const party = familyEvents.getByRole('listitem').filter({ hasText: PARTY });
    await expect(party).toContainText('сб, 26 декабря 2026 г., 12:00', { timeout: 40_000 });
    await expect(party.locator('del')).toHaveText('пт, 25 декабря 2026 г., 11:00');
    await expect(party).toContainText(`Причина: ${MOVE_REASON}`);
    const lesson = familyEvents.getByRole('listitem').filter({ hasText: LESSON });
    await expect(lesson.locator('s')).toHaveText(LESSON);
    await expect(lesson).toContainText(`Отменено. Причина: ${CANCEL_REASON}`);
    await phone.page.screenshot({ path: testInfo.outputPath('family-phone.png'), fullPage: true });
    await events.open(PARTY);
    await life.show();
    await page.screenshot({ path: testInfo.outputPath('teacher-event-life.png'), fullPage: true });
    await page.getByRole('button', { name: /Назад/ }).click();
  });

  await test.step('the lesson is put back into the plan; the family is told', async () => {
    await events.open(LESSON);
    await life.show();
    const restore = life.panel.getByRole('button', { name: 'Вернуть в план' });
    await restore.click();
    await life.panel
      .getByRole('form')
      .getByLabel('Причина (необязательно)')
      .fill('Карантин отменён');
    await life.confirm(life.panel.getByRole('form'), 'Вернуть в план');
    await expect(life.panel.locator('.event-status')).toHaveText('Запланировано');
    await expect(life.history().first()).toContainText('Возвращено в план');
    await expect(life.history().nth(1)).toContainText(`Причина: ${CANCEL_REASON}`);
    await status.expectAllSent(30_000);
    const lesson = familyEvents.getByRole('listitem').filter({ hasText: LESSON });
    await expect(lesson).toContainText(
      'Снова в плане: мероприятие не отменяется. Причина: Карантин отменён',
      { timeout: 40_000 },
    );
    await expect(lesson.locator('s')).toHaveCount(0);
  });
  await tablet.context.close();
  await phone.context.close();
});

test('an event handed to a substitute: she sees it on her own tablet and takes its roll', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const teacher = await openDevice(browser, TABLET);
  const events = new ClassEventsPage(teacher.page);
  const life = new EventLifePage(teacher.page);
  await logInAsTeacher(teacher.page);

  await test.step('the class teacher hands the drill review to Воронина К. И., with a reason', async () => {
    await events.open(DRILL);
    await life.show();
    const form = await life.change('Передать замене', {
      who: 'Воронина Ксения Игоревна, учитель английского языка',
      reason: 'Курсы повышения квалификации 18–21 февраля',
    });
    await life.confirm(form, 'Передать');
    await expect(
      teacher.page.getByText('Проводит Воронина К. И. вместо классного руководителя'),
    ).toBeVisible();
    await expect(life.history().first()).toContainText('Передано: проводит Воронина К. И.');
    await new StatusLine(teacher.page).expectAllSent();
  });

  const substitute = await openDevice(browser, TABLET);
  await test.step('the substitute finds it among the events she leads and marks everyone', async () => {
    const page = substitute.page;
    await logIn(page, SUBSTITUTE);
    const led = page.getByRole('region', { name: 'Мероприятия, которые я провожу' });
    await led.getByRole('button', { name: DRILL }).click();
    const rollCall = new RollCallPage(page);
    await expect(rollCall.counter()).toHaveText(`0 из ${class10b.length}`);
    await page.getByRole('button', { name: 'Все присутствуют' }).click();
    await expect(rollCall.counter()).toHaveText(`${class10b.length} из ${class10b.length}`);
    await new StatusLine(page).expectAllSent();
    // The event is the class teacher's to change: the substitute is told so.
    await new EventLifePage(page).show();
    await expect(
      page.getByText(/Вы проводите это мероприятие вместо классного руководителя/),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Перенести' })).toHaveCount(0);
  });

  await test.step("the class teacher sees the substitute's marks", async () => {
    await teacher.page.getByRole('button', { name: /Назад/ }).click();
    await events.open(DRILL);
    await expect(new RollCallPage(teacher.page).counter()).toHaveText(
      `${class10b.length} из ${class10b.length}`,
      { timeout: 40_000 },
    );
  });
  await substitute.context.close();
  await teacher.context.close();
});

test("a school-wide event by the director: the class teacher takes her own class's roll only", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const director = await openDevice(browser, TABLET);
  await test.step('the director adds «День здоровья» for the whole school', async () => {
    const page = director.page;
    await logIn(page, DIRECTOR);
    await page.getByRole('button', { name: 'Добавить мероприятие для школы или классов' }).click();
    const form = page.getByRole('form', { name: 'Добавить мероприятие для школы или классов' });
    await form.getByLabel('Название').fill(SCHOOL_DAY);
    await form.getByLabel('Дата').fill('2027-05-19');
    await form.getByLabel('Начало').fill('10:00');
    await expect(form.getByRole('radio', { name: 'Вся школа' })).toBeChecked();
    await form.getByRole('radio', { name: 'Выбранные классы' }).check();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect(form.getByRole('alert')).toHaveText('Выберите хотя бы один класс.');
    await expect(form.getByRole('checkbox')).toHaveCount(22);
    expect(await smallTargets(form)).toEqual([]);
    await form.getByRole('radio', { name: 'Вся школа' }).check();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByText('Мероприятие добавлено')).toBeVisible();
    await new StatusLine(page).expectAllSent();
  });

  const teacher = await openDevice(browser, TABLET);
  const page = teacher.page;
  await logInAsTeacher(page);
  await test.step('the class teacher sees it in her list and takes the roll of 10 «Б» only', async () => {
    const events = new ClassEventsPage(page);
    await expect(await events.event(new RegExp(SCHOOL_DAY))).toHaveAccessibleName(/для всей школы/);
    await events.open(new RegExp(SCHOOL_DAY));
    const rollCall = new RollCallPage(page);
    // She also teaches mathematics in 5 «А», 6 «А», 9 «Б» and 10 «А»: none of them are listed.
    await expect(rollCall.counter()).toHaveText(`0 из ${class10b.length}`);
    await expect(rollCall.rows()).toHaveCount(class10b.length);
    await page.getByRole('button', { name: 'Все присутствуют' }).click();
    await expect(rollCall.counter()).toHaveText(`${class10b.length} из ${class10b.length}`);
    await new StatusLine(page).expectAllSent();
  });

  await test.step('she may not move or cancel it', async () => {
    const life = new EventLifePage(page);
    await life.show();
    await expect(life.panel).toContainText('перенести или отменить его может только администрация');
    await expect(life.panel.getByRole('button')).toHaveCount(0);
  });
  await teacher.context.close();
  await director.context.close();
});
