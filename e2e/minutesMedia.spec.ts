/**
 * The minutes of a parent meeting with a photo and a recording, made offline on the teacher's
 * tablet: a whiteboard photo (a generated 2400 × 1800 PNG fed to the gallery input, resized on the
 * device to a 1600 px JPEG) and a short recording from Chromium's fake microphone. Back online,
 * they sync; a guardian in the class sees the minutes, the photo and plays the recording, and
 * marks them read, which the teacher then sees; a guardian in 5 «А» sees nothing of them, and
 * the server answers their device «not found» for the photo.
 * Only the meeting of 10 September, which no other spec records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.config';
import { fixturePupils, GUARDIAN_10B, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, PHONE, RollCallPage, StatusLine, TABLET } from './support/pages';

const DIR = path.resolve(
  import.meta.dirname,
  '..',
  '.tmp',
  `e2e-minutes-${process.env.E2E_PORT ?? 8181}`,
);
const MEETING = /Родительское собрание «Задачи учебного года».*10 сентября/;
const CLASS_SIZE = fixturePupils().filter((pupil) => pupil.className === '10 «Б»').length;
const DECIDED = 'Выбрать родительский комитет из пяти человек до 20 сентября.';
const READER = 'Петрова-Соколова И. О.';
const OTHER_CLASS_GUARDIAN = fixturePupils().find(
  (pupil) => pupil.className === '5 «А»' && pupil.guardianEmails.length > 0,
)?.guardianEmails[0];

// A fake microphone (a beep) that needs no permission prompt; playback without a user gesture.
test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

/** A photo of a whiteboard as a phone's gallery holds it: 2400 × 1800, lines of "writing". */
function whiteboardPng(file: string): void {
  const [width, height] = [2400, 1800];
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = y % 60 < 4 && (x * 7 + y) % 23 < 15;
      const offset = (y * width + x) * 4;
      png.data.fill(ink ? 20 : 245 - ((x + y) % 9), offset, offset + 3);
      png.data[offset + 3] = 255;
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, PNG.sync.write(png));
}

/** The natural width of a loaded picture, 0 while it is not loaded or broken. */
async function loadedWidth(image: Locator): Promise<number> {
  return image.evaluate((element) => {
    const img = element as HTMLImageElement;
    return img.complete ? img.naturalWidth : 0;
  });
}

/** Ids of this device's stored documents of a type: the type is an envelope field kept in clear. */
async function storedIds(page: Page, type: string): Promise<string[]> {
  return page.evaluate(async (wanted) => {
    const ids: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith('homeroom-u-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(open.error ?? new Error('open failed'));
        };
      });
      const rows = await new Promise<{ _id: string; type: string }[]>((resolve, reject) => {
        const request = db.transaction('docs').objectStore('docs').getAll();
        request.onsuccess = () => {
          resolve(request.result as { _id: string; type: string }[]);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('read failed'));
        };
      });
      ids.push(...rows.filter((row) => row.type === wanted).map((row) => row._id));
      db.close();
    }
    return ids;
  }, type);
}

test('minutes with a photo and a recording, made offline, reach the class’s families and no other class; a family’s «Прочитано» reaches the teacher', async ({
  browser,
}, testInfo) => {
  if (!OTHER_CLASS_GUARDIAN) throw new Error('5 «А» has no guardian with an e-mail');
  const photoFile = path.join(DIR, 'whiteboard.png');
  whiteboardPng(photoFile);

  const tablet = await openDevice(browser, TABLET);
  const teacher = tablet.page;
  const status = new StatusLine(teacher);
  await teacher.goto('/');
  await new LoginPage(teacher).logIn(TEACHER_10B);
  await expect(teacher.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
  await status.expectAllSent(30_000);
  // Other specs on the same server may have left media in this class (a family's certificate).
  const mediaBefore = new Set(await storedIds(teacher, 'media'));
  const minutes = teacher.getByRole('form', { name: 'Протокол собрания' });

  await test.step('offline, the minutes of the meeting: present N of M, agenda, heard, decided', async () => {
    await tablet.context.setOffline(true);
    await expect(status.locator).toHaveText(/Нет связи/);
    await teacher.getByText('Прошедшие').click();
    await teacher.getByRole('button', { name: MEETING }).click();
    await new RollCallPage(teacher).openRecords();
    await expect(minutes.getByLabel('Всего семей')).toHaveValue(String(CLASS_SIZE));
    await expect(minutes.getByText('Присутствие не отмечено')).toBeVisible();
    await minutes.getByLabel('Присутствовали (семей)').fill('24');
    await minutes
      .getByLabel('Повестка дня (по пункту в строке)')
      .fill('Задачи учебного года\nВыборы родительского комитета');
    await minutes.getByLabel('Слушали').fill('Арутюнян Г. Л. о задачах года.');
    await minutes.getByLabel('Решили').fill(DECIDED);
    await expect(minutes.getByRole('radio', { name: 'Семьи класса' })).toBeChecked();
  });

  await test.step('a photo of the whiteboard from the gallery, resized on the tablet', async () => {
    await expect(minutes.getByText(/до 1600 пикселей .* до 1 МБ/)).toBeVisible();
    await minutes.getByLabel('Фото из галереи').setInputFiles(photoFile);
    const pending = minutes.getByRole('list', { name: 'Вложения' }).getByRole('img');
    await expect(pending).toHaveCount(1);
    await expect.poll(() => loadedWidth(pending)).toBe(1600);
  });

  await test.step('a short recording from the microphone, with its time against the limit', async () => {
    await expect(minutes.getByText(/Запись до 3 минут и до 1 МБ/)).toBeVisible();
    await minutes.getByRole('button', { name: 'Записать звук' }).click();
    const timer = minutes.getByRole('timer');
    await expect(timer).toHaveText(/Идёт запись: 0:0[2-9] из 3:00/, { timeout: 15_000 });
    await minutes.getByRole('button', { name: 'Остановить запись' }).click();
    await expect(
      minutes.getByRole('list', { name: 'Вложения' }).getByLabel(/^Аудиозапись, 0:0\d$/),
    ).toHaveCount(1);
  });

  await test.step('saved on the tablet, waiting to be sent', async () => {
    await minutes.getByRole('button', { name: 'Сохранить протокол' }).click();
    await expect(minutes.getByText('Протокол сохранён')).toBeVisible();
    await expect(status.locator).toHaveText(/3 изменения не отправлены/);
    const saved = teacher
      .getByRole('article', { name: 'Протокол собрания' })
      .filter({ hasText: `Присутствовали: 24 из ${String(CLASS_SIZE)}` });
    await expect(saved.getByText(`Присутствовали: 24 из ${String(CLASS_SIZE)}`)).toBeVisible();
    await expect.poll(() => loadedWidth(saved.getByRole('img'))).toBe(1600);
  });

  await test.step('back online, everything is sent', async () => {
    await tablet.context.setOffline(false);
    await status.expectAllSent(30_000);
  });
  const newMedia = (await storedIds(teacher, 'media')).filter((id) => !mediaBefore.has(id));
  expect(newMedia).toHaveLength(2);
  const [mediaId] = newMedia.sort();

  const phone = await openDevice(browser, PHONE);
  const mum = phone.page;
  await test.step('a guardian in the class sees the minutes, the photo, and plays the recording', async () => {
    await mum.goto('/');
    await new LoginPage(mum).logIn(GUARDIAN_10B);
    const note = mum
      .getByRole('article', { name: 'Протокол собрания' })
      .filter({ hasText: `Присутствовали: 24 из ${String(CLASS_SIZE)}` });
    await expect(note.getByText(`Присутствовали: 24 из ${String(CLASS_SIZE)}`)).toBeVisible({
      timeout: 30_000,
    });
    await expect(note.getByText(DECIDED)).toBeVisible();
    await expect(
      note.getByRole('listitem').filter({ hasText: 'Выборы родительского комитета' }),
    ).toBeVisible();
    await expect.poll(() => loadedWidth(note.getByRole('img'))).toBe(1600);
    const audio = note.getByLabel(/^Аудиозапись, 0:0\d$/);
    await expect(audio).toHaveAttribute('src', /^blob:/);
    for (const target of [audio, note.getByRole('button', { name: /^Прочитано/ })]) {
      const box = await target.boundingBox();
      expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(44);
    }
    await audio.evaluate((element) => (element as HTMLAudioElement).play());
    await expect
      .poll(() => audio.evaluate((element) => (element as HTMLAudioElement).currentTime))
      .toBeGreaterThan(0.2);
  });

  await test.step('she marks them read; the teacher sees who read them', async () => {
    const note = mum
      .getByRole('article', { name: 'Протокол собрания' })
      .filter({ hasText: `Присутствовали: 24 из ${String(CLASS_SIZE)}` });
    await note.getByRole('button', { name: 'Прочитано: Протокол собрания' }).click();
    await expect(note.getByText(/Вы отметили: прочитано/)).toBeVisible();
    await new StatusLine(mum).expectAllSent(30_000);

    const seen = teacher
      .getByRole('article', { name: 'Протокол собрания' })
      .filter({ hasText: `Присутствовали: 24 из ${String(CLASS_SIZE)}` });
    await expect(seen.getByText(/^Прочитали 1 из \d+ сем(ьи|ей)$/)).toBeVisible({
      timeout: 40_000,
    });
    await expect(seen.getByRole('listitem').filter({ hasText: READER })).toBeVisible();
    await seen.screenshot({ path: testInfo.outputPath('tablet-minutes-read.png') });
    await mum.screenshot({ path: testInfo.outputPath('phone-minutes.png'), fullPage: true });
  });

  await test.step('a guardian in 5 «А» sees nothing of them, and the server will not give the photo', async () => {
    const other = await openDevice(browser, PHONE);
    await other.page.goto('/');
    await new LoginPage(other.page).logIn(OTHER_CLASS_GUARDIAN);
    await expect(other.page.getByRole('heading', { name: 'Сообщения' }).first()).toBeVisible();
    await new StatusLine(other.page).expectAllSent(30_000);
    await expect(other.page.getByRole('article', { name: 'Протокол собрания' })).toHaveCount(0);
    await expect(other.page.getByText(DECIDED)).toHaveCount(0);
    expect(await storedIds(other.page, 'media')).toEqual([]);
    const answer = await other.page.evaluate(
      async (id) => (await fetch(`/couch/demo/${encodeURIComponent(id)}`)).status,
      mediaId ?? '',
    );
    expect(answer).toBe(404);
    await other.context.close();
  });

  await phone.context.close();
  await tablet.context.close();
});
