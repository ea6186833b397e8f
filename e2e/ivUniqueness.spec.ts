/**
 * Every encryption draws a fresh IV: two tabs of one user, each with its own unwrapped copy of the
 * same data key, write 10,000 marks at once through the app's encrypted store, and no IV repeats.
 */
import { expect, test } from '@playwright/test';
import { callHarness, startHarness, type HarnessServer } from '../bench/harnessServer';

const PER_TAB = 5000;
let harness: HarnessServer;

test.beforeAll(async () => {
  harness = await startHarness();
});
test.afterAll(async () => {
  await harness.close();
});

test('10,000 rows written from two tabs carry 10,000 different IVs', async ({ browser }) => {
  test.slow();
  const context = await browser.newContext();
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await tab.goto(harness.url);
    await tab.waitForFunction(() => 'harness' in globalThis);
  }
  await callHarness(tabs[0]!, 'ivShareKey');
  await Promise.all(tabs.map((tab, index) => callHarness(tab, 'ivWrite', `tab${index}`, PER_TAB)));

  const ivs = await callHarness<string[]>(tabs[1]!, 'ivCollect');
  expect(ivs).toHaveLength(2 * PER_TAB);
  expect(ivs.every((iv) => iv.length === 24)).toBe(true);
  expect(new Set(ivs).size).toBe(ivs.length);
  await context.close();
});
