import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);

/** The compiled config and database libraries (after `build`), for validation and migrations. */
export function builtLibs() {
  require('reflect-metadata');
  return {
    config: require(join(ROOT, 'dist/libs/config/src/index.js')),
    database: require(join(ROOT, 'dist/libs/database/src/index.js')),
  };
}
