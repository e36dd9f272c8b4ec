#!/usr/bin/env node
// `npm test`: installs dependencies when missing, then lint, type-check, build, and the three jest
// tiers (unit, integration, end-to-end) against a private Redis and PostgreSQL made for this run
// (or REDIS_URL / DATABASE_URL when set). Extra arguments go to jest, e.g. `npm test -- test/platform`.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDependencies } from './lib/deps.mjs';
import { say } from './lib/log.mjs';
import { DATA, ROOT, packageScripts } from './lib/paths.mjs';
import { run } from './lib/process.mjs';

const TEMPLATE_DATABASE = 'pusher_me_template';
const DATA_DIR = join(DATA, 'test');
const RESULTS = join(DATA_DIR, 'jest-results.json');
const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0)} s`;
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

let services;
async function stopServices() {
  await services?.stop();
  services = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void stopServices().finally(() => process.exit(130)));
}

/** The plain closing line CI reads: `tests: N passed, N failed`. */
function printTotals() {
  if (!existsSync(RESULTS)) return;
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(RESULTS, 'utf8'));
  process.stdout.write(
    `tests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}\n`,
  );
}

async function step(name, work) {
  say('test', `${name}...`);
  await work();
  say('test', `${name}: ok (${elapsed()})`);
}

try {
  await ensureDependencies();
  const [{ build }, { builtLibs }, { provisionServices }] = await Promise.all([
    import('./build.mjs'),
    import('./lib/built.mjs'),
    import('./lib/services.mjs'),
  ]);
  const jestArgs = process.argv.slice(2);
  const focused = jestArgs.length > 0;

  if (!focused) {
    // Lint and type-check side by side: each is single-threaded.
    await step('lint and type-check', () =>
      Promise.all([
        run(bin('eslint'), ['--max-warnings=0', '.'], { cwd: ROOT }),
        run(bin('prettier'), ['--check', '--log-level=warn', '.'], { cwd: ROOT }),
        run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT }),
        // The browser side (apps/web, libs/react) has its own tsconfig and lint set-up.
        ...['lint:web', 'typecheck:web']
          .filter((name) => packageScripts[name])
          .map((name) => run('npm', ['run', '--silent', name], { cwd: ROOT })),
      ]),
    );
  }
  await step('build', async () => {
    await build();
    if (packageScripts['build:web']) await run('npm', ['run', '--silent', 'build:web'], { cwd: ROOT });
  });

  // A clean slate every run: nothing a previous run left can leak into this one.
  rmSync(DATA_DIR, { recursive: true, force: true });
  services = await provisionServices({ dataDir: DATA_DIR, database: TEMPLATE_DATABASE, durable: false });
  const { database } = builtLibs();
  await database.migrateAndSeed(services.databaseUrl, {
    id: 'app-id',
    key: 'app-key',
    secret: 'app-secret',
    clientEventsEnabled: true,
    webhookUrls: [],
  });

  const env = {
    ...process.env,
    REDIS_URL: services.redisUrl,
    DATABASE_URL: services.adminDatabaseUrl ?? services.databaseUrl,
    // Set only for a private server we own; with an external DATABASE_URL each test file migrates its own database.
    ...(services.adminDatabaseUrl ? { PM_TEST_TEMPLATE_DB: TEMPLATE_DATABASE } : {}),
    NODE_ENV: 'test',
  };
  await step('jest', () =>
    run(bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${RESULTS}`, ...jestArgs], { cwd: ROOT, env }),
  );
  await stopServices();
  say('test', `all passed in ${elapsed()}`);
  printTotals();
} catch (error) {
  say('test', `FAILED: ${error.message.split('\n').slice(0, 40).join('\n')}`);
  await stopServices();
  printTotals();
  process.exit(1);
}
