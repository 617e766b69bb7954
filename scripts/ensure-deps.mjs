// Installs dependencies when they are missing or older than the lockfile, so the README's
// single build and test commands work on a fresh clone. `npm ci` is avoided on purpose: the
// registry here does not serve other platforms' optional binaries, so they are absent from the
// lockfile and `npm ci` refuses it; `npm install` with the committed lockfile leaves it unchanged.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const stamp = 'node_modules/.package-lock.json';
const stale =
  !existsSync(stamp) ||
  statSync('package-lock.json').mtimeMs > statSync(stamp).mtimeMs + 1000 ||
  statSync('package.json').mtimeMs > statSync(stamp).mtimeMs + 1000;

if (stale) {
  console.info('Installing dependencies (npm install)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
