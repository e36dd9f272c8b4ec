import type Pusher from 'pusher-js';
import type { RunningApp } from '../support';
import { connectPusherJs, eventually } from './support/pusher-js-client';
import { RealtimeEnv } from './support/realtime-env';

jest.setTimeout(60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type WatchlistEvent = { name: string; user_ids: string[] };

/** Every watchlist event a client receives, in order, as `name:id,id`. */
function watchlistLog(client: Pusher): string[] {
  const log: string[] = [];
  const record = (event: WatchlistEvent) => log.push(`${event.name}:${[...event.user_ids].sort().join(',')}`);
  client.user.watchlist.bind('online', record);
  client.user.watchlist.bind('offline', record);
  return log;
}

describe('realtime: watchlist events (pusher-js user.watchlist)', () => {
  let env: RealtimeEnv;
  let nodeA: RunningApp;
  let nodeB: RunningApp;
  const clients: Pusher[] = [];

  /** A pusher-js client signed in as `id` (watching `watchlist`) on `node`; resolves after signin_success. */
  const signedIn = async (node: RunningApp, id: string, watchlist?: string[], log?: (client: Pusher) => void) => {
    const client = await connectPusherJs(node, { user: { id, watchlist } });
    clients.push(client);
    log?.(client);
    client.signin();
    await eventually(() => (client.user as unknown as { user_data: unknown }).user_data !== null, 5000, `sign-in of ${id}`);
    return client;
  };

  beforeAll(async () => {
    env = await RealtimeEnv.create();
    [nodeA, nodeB] = await Promise.all([env.startNode(), env.startNode()]);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(() => env.teardown());

  it('on one node: the online set at sign-in, then one online and one offline per user transition', async () => {
    await signedIn(nodeA, 'bob');
    let log: string[] = [];
    await signedIn(nodeA, 'alice', ['bob', 'carol', 'dave'], (client) => (log = watchlistLog(client)));
    await eventually(() => log.length === 1, 5000, 'initial online set');
    expect(log).toEqual(['online:bob']);

    const carol1 = await signedIn(nodeA, 'carol');
    await eventually(() => log.length === 2, 5000, 'carol online');
    const carol2 = await signedIn(nodeA, 'carol');
    carol1.disconnect();
    await pause(500);
    expect(log).toEqual(['online:bob', 'online:carol']);

    carol2.disconnect();
    await eventually(() => log.length === 3, 5000, 'carol offline');
    await pause(300);
    expect(log).toEqual(['online:bob', 'online:carol', 'offline:carol']);
  });

  it('across two nodes: transitions of a user signed in on both reach watchers on both, once each', async () => {
    let logA: string[] = [];
    let logB: string[] = [];
    await signedIn(nodeA, 'watcher-a', ['erin'], (client) => (logA = watchlistLog(client)));
    await signedIn(nodeB, 'watcher-b', ['erin'], (client) => (logB = watchlistLog(client)));

    const erinOnB = await signedIn(nodeB, 'erin');
    await eventually(() => logA.length === 1 && logB.length === 1, 5000, 'erin online on both nodes');
    const erinOnA = await signedIn(nodeA, 'erin');
    erinOnB.disconnect();
    await pause(500);
    expect(logA).toEqual(['online:erin']);
    expect(logB).toEqual(['online:erin']);

    erinOnA.disconnect();
    await eventually(() => logA.length === 2 && logB.length === 2, 5000, 'erin offline on both nodes');
    await pause(300);
    expect(logA).toEqual(['online:erin', 'offline:erin']);
    expect(logB).toEqual(['online:erin', 'offline:erin']);
  });

  it('a watcher signing in on another node sees users online there', async () => {
    await signedIn(nodeB, 'frank');
    let log: string[] = [];
    await signedIn(nodeA, 'grace', ['frank', 'nobody'], (client) => (log = watchlistLog(client)));
    await eventually(() => log.length === 1, 5000, 'initial online set');
    expect(log).toEqual(['online:frank']);
  });

  it('reports the users of a node killed with SIGKILL offline once it is reaped', async () => {
    const doomed = await env.startNode();
    let log: string[] = [];
    await signedIn(nodeA, 'survivor', ['heidi', 'ivan'], (client) => (log = watchlistLog(client)));
    await signedIn(doomed, 'heidi');
    await signedIn(doomed, 'ivan');
    await signedIn(nodeB, 'ivan');
    await eventually(() => log.length === 2, 5000, 'both online');
    await doomed.kill();
    await eventually(() => log.length === 3, 15_000, 'heidi offline after the reap');
    await pause(500);
    expect(log).toEqual(['online:heidi', 'online:ivan', 'offline:heidi']);
  });
});
