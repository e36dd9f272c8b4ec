import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { say } from './log.mjs';
import { ROOT } from './paths.mjs';
import { run } from './process.mjs';

/** Installs node_modules from the lockfile when missing or older than the lockfile. */
export async function ensureDependencies() {
  const lock = join(ROOT, 'package-lock.json');
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say('platform', 'installing dependencies (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT });
}
