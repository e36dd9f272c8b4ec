import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Secrets a local platform needs but a new user has not chosen: made once with crypto randomness,
 * kept in `file` (mode 0600) so restarts reuse them. Variables set in the environment win.
 */
export function localSecrets(file) {
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const wanted = {
    ADMIN_TOKEN: () => randomBytes(24).toString('base64url'),
    AUTH_JWT_SECRET: () => randomBytes(32).toString('base64url'),
    PUSHER_ENCRYPTION_MASTER_KEY: () => randomBytes(32).toString('base64'),
  };
  let changed = false;
  for (const [name, make] of Object.entries(wanted)) {
    if (!saved[name]) {
      saved[name] = make();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries(Object.entries(saved).map(([name, value]) => [name, process.env[name] || value]));
}
