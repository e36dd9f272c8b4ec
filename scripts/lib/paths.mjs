import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the current directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the platform keeps its local data (Redis, Postgres, generated secrets). */
export const DATA = resolve(ROOT, '.data');

/** The `scripts` of package.json, to run optional steps (such as `build:web`) only when defined. */
export const packageScripts = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).scripts ?? {};
