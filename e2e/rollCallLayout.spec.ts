/**
 * The roll call of the demo school's largest class, 10 «Б» with 31 pupils, on a 10-inch tablet
 * in portrait (800×1280) and landscape (1280×800): one screen, nothing scrolls, every pupil's tap
 * target at least 44×44 px and on the screen. Screenshots of both go to the test output.
 * Only the «Урок мужества» of 27 January, which no other spec marks.
 */
import { expect, test, type Page } from '@playwright/test';
import { fixturePupils, TEACHER_10B } from './support/fixture';
import { LoginPage, openDevice, RollCallPage, TABLET } from './support/pages';

const EVENT = /Урок мужества «Освобождение Ленинграда от блокады».*27 января/;
const LANDSCAPE = { width: 1280, height: 800 };
const pupils = fixturePupils();
const class10b = pupils.filter((p) => p.className === '10 «Б»');
const startsWith = (p: { lastName: string; firstName: string }) =>
  new RegExp(`^${p.lastName} ${p.firstName}`);

// Portrait marks a few pupils; landscape then shows the same marks.
test.describe.configure({ mode: 'serial' });

test('the largest class of the demo school has 31 pupils', () => {
  const sizes = new Map<string, number>();
  for (const pupil of pupils) sizes.set(pupil.className, (sizes.get(pupil.className) ?? 0) + 1);
  expect(Math.max(...sizes.values())).toBe(31);
  expect(class10b).toHaveLength(31);
});

/** Every scrolling box of the page that has more to show than it shows. */
function scrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (element: Element) => {
      const style = getComputedStyle(element);
      const can = (value: string) => value === 'auto' || value === 'scroll';
      return (
        element === document.documentElement ||
        element === document.body ||
        can(style.overflowX) ||
        can(style.overflowY)
      );
    };
    return [...document.querySelectorAll('*')]
      .filter(scrolls)
      .filter(
        (element) =>
          element.scrollHeight > element.clientHeight || element.scrollWidth > element.clientWidth,
      )
      .map(
        (element) =>
          `${element.tagName}.${element.className} ${String(element.scrollWidth)}×${String(element.scrollHeight)} in ${String(element.clientWidth)}×${String(element.clientHeight)}`,
      );
  });
}

/** Each pupil's targets (the row's toggle and its «⋯») that are small or off the screen. */
function badTargets(page: Page): Promise<string[]> {
  return page.locator('li.pupil').evaluateAll((rows) => {
    const bad: string[] = [];
    for (const row of rows) {
      for (const target of row.querySelectorAll('button')) {
        const box = target.getBoundingClientRect();
        const onScreen =
          box.top >= 0 &&
          box.left >= 0 &&
          box.bottom <= document.documentElement.clientHeight &&
          box.right <= document.documentElement.clientWidth;
        const covering = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        const visible = onScreen && covering !== null && target.contains(covering);
        if (box.width < 44 || box.height < 44 || !visible) {
          bad.push(
            `${row.getAttribute('aria-label') ?? ''}: ${target.getAttribute('aria-label') ?? ''} ${String(box.width)}×${String(box.height)} at ${String(box.top)}${visible ? '' : ', not visible'}`,
          );
        }
      }
    }
    return bad;
  });
}

for (const [orientation, viewport] of [
  ['portrait', TABLET],
  ['landscape', LANDSCAPE],
] as const) {
  test(`a class of 31 is one screen in ${orientation}, ${String(viewport.width)}×${String(viewport.height)}`, async ({
    browser,
  }, testInfo) => {
    const { page, context } = await openDevice(browser, viewport);
    await page.goto('/');
    await new LoginPage(page).logIn(TEACHER_10B);
    await expect(page.getByRole('heading', { name: 'Класс 10 «Б»' })).toBeVisible();
    await page.getByRole('button', { name: EVENT }).click();
    const rollCall = new RollCallPage(page);
    await expect(rollCall.rows()).toHaveCount(31);

    if (orientation === 'portrait') {
      // A few marks of every kind, so the screenshots show them.
      await rollCall.toggle(rollCall.row(startsWith(class10b[0]!))).click();
      await rollCall.tapLetter(startsWith(class10b[1]!), 'б');
      await rollCall.tapLetter(startsWith(class10b[2]!), 'оп');
      await rollCall.tapLetter(startsWith(class10b[3]!), 'у');
      await page.getByRole('button', { name: 'Все присутствуют' }).click();
    }
    // 28 of 31 from these marks (a late pupil is there), fewer when an earlier spec's family
    // notice pre-filled an absence that «Все присутствуют» recorded as shown; the count itself is
    // teacherTablet.spec's subject.
    await expect(rollCall.counter()).toHaveText(/^2[0-8] из 31$/);
    // Headless Chromium refuses persistent storage; the teacher reads the notice once and closes
    // it, and the roll takes the room it leaves.
    const notice = page.getByText('Браузер не разрешил постоянное хранилище', { exact: false });
    if (await notice.isVisible()) {
      await page.getByRole('button', { name: 'Понятно' }).click();
      await expect(notice).toBeHidden();
    }

    expect(await scrollers(page)).toEqual([]);
    expect(await badTargets(page)).toEqual([]);
    for (const row of await rollCall.rows().all()) {
      await expect(rollCall.toggle(row)).toBeInViewport({ ratio: 1 });
    }
    // One column of 31 rows of at least 44 px does not fit either height: the roll has columns.
    const columns = await rollCall
      .rows()
      .evaluateAll((rows) => new Set(rows.map((row) => row.getBoundingClientRect().left)).size);
    expect(columns).toBeGreaterThanOrEqual(2);

    const screenshot = testInfo.outputPath(`roll-call-31-${orientation}.png`);
    await page.screenshot({ path: screenshot });
    await testInfo.attach(`roll call of 31, ${orientation}`, {
      path: screenshot,
      contentType: 'image/png',
    });
    await context.close();
  });
}
