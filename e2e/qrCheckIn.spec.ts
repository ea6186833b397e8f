/**
 * QR check-in at the door: the class teacher of 10 «Б» prints the class's cards; the first card,
 * cut from the printed PDF, a card of a 5 «А» pupil and a card of another school are shown in turn
 * to the tablet's camera (Chromium's fake capture playing a Y4M video of them, in a loop). Offline,
 * the pupil of the first card is marked present once, however often the card comes round, with
 * a beep; the other two cards are refused with their reasons and a different sound. Back online,
 * the one mark reaches the server.
 * Only the event of 28 December, which no other spec marks.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.config';
import { encodeCard } from '../src/domain/checkInCard';
import { AdminApi, type Doc } from './support/adminApi';
import {
  fakeCameraArgs,
  qrPicture,
  readPng,
  writeCardVideo,
  type Picture,
} from './support/fakeCamera';
import { fixturePupils, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, RollCallPage, StatusLine, TABLET } from './support/pages';

const DIR = path.resolve(
  import.meta.dirname,
  '..',
  '.tmp',
  `e2e-camera-${process.env.E2E_PORT ?? 8181}`,
);
const VIDEO = path.join(DIR, 'cards.y4m');
const EVENT = /Разговоры о важном.*28 декабря/;
const CLASS_SIZE = fixturePupils().filter((pupil) => pupil.className === '10 «Б»').length;

// Chromium may look at the file when it starts: it exists (blank) before the browser does.
writeCardVideo(VIDEO, [{ width: 1, height: 1, rgba: new Uint8Array([255, 255, 255, 255]) }], 1);

test.use({
  launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(VIDEO)] },
});

const DPI = 150;
const px = (mm: number) => String(Math.round((mm / 25.4) * DPI));
const pt = (mm: number) => String(Math.round((mm / 25.4) * 72));

/** The first card of the printed sheet (top left: 15 mm in, 85 × 54 mm): its picture and text. */
function firstCard(pdf: string): { picture: Picture; text: string } {
  const prefix = path.join(DIR, 'card-1');
  const crop = ['-x', px(15), '-y', px(15), '-W', px(85), '-H', px(54)];
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    String(DPI),
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    ...crop,
    pdf,
    prefix,
  ]);
  const textCrop = ['-x', pt(15), '-y', pt(15), '-W', pt(85), '-H', pt(54)];
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', ...textCrop, pdf, '-'], {
    encoding: 'utf8',
  });
  return { picture: readPng(`${prefix}.png`), text: text.replace(/\s+/g, ' ').trim() };
}

/** Counts the app's beeps by pitch: 1320 Hz checks a pupil in, 330 Hz refuses a card. */
function listenForBeeps(): void {
  const heard: number[] = [];
  (window as unknown as { beeps: number[] }).beeps = heard;
  // `start` lives on the prototype that oscillators share with other scheduled sources.
  const prototype = AudioScheduledSourceNode.prototype;
  const start = Object.getOwnPropertyDescriptor(prototype, 'start')?.value as (
    this: AudioScheduledSourceNode,
    when?: number,
  ) => void;
  prototype.start = function (this: AudioScheduledSourceNode, when?: number) {
    if (this instanceof OscillatorNode) heard.push(this.frequency.value);
    start.call(this, when);
  };
}

test('cards of the class are printed, scanned offline at the door, and the mark is sent once', async ({
  browser,
  request,
}) => {
  // The camera's video takes real time to come round: two seconds a card, three cards a round.
  test.setTimeout(180_000);
  const admin = new AdminApi(request);
  await admin.logIn();
  const docs = await admin.docs();
  const classNamed = (name: string) =>
    docs.find((doc) => doc.type === 'class' && doc.body.name === name);
  const fiveA = classNamed('5 «А»');
  const fiveAId = fiveA?.classIds[0];
  const fiveAPupil = docs.find((doc) => doc.type === 'pupil' && doc.classIds[0] === fiveAId);
  if (!fiveA || !fiveAId || !fiveAPupil?.pupilId)
    throw new Error('the demo school has no 5 «А» pupil');
  const schoolId = String(fiveA.schoolId);

  const { page, context } = await openDevice(browser, TABLET);
  await page.addInitScript(listenForBeeps);
  const status = new StatusLine(page);
  await page.goto('/');
  await new LoginPage(page).logIn(TEACHER_10B);
  await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();

  const card = await test.step('the class teacher prints the cards of 10 «Б»', async () => {
    await page.getByRole('button', { name: 'Отчёты' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Карточки класса (PDF)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('QR-карточки 10 «Б».pdf');
    mkdirSync(DIR, { recursive: true });
    const pdf = path.join(DIR, 'cards.pdf');
    await file.saveAs(pdf);
    const printed = firstCard(pdf);
    expect(printed.text).toContain('10 «Б»');
    return printed;
  });
  const name = /^(\S+) (\S+) (\S+)?/.exec(card.text)?.slice(1, 4).filter(Boolean).join(' ') ?? '';
  const pupilName = fixturePupils()
    .filter((pupil) => pupil.className === '10 «Б»')
    .map((pupil) => `${pupil.lastName} ${pupil.firstName}`)
    .find((full) => name.startsWith(full));
  expect(pupilName, `the card reads «${card.text}»`).toBeDefined();

  // The printed card, a card of 5 «А», a card of another school: two seconds each, round and round.
  writeCardVideo(VIDEO, [
    card.picture,
    await qrPicture(encodeCard({ schoolId, classId: fiveAId, pupilId: fiveAPupil.pupilId })),
    await qrPicture(
      encodeCard({ schoolId: randomUUID(), classId: randomUUID(), pupilId: randomUUID() }),
    ),
  ]);

  await test.step('offline, the cards are scanned at the door of the event', async () => {
    await page.getByRole('button', { name: /Назад/ }).click();
    await page.getByRole('button', { name: EVENT }).click();
    await context.setOffline(true);
    await expect(status.locator).toHaveText(/Нет связи/);
    await page.getByRole('button', { name: 'Отметка по QR' }).click();
    await expect(
      page.getByRole('heading', { name: /^Отметка по QR: Разговоры о важном/ }),
    ).toBeVisible();

    const arrivals = page.getByRole('list', { name: 'Кто пришёл' });
    await expect(arrivals.getByRole('listitem')).toHaveText([new RegExp(`^${pupilName!}`)], {
      timeout: 20_000,
    });
    await expect(page.getByText(`Пришли 1 из ${CLASS_SIZE}`)).toBeVisible();
    await expect(page.getByText(`ещё нет: ${CLASS_SIZE - 1}`)).toBeVisible();

    const refused = page.getByRole('list', { name: 'Отклонённые карточки' });
    await expect(refused).toContainText('Карточка другого класса', { timeout: 20_000 });
    await expect(refused).toContainText('Карточка другой школы', { timeout: 20_000 });
  });

  await test.step('the same card coming round again checks no one in twice', async () => {
    // Five refusals mean the video went round at least once more after the first card was read.
    const refused = page.getByRole('list', { name: 'Отклонённые карточки' }).getByRole('listitem');
    await expect(refused).toHaveCount(5, { timeout: 30_000 });
    await expect(page.getByRole('list', { name: 'Кто пришёл' }).getByRole('listitem')).toHaveCount(
      1,
    );
    await expect(page.getByText(`Пришли 1 из ${CLASS_SIZE}`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('check-in.png'), fullPage: true });
    const beeps = await page.evaluate(() => (window as unknown as { beeps: number[] }).beeps);
    expect(beeps.filter((hz) => hz === 1320)).toHaveLength(1);
    // Two low tones for each refused card.
    expect(beeps.filter((hz) => hz === 330).length).toBeGreaterThanOrEqual(2 * 5);
    await expect(status.locator).toHaveText(/1 изменение не отправлено/);
  });

  await test.step('the roll call shows the pupil present; back online, the mark is sent', async () => {
    await page.getByRole('button', { name: /К списку класса/ }).click();
    const rollCall = new RollCallPage(page);
    await expect(rollCall.row(new RegExp(`^${pupilName!}`))).toContainText('присутствует');
    await expect(rollCall.counter()).toHaveText(`1 из ${CLASS_SIZE}`);
    await context.setOffline(false);
    await status.expectAllSent(30_000);

    const marks = (await admin.docs()).filter(
      (doc: Doc) => doc.type === 'attendance' && doc.date === '2026-12-28',
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]?.body).toMatchObject({ status: 'present', history: [] });
  });
  await context.close();
});
