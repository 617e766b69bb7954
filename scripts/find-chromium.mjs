// Finds a Chromium or Chrome for the end-to-end tests: $CHROME_PATH first, then the usual
// install paths. With `--check`, a missing browser is installed on Debian/Ubuntu when running
// as root (apt-get install chromium); otherwise it says exactly how to install one and fails.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

const HOW_TO_INSTALL = `No Chromium or Chrome found for the end-to-end tests.
Looked at: ${process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH}` : CANDIDATES.join(', ')}
Install one, then run the tests again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  Fedora:         sudo dnf install -y chromium
  macOS:          brew install --cask chromium
or point CHROME_PATH at an existing Chrome/Chromium binary.`;

function tryAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.info('No Chromium found; installing it with apt-get (running as root on Debian)…');
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return install.status === 0;
}

if (
  import.meta.url === pathToFileURL(process.argv[1] ?? '').href &&
  process.argv.includes('--check')
) {
  let found = findChromium();
  if (!found && !process.env.CHROME_PATH && tryAptInstall()) found = findChromium();
  if (!found) {
    console.error(HOW_TO_INSTALL);
    process.exit(1);
  }
  console.info(`End-to-end tests will use ${found}`);
}
