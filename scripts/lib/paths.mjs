import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the current directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the platform keeps its local data (Redis, Postgres, generated secrets). */
export const DATA = resolve(ROOT, '.data');
