/** Page objects: what a teacher, a guardian and the director see and do, by role and label. */
import {
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { PASSWORD, SCHOOL_DAY_MORNING } from './fixture';
import { scanOnClose } from './suiteScan';

export const TABLET = { width: 800, height: 1280 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile with the clock set to a school day; time runs on from there. */
export async function openDevice(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = await context.newPage();
  await page.clock.install({ time: SCHOOL_DAY_MORNING });
  scanOnClose(context, page);
  return { context, page };
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async logIn(login: string, password = PASSWORD): Promise<void> {
    await this.page.getByLabel('E-mail или телефон').fill(login);
    await this.page.getByLabel('Пароль').fill(password);
    await this.page.getByRole('button', { name: 'Войти' }).click();
  }
}

export class StatusLine {
  readonly locator: Locator;
  constructor(page: Page) {
    this.locator = page
      .getByRole('status')
      .filter({ hasText: /отправлен|Синхронизация|Нет связи|синхронизировано/ });
  }

  async expectAllSent(timeout = 20_000): Promise<void> {
    await expect(this.locator).toHaveText(/Всё отправлено/i, { timeout });
  }
}

/** Waits until the service worker controls the page, so a reload works offline. */
export async function waitForOfflineShell(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return registration?.active?.state === 'activated';
  });
  // A navigation that raced the worker's activation stays uncontrolled; the next one is not.
  for (let attempt = 1; ; attempt++) {
    await page.reload();
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 5000,
      });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export class RollCallPage {
  constructor(private readonly page: Page) {}

  row(fullName: RegExp | string): Locator {
    return this.page.getByRole('listitem', { name: fullName });
  }

  rows(): Locator {
    return this.page.locator('li.pupil');
  }

  /** The pupil's one tap target: absent with the school's letter ↔ present. */
  toggle(row: Locator): Locator {
    return row.getByRole('button', { name: /^Отсутствует: / });
  }

  /** The sheet of one pupil's mark: the school's letters, details and history. */
  sheet(): Locator {
    return this.page.getByRole('dialog');
  }

  async openSheet(fullName: RegExp | string): Promise<Locator> {
    await this.row(fullName)
      .getByRole('button', { name: /^Подробнее: / })
      .click();
    await expect(this.sheet()).toBeVisible();
    return this.sheet();
  }

  /** Records a school letter from the pupil's sheet, which closes when the mark is saved. */
  async tapLetter(fullName: RegExp | string, letter: string): Promise<void> {
    const sheet = await this.openSheet(fullName);
    await sheet.getByRole('button', { name: letter, exact: true }).click();
    await expect(sheet).toBeHidden();
  }

  /** The event's other view: its life, results and notes. */
  async openRecords(): Promise<void> {
    await this.page.getByRole('button', { name: 'Итоги и заметки' }).click();
  }

  /** Back from the event's records to the roll. */
  async openRoll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Отметки', exact: true }).click();
  }

  counter(): Locator {
    return this.page.getByLabel(/^Присутствуют \d+ из \d+$/);
  }
}
