// Before the e2e tests: Playwright drives Debian's Chromium, since its own browser download is
// not reachable here. Installs it when this is a Debian machine and we are root; otherwise says
// exactly what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stdout.write("Chromium is missing: installing Debian's chromium package…\n");
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
  } else {
    process.stderr.write(
      `The e2e tests need Chromium at ${path}.\n` +
        'Install it (Debian/Ubuntu: sudo apt-get install chromium), or point CHROMIUM_PATH at one.\n',
    );
    process.exit(1);
  }
}
