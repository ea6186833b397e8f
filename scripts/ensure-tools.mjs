// Before the tests: the browsers and tools they drive come from Debian's packages, since nothing
// may download its own browser here. Installs what is missing when this is a Debian machine and we
// are root; otherwise says exactly what to install, and stops.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the tests need: a file that must exist, and the Debian package that provides it. */
const TOOLS = [
  { file: chromium, pkg: 'chromium', why: 'the end-to-end tests (Playwright)' },
  { file: '/usr/bin/pdftoppm', pkg: 'poppler-utils', why: "PNG pages of the reports' PDFs" },
  { file: '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver', why: 'the WebKit (Safari) tests' },
  { file: '/usr/bin/Xvfb', pkg: 'xvfb', why: 'the virtual display of the WebKit tests' },
];

const missing = TOOLS.filter((tool) => !existsSync(tool.file));
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.pkg).join(' ');
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`Installing Debian's ${packages}…\n`);
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`,
      { stdio: 'inherit' },
    );
  } else {
    for (const tool of missing) {
      process.stderr.write(`Missing ${tool.file}, for ${tool.why}.\n`);
    }
    process.stderr.write(
      `Install them (Debian/Ubuntu: sudo apt-get install ${packages}); set CHROMIUM_PATH for another Chromium.\n`,
    );
    process.exit(1);
  }
}
