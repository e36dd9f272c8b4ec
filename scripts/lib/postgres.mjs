import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { say } from './log.mjs';
import { freePort } from './net.mjs';
import { isAlive, run, sleep, waitForExit } from './process.mjs';
import { aptInstall, findExecutable, postgresBinDirs } from './system-packages.mjs';

/** Finds initdb and postgres, installing Debian's postgresql package when possible. */
async function postgresBinaries() {
  const locate = () => {
    for (const dir of postgresBinDirs()) {
      if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
    }
    const initdb = findExecutable('initdb');
    return initdb && existsSync(join(dirname(initdb), 'postgres')) ? dirname(initdb) : undefined;
  };
  let dir = locate();
  if (!dir) {
    await aptInstall(['postgresql'], 'PostgreSQL (initdb, postgres)');
    dir = locate();
  }
  if (!dir) throw new Error('PostgreSQL server binaries (initdb, postgres) are still missing after installing postgresql');
  return { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user (creating the
 * user if a custom install lacks it) and make sure that user can reach the data directory.
 */
function serverUser(dir) {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      };
    } catch {
      return undefined;
    }
  };
  let user = lookup();
  if (!user) {
    execFileSync('useradd', ['--system', '--user-group', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/sh', 'postgres']);
    user = lookup();
  }
  // Every ancestor needs the search (x) bit for the postgres user; temp dirs are often 0700 root.
  for (let path = dirname(dir); ; path = dirname(path)) {
    const { mode, uid } = statSync(path);
    if (uid !== user.uid && (mode & 0o001) === 0) {
      say('postgres', `allowing the postgres user to pass through ${path} (chmod o+x)`);
      chmodSync(path, (mode & 0o7777) | 0o001);
    }
    if (path === dirname(path)) break;
  }
  return user;
}

/** Stops a postgres left running from an earlier run (its pid is the first line of postmaster.pid). */
async function stopLeftover(dir) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    say('postgres', `stopping a postgres left over from an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 30_000))) process.kill(pid, 'SIGKILL');
  }
}

/** Checks that a Postgres given by URL accepts a connection; throws a message a person can act on. */
export async function checkPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const shown = url.replace(/\/\/([^@]*)@/, '//***@');
    throw new Error(
      `cannot reach PostgreSQL at DATABASE_URL=${shown}: ${error.message}. Start it, fix DATABASE_URL, or unset it to let the platform run its own.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitUntilAccepting(adminUrl, child, logFile) {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}); see ${logFile}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 60 s; see ${logFile}`);
      await sleep(150);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Creates a database unless it exists. */
export async function ensureDatabase(adminUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a private PostgreSQL cluster (initdb on first use) on a free loopback port, data under
 * `dir`, TCP only, trust authentication for loopback. `durable: false` turns off fsync for tests.
 * Runs in its own process group; `stop()` does a fast shutdown (SIGINT), which checkpoints.
 * @returns {Promise<{ adminUrl: string, url(database: string): string, pid: number, stop(): Promise<void> }>}
 */
export async function startPostgres({ dir, durable = true }) {
  const bins = await postgresBinaries();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const user = serverUser(dir);
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  const asUser = user ? { uid: user.uid, gid: user.gid, env: { ...process.env, HOME: dir, USER: 'postgres' } } : {};
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    say('postgres', `creating a new database cluster in ${dir}`);
    await run(bins.initdb, ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', ...(durable ? [] : ['--no-sync'])], {
      ...asUser,
      cwd: dir,
      quiet: true,
    });
  }
  await stopLeftover(dir);
  const port = await freePort();
  const logFile = `${dir}.log`;
  const log = openSync(logFile, 'a');
  if (user) chownSync(logFile, user.uid, user.gid);
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, 'unix_socket_directories=', 'max_connections=200'];
  if (!durable) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const child = spawn(bins.postgres, ['-D', dir, ...settings.flatMap((s) => ['-c', s])], {
    ...asUser,
    cwd: dir,
    detached: true,
    stdio: ['ignore', log, log],
  });
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(adminUrl, child, logFile);
  return {
    adminUrl,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
      if (!(await waitForExit(child.pid, 30_000))) child.kill('SIGKILL');
    },
  };
}
