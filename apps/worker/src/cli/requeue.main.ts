import 'reflect-metadata';
import { loadAppConfig } from '@app/config';
import { DeliverMessageJobData, QUEUES } from '@app/contracts';
import { dataSourceOptions } from '@app/database';
import { RedisKeys } from '@app/redis';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { queueConnectionOptions } from '../queue/queue-connection-options';
import { MessageRequeuer } from './message-requeuer';

const USAGE = `usage: npm run messages:requeue -- <messageId>... | --all-failed [--app <appId>]
Puts failed messages back in the delivery queue (REDIS_URL, REDIS_KEY_PREFIX and DATABASE_URL as for the apps).`;

interface Request {
  ids: string[];
  allFailed: boolean;
  appId?: string;
}

function parse(args: string[]): Request | string {
  const request: Request = { ids: [], allFailed: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--all-failed') request.allFailed = true;
    else if (arg === '--app') request.appId = args[++i];
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else request.ids.push(arg);
  }
  if (request.allFailed === request.ids.length > 0) return 'give message ids or --all-failed';
  if (request.appId !== undefined && !request.allFailed) return '--app goes with --all-failed';
  return request;
}

async function main(): Promise<number> {
  const request = parse(process.argv.slice(2));
  if (typeof request === 'string') {
    process.stderr.write(`${request}\n${USAGE}\n`);
    return 2;
  }
  const config = loadAppConfig();
  const dataSource = new DataSource(dataSourceOptions(config.database.url, { poolSize: 1, applicationName: 'pusher-me-requeue' }));
  const queue = new Queue<DeliverMessageJobData>(QUEUES.messages, {
    connection: queueConnectionOptions(config.redis.url, 'pusher-me-requeue'),
    prefix: new RedisKeys(config.redis.keyPrefix).queuePrefix,
  });
  await dataSource.initialize();
  try {
    const { jobAttempts, jobBackoffMs } = config.api.messages;
    const requeuer = new MessageRequeuer(queue, dataSource, { attempts: jobAttempts, backoffMs: jobBackoffMs });
    if (request.allFailed) {
      const count = await requeuer.requeueAllFailed(request.appId);
      process.stdout.write(`${JSON.stringify({ requeued: count })}\n`);
      return 0;
    }
    let ok = true;
    for (const id of request.ids) {
      const result = await requeuer.requeue(id);
      ok &&= result === 'requeued';
      process.stdout.write(`${JSON.stringify({ id, result })}\n`);
    }
    return ok ? 0 : 1;
  } finally {
    await queue.close();
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`requeue failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
