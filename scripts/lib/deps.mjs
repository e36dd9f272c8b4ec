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
  say('platform', 'installing dependencies (npm install, pinned by package-lock.json)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Not `npm ci`: it rejects a lockfile that lacks other platforms' optional binaries (e.g. SWC's),
  // which a registry without them cannot record; `npm install` keeps the locked versions all the same.
  await run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT });
}
