import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freePort } from './free-port';

export type AppName = 'realtime' | 'api' | 'worker';

export interface RunningApp {
  name: AppName;
  port: number;
  /** `http://127.0.0.1:{port}` */
  url: string;
  pid: number;
  /** SIGTERM, then waits for a graceful exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
  /** SIGKILL: the process dies without any cleanup, as in a crash. */
  kill(): Promise<void>;
  /** Everything the app printed so far. */
  logs(): string;
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const PORT_VARIABLE: Record<AppName, string> = { realtime: 'REALTIME_PORT', api: 'API_PORT', worker: 'WORKER_PORT' };
/** The repository root: the nearest folder with package.json (this file also runs compiled, from dist/). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repositoryRoot(__dirname);

async function waitReady(child: ChildProcess, url: string, logs: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`app exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logs()}`);
    }
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app not ready within ${timeoutMs} ms:\n${logs()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Starts a built app (`dist/apps/{name}/src/main.js`, made by `npm run build`) as a child process
 * on a free port with the test's environment, and waits until `/health/ready` answers.
 * REDIS_URL and DATABASE_URL default to the test run's; pass the test's own database and prefix.
 */
export async function startApp(
  name: AppName,
  env: Record<string, string> = {},
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningApp> {
  const entry = resolve(ROOT, `dist/apps/${name}/src/main.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it)`);
  const port = env[PORT_VARIABLE[name]] ? Number(env[PORT_VARIABLE[name]]) : await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, [PORT_VARIABLE[name]]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const app: RunningApp = {
    name,
    port,
    url,
    pid: child.pid ?? -1,
    logs: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitReady(child, url, app.logs, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await app.kill();
    throw error;
  }
  return app;
}
