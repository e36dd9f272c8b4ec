import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from './process.mjs';
import { say } from './log.mjs';

/** Finds an executable on PATH (or in extra directories); undefined when absent. */
export function findExecutable(name, extraDirs = []) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs]) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let aptUpdated = false;

/**
 * Installs Debian packages with apt-get when that is possible (Debian, running as root);
 * otherwise throws with the exact command a person should run.
 */
export async function aptInstall(packages, why) {
  const command = `apt-get install -y ${packages.join(' ')}`;
  const canApt = process.getuid?.() === 0 && findExecutable('apt-get') && existsSync('/etc/debian_version');
  if (!canApt) {
    throw new Error(
      `${why} is not installed. Install it, then run again:\n` +
        `    Debian/Ubuntu: sudo apt-get update && sudo ${command}\n` +
        `    macOS (Homebrew): brew install ${packages.includes('postgresql') ? 'postgresql' : packages[0].replace('-server', '')}\n` +
        `  or point the platform at your own server with ${packages.includes('postgresql') ? 'DATABASE_URL' : 'REDIS_URL'}.`,
    );
  }
  say('platform', `installing ${packages.join(', ')} with apt-get (needed: ${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    await run('apt-get', ['update', '-qq'], { env, quiet: true });
    aptUpdated = true;
  }
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, quiet: true });
}

/** Directories holding PostgreSQL server binaries, newest version first (Debian layout, then PATH). */
export function postgresBinDirs() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.map((v) => join(base, v, 'bin'));
}
