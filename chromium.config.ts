/**
 * Debian's Chromium, as the e2e tests and the benchmarks launch it: Playwright's own browser
 * download is not reachable here. Without the background-networking flags Chromium floods the
 * closed network with refused connections.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
