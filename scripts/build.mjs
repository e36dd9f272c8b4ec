#!/usr/bin/env node
// Compiles the server code (apps, libs, benches, test support) with SWC into dist/, in about a second.
// Type-checking is separate (`npm run typecheck`, part of `npm test`), so start-up stays fast.
import { rmSync } from 'node:fs';
import { run } from './lib/process.mjs';
import { ROOT } from './lib/paths.mjs';

export async function build() {
  rmSync(`${ROOT}/dist`, { recursive: true, force: true });
  await run(
    process.execPath,
    [
      `${ROOT}/node_modules/@swc/cli/bin/swc.js`,
      'apps/api/src',
      'apps/realtime/src',
      'apps/worker/src',
      'libs',
      'bench',
      'test/support',
      '--out-dir',
      'dist',
      '--config-file',
      '.swcrc',
      '--copy-files',
      '--ignore',
      '**/*.spec.ts,**/*.spec.tsx,**/*.int-spec.ts,**/*.e2e-spec.ts,libs/react/**',
      '--quiet',
    ],
    { cwd: ROOT },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
}
