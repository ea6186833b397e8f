/** Page objects of the event's life: the class list, an event's changes, the plan import. */
import { expect, type Locator, type Page } from '@playwright/test';
import { RollCallPage } from './pages';

export class ClassEventsPage {
  constructor(private readonly page: Page) {}

  /** An event's button in the class's list, wherever it is: today, the next ones, or later. */
  async event(name: RegExp): Promise<Locator> {
    const button = this.page.getByRole('button', { name });
    const later = this.page.locator('details', {
      has: this.page.locator('summary', { hasText: /^Все предстоящие/ }),
    });
    await expect(async () => {
      if (!(await button.isVisible()) && (await later.count()) > 0) {
        if ((await later.getAttribute('open')) === null) await later.locator('summary').click();
      }
      await expect(button).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    return button;
  }

  async open(name: RegExp): Promise<void> {
    await (await this.event(name)).click();
    await expect(this.page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  }
}

export class EventLifePage {
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Ход мероприятия' });
  }

  /** The event's records view, where its life is. */
  async show(): Promise<void> {
    await new RollCallPage(this.page).openRecords();
    await expect(this.panel).toBeVisible();
  }

  /** Opens a change's form and fills what is given; a reason of '' is left empty. */
  async change(
    action: 'Перенести' | 'Отменить мероприятие' | 'Передать замене',
    fields: { reason?: string; date?: string; start?: string; who?: string },
  ): Promise<Locator> {
    await this.panel.getByRole('button', { name: action, exact: true }).click();
    const form = this.panel.getByRole('form');
    if (fields.date !== undefined) await form.getByLabel('Новая дата').fill(fields.date);
    if (fields.start !== undefined) await form.getByLabel('Новое время начала').fill(fields.start);
    if (fields.who !== undefined) {
      await form.getByLabel('Кто проведёт').selectOption({ label: fields.who });
    }
    if (fields.reason !== undefined) await form.getByLabel('Причина').fill(fields.reason);
    return form;
  }

  async confirm(form: Locator, button: string): Promise<void> {
    await form.getByRole('button', { name: button, exact: true }).click();
  }

  history(): Locator {
    return this.panel.getByRole('list', { name: 'История изменений' }).getByRole('listitem');
  }
}

export class PlanImportPage {
  constructor(private readonly page: Page) {}

  async choose(file: string): Promise<void> {
    await this.page.getByLabel('Выбрать файл плана').setInputFiles(file);
  }

  summary(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Новых:/ });
  }

  refused(): Locator {
    return this.page.getByRole('table', { name: 'Строки с ошибками' }).getByRole('row');
  }
}

/**
 * Buttons and fields smaller than a finger (44 px) inside `scope`; a radio button's or a check
 * box's target is its whole label.
 */
export function smallTargets(scope: Locator): Promise<string[]> {
  return scope.locator('button, input, select, textarea, summary').evaluateAll((elements) =>
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
          `${element.tagName} «${element.textContent}» ${box.width}×${box.height}`,
      ),
  );
}
