import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { say } from './log.mjs';
import { freePort, redisCommand } from './net.mjs';
import { isAlive, sleep, waitForExit } from './process.mjs';
import { aptInstall, findExecutable } from './system-packages.mjs';

/** Makes sure redis-server exists, installing Debian's package when possible. */
async function redisServerBinary() {
  let binary = findExecutable('redis-server', ['/usr/sbin', '/usr/local/sbin']);
  if (!binary) {
    await aptInstall(['redis-server'], 'Redis (redis-server)');
    binary = findExecutable('redis-server', ['/usr/sbin', '/usr/local/sbin']);
  }
  if (!binary) throw new Error('redis-server is still not on PATH after installing it');
  return binary;
}

/** Stops a redis-server left running from an earlier run that did not shut down. */
async function stopLeftover(dir) {
  const pidFile = join(dir, 'redis.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (pid > 0 && isAlive(pid)) {
    say('redis', `stopping a redis-server left over from an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 10_000))) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

/** Checks that a Redis given by URL answers PING; throws a message a person can act on. */
export async function checkRedis(url) {
  try {
    const reply = await redisCommand(url, 'PING', 3000);
    if (reply !== '+PONG') throw new Error(`it answered ${reply}`);
  } catch (error) {
    const shown = url.replace(/\/\/([^@]*)@/, '//***@');
    throw new Error(
      `cannot reach Redis at REDIS_URL=${shown}: ${error.message}. Start that Redis, fix REDIS_URL, or unset it to let the platform run its own.`,
    );
  }
}

/**
 * Starts a private redis-server on a free loopback port with its data under `dir`.
 * `durable` turns on the append-only file (fsync every second) so data survives restarts.
 * The server runs in its own process group so a terminal's Ctrl-C reaches only the supervisor,
 * which stops the apps first and Redis last.
 * @returns {Promise<{ url: string, pid: number, stop(): Promise<void> }>}
 */
export async function startRedis({ dir, durable = true }) {
  const binary = await redisServerBinary();
  mkdirSync(dir, { recursive: true });
  await stopLeftover(dir);
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    '--dir',
    dir,
    '--pidfile',
    join(dir, 'redis.pid'),
    '--daemonize',
    'no',
    '--logfile',
    '',
    ...(durable ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no', '--save', '']),
  ];
  const log = openSync(join(dir, 'redis.log'), 'a');
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', log, log] });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}); see ${join(dir, 'redis.log')}`);
    try {
      if ((await redisCommand(url, 'PING', 1000)) === '+PONG') break;
    } catch {
      // still starting
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer within 30 s; see ${join(dir, 'redis.log')}`);
    await sleep(100);
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM'); // redis saves and fsyncs its append-only file on SIGTERM
      if (!(await waitForExit(child.pid, 15_000))) child.kill('SIGKILL');
    },
  };
}
