import { randomUUID } from 'node:crypto';
import { addDeliverMessageJob, DeliverMessageJobData, deliverMessageJobData, QUEUES } from '@app/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Authorizer, Subscriber } from './subscriber';
import { freePort, startPlatform, type RunningApp, type TestPlatform, type TestRedis } from '../../support';

/** A message row as the worker leaves it. */
export interface MessageRow {
  id: string;
  status: 'queued' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

export interface NewMessage {
  channels: string[];
  event?: string;
  data: string;
  socketId?: string;
}

/**
 * One test file's delivery pipeline: its own database and Redis prefix, realtime nodes on ports
 * chosen up front (so a node can be restarted on the same port), worker processes, and a way to
 * queue messages as the api does (a `messages` row, then a job whose id is the message id).
 */
export class DeliveryEnv {
  readonly realtime = new Map<number, RunningApp>();
  readonly workers: RunningApp[] = [];
  private readonly subscribers: Subscriber[] = [];

  private constructor(
    /** The database, Redis prefix and apps; teardown stops it. */
    readonly platform: TestPlatform,
    private readonly sql: Client,
    private readonly connection: Redis,
    readonly queue: Queue<DeliverMessageJobData>,
  ) {}

  static async create(): Promise<DeliveryEnv> {
    const platform = await startPlatform();
    const sql = new Client({ connectionString: platform.database.url });
    await sql.connect();
    const connection = new Redis(platform.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue<DeliverMessageJobData>(QUEUES.messages, { connection, prefix: `${platform.redis.prefix}bull` });
    return new DeliveryEnv(platform, sql, connection, queue);
  }

  get redis(): TestRedis {
    return this.platform.redis;
  }

  get env(): Record<string, string> {
    return this.platform.env;
  }

  /** Starts a realtime node, on `port` when given (to restart one in place). */
  async startRealtime(port?: number): Promise<RunningApp> {
    const node = await this.platform.start('realtime', {
      REALTIME_PORT: String(port ?? (await freePort())),
      REALTIME_HEARTBEAT_INTERVAL_MS: '300',
      REALTIME_NODE_TIMEOUT_MS: '1500',
      REALTIME_SHUTDOWN_TIMEOUT_MS: '2000',
    });
    this.realtime.set(node.port, node);
    return node;
  }

  async stopRealtime(port: number): Promise<void> {
    await this.realtime.get(port)?.stop();
    this.realtime.delete(port);
  }

  /** Starts a worker process that triggers to `targetPort` (a realtime node or a proxy in front of one). */
  async startWorker(targetPort: number, extra: Record<string, string> = {}): Promise<RunningApp> {
    const worker = await this.platform.start('worker', { PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(targetPort), ...extra });
    this.workers.push(worker);
    return worker;
  }

  /** A pusher-js subscriber on a realtime node, disconnected at teardown. */
  async subscribe(port: number, channels: string[], authorize?: Authorizer): Promise<Subscriber> {
    const subscriber = await Subscriber.connect(port, channels, authorize);
    this.subscribers.push(subscriber);
    return subscriber;
  }

  /** Stores and queues a message the way the api does; resolves to its id. */
  async enqueue(message: NewMessage, job: { attempts?: number; backoffMs?: number } = {}): Promise<string> {
    const stored = {
      id: randomUUID(),
      appId: 'app-id',
      channels: message.channels,
      event: message.event ?? 'message',
      data: message.data,
      socketId: message.socketId ?? null,
    };
    await this.sql.query(`INSERT INTO messages (id, app_id, channels, event, data, socket_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      stored.id,
      stored.appId,
      stored.channels,
      stored.event,
      stored.data,
      stored.socketId,
    ]);
    const retry = { attempts: job.attempts ?? 8, backoffMs: job.backoffMs ?? 200 };
    await addDeliverMessageJob(this.queue, deliverMessageJobData(stored), retry);
    return stored.id;
  }

  async message(id: string): Promise<MessageRow> {
    return (await this.messages([id]))[0];
  }

  /** The rows of `ids`, in that order. */
  async messages(ids: string[]): Promise<MessageRow[]> {
    const result = await this.sql.query<MessageRow>(
      `SELECT id, status, attempts, last_error, delivered_at FROM messages WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(result.rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)!);
  }

  /** Waits (bounded) until every message has left `queued`, and returns the rows in the given order. */
  async settled(ids: string[], timeoutMs = 30_000): Promise<MessageRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.messages(ids);
      if (rows.every((row) => row !== undefined && row.status !== 'queued')) return rows;
      if (Date.now() > deadline) {
        throw new Error(`still queued after ${String(timeoutMs)} ms: ${JSON.stringify(rows.filter((row) => row?.status === 'queued'))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Runs SQL against the test database (e.g. to change an app's limits). */
  query(text: string, values: unknown[] = []): Promise<unknown> {
    return this.sql.query(text, values);
  }

  async teardown(): Promise<void> {
    for (const subscriber of this.subscribers) subscriber.disconnect();
    await Promise.all([...this.workers.map((worker) => worker.stop()), ...[...this.realtime.values()].map((node) => node.stop())]);
    await this.queue.close();
    this.connection.disconnect();
    await this.sql.end();
    await this.platform.stop();
  }
}
