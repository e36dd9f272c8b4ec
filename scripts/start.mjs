#!/usr/bin/env node
// `npm start`: the whole platform from a fresh clone. Installs dependencies when missing, builds,
// validates the configuration, provisions Redis and PostgreSQL (or uses REDIS_URL / DATABASE_URL),
// migrates, starts realtime, api and worker as one supervised group, prints where they are, and
// stops everything cleanly on Ctrl-C or SIGTERM.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDependencies } from './lib/deps.mjs';
import { say } from './lib/log.mjs';
import { DATA, ROOT, packageScripts } from './lib/paths.mjs';
import { run } from './lib/process.mjs';

const startedAt = performance.now();
if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));

let services;
let supervisor;
let stopping = false;

async function shutdown(signal) {
  if (stopping) {
    say('platform', 'stopping now');
    supervisor?.killAll();
    process.exit(130);
  }
  stopping = true;
  say('platform', `${signal}: stopping the apps (Ctrl-C again to force)...`);
  await supervisor?.stopAll();
  await services?.stop();
  say('platform', 'stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

try {
  await ensureDependencies();
  const [{ build }, { builtLibs }, { provisionServices }, { Supervisor }, { localSecrets }, { portIsFree }] = await Promise.all([
    import('./build.mjs'),
    import('./lib/built.mjs'),
    import('./lib/services.mjs'),
    import('./lib/supervisor.mjs'),
    import('./lib/secrets.mjs'),
    import('./lib/net.mjs'),
  ]);
  await build();
  if (packageScripts['build:web']) await run('npm', ['run', '--silent', 'build:web'], { cwd: ROOT });

  // Local defaults a user has not set: generated secrets, demo mode on.
  const secrets = localSecrets(join(DATA, 'secrets.json'));
  if (process.env.AUTH_JWT_PUBLIC_KEY) delete secrets.AUTH_JWT_SECRET;
  Object.assign(process.env, secrets);
  process.env.DEMO_MODE ||= 'true';

  const { config, database } = builtLibs();
  let tree;
  try {
    tree = config.loadAppConfig();
  } catch (error) {
    if (error instanceof config.ConfigValidationError) {
      say('platform', `${error.message}\nFix these variables (see .env.sample) and run npm start again.`);
      process.exit(1);
    }
    throw error;
  }
  const ports = { realtime: tree.realtime.port, api: tree.api.port, worker: tree.worker.port };
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(port))) {
      const variable = `${name.toUpperCase()}_PORT`;
      throw new Error(`port ${port} for ${name} is already in use; stop what holds it or choose another with ${variable}=...`);
    }
  }

  services = await provisionServices({ dataDir: DATA });
  const webhookUrls = tree.defaultApp.webhookUrls ?? [`http://127.0.0.1:${ports.api}/pusher/webhooks`];
  const applied = await database.migrateAndSeed(services.databaseUrl, {
    id: tree.defaultApp.id,
    key: tree.defaultApp.key,
    secret: tree.defaultApp.secret,
    clientEventsEnabled: tree.defaultApp.clientEvents,
    webhookUrls,
    encryptionMasterKey: tree.defaultApp.encryptionMasterKey,
  });
  say('postgres', applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');

  const appEnv = {
    ...process.env,
    REDIS_URL: services.redisUrl,
    DATABASE_URL: services.databaseUrl,
    REALTIME_PORT: String(ports.realtime),
    API_PORT: String(ports.api),
    WORKER_PORT: String(ports.worker),
    PUSHER_APP_WEBHOOK_URLS: webhookUrls.join(','),
  };
  delete appEnv.PORT; // each app has its own port here
  supervisor = new Supervisor();
  for (const name of ['realtime', 'api', 'worker']) {
    supervisor.start(name, join(ROOT, `dist/apps/${name}/src/main.js`), appEnv, ports[name]);
  }
  await supervisor.waitReady(90_000);

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const host = '127.0.0.1';
  say(
    'platform',
    [
      `Pusher Me is ready in ${seconds} s:`,
      `  web (chat demo, dashboard)  http://${host}:${ports.api}/`,
      `  api + OpenAPI docs          http://${host}:${ports.api}/docs`,
      `  realtime WebSocket          ws://${host}:${ports.realtime}/app/${tree.defaultApp.key}`,
      `  realtime REST API           http://${host}:${ports.realtime}/apps/${tree.defaultApp.id}/events`,
      `  worker health/metrics       http://${host}:${ports.worker}/metrics`,
      `  default app                 id=${tree.defaultApp.id} key=${tree.defaultApp.key} secret=${tree.defaultApp.secret}`,
      `  admin token                 ${secrets.ADMIN_TOKEN}  (ADMIN_TOKEN; generated ones are kept in .data/secrets.json)`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
} catch (error) {
  say('platform', `cannot start: ${error.message}`);
  await supervisor?.stopAll(5000);
  await services?.stop();
  process.exit(1);
}
