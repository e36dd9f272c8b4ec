import { spawn } from 'node:child_process';
import { pipeLines, say } from './log.mjs';
import { sleep, waitForExit } from './process.mjs';

/**
 * Runs the platform's apps as one group: prefixed log lines, readiness waits, restart with back-off
 * when an app dies after it was ready, and an ordered stop. Each app runs in its own process group
 * so a terminal's Ctrl-C reaches only the supervisor, which then stops them all in order.
 */
export class Supervisor {
  /** @type {Map<string, { name: string, entry: string, env: NodeJS.ProcessEnv, port: number, child?: import('node:child_process').ChildProcess, ready: boolean, restarts: number, tail: string[] }>} */
  apps = new Map();
  stopping = false;

  /** Starts an app (`node <entry>`) with the given environment; its health is served on `port`. */
  start(name, entry, env, port) {
    const app = { name, entry, env, port, ready: false, restarts: 0, tail: [] };
    this.apps.set(name, app);
    this.#spawn(app);
  }

  #spawn(app) {
    const child = spawn(process.execPath, ['--enable-source-maps', app.entry], {
      env: app.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.child = child;
    const remember = (chunk) => {
      app.tail.push(...String(chunk).split('\n').filter(Boolean));
      if (app.tail.length > 40) app.tail.splice(0, app.tail.length - 40);
    };
    child.stdout.on('data', remember);
    child.stderr.on('data', remember);
    pipeLines(child.stdout, app.name);
    pipeLines(child.stderr, app.name, process.stderr);
    child.on('exit', (code, signal) => this.#exited(app, code, signal));
  }

  #exited(app, code, signal) {
    if (this.stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!app.ready) {
      app.failed = `${app.name} stopped before it was ready (${how})`;
      return;
    }
    app.restarts += 1;
    const delay = Math.min(1000 * 2 ** (app.restarts - 1), 30_000);
    say('platform', `${app.name} stopped (${how}); restarting in ${delay / 1000} s`);
    setTimeout(() => {
      if (!this.stopping) this.#spawn(app);
    }, delay).unref();
  }

  /** Waits until every app answers `/health/ready`; throws with the failing app's last lines. */
  async waitReady(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(this.apps.values());
    while (pending.size > 0) {
      for (const app of pending) {
        if (app.failed) throw new Error(`${app.failed}; its last lines:\n${app.tail.join('\n')}`);
        if (await isReady(app.port)) {
          app.ready = true;
          pending.delete(app);
        }
      }
      if (pending.size === 0) break;
      if (Date.now() > deadline) {
        const names = [...pending].map((app) => app.name).join(', ');
        const last = [...pending].map((app) => `${app.name}:\n${app.tail.slice(-10).join('\n')}`).join('\n');
        throw new Error(`not ready within ${timeoutMs / 1000} s: ${names}\n${last}`);
      }
      await sleep(250);
    }
  }

  /** Stops every app with SIGTERM (graceful drain), then SIGKILL for any still running after `graceMs`. */
  async stopAll(graceMs = 20_000) {
    this.stopping = true;
    await Promise.all(
      [...this.apps.values()].map(async (app) => {
        const child = app.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        if (!(await waitForExit(child.pid, graceMs))) {
          say('platform', `${app.name} did not stop within ${graceMs / 1000} s; killing it`);
          child.kill('SIGKILL');
          await waitForExit(child.pid, 5000);
        }
      }),
    );
  }

  /** Kills everything at once (a second Ctrl-C). */
  killAll() {
    this.stopping = true;
    for (const app of this.apps.values()) app.child?.kill('SIGKILL');
  }
}

async function isReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
