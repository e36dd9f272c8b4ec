import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** DI token for the folder holding the built pages (`index.html`, `assets/`), or null when not built. */
export const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Finds `apps/web/dist` by walking up from this file, so it works from the sources (tests) and from
 * the compiled `dist/apps/api/src/web` alike. Null when the pages were not built (`npm run build:web`).
 */
export function findWebRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
