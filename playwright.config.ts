import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.config';

/** The e2e server: the demo school on its own port and in a fresh data folder each run. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181);
/** Per port, so two runs on different ports (E2E_PORT) never share a data folder. */
const E2E_DATA = `.tmp/e2e-data-${E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_PORT ? `test-results-${E2E_PORT}` : 'test-results',
  // Every device of the suite is scanned for names in clear; the teardown fails on any.
  globalSetup: './e2e/support/globalSetup.ts',
  globalTeardown: './e2e/support/globalTeardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `rm -rf ${E2E_DATA} && node --import tsx sync-server/src/main.ts --demo`,
    url: `http://localhost:${E2E_PORT}/couch/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(E2E_PORT),
      HOMEROOM_DATA: E2E_DATA,
      LOG_LEVEL: 'warn',
    },
  },
});
