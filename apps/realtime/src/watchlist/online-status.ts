import type { NodeIdentity } from '../cluster/node-identity';
import type { Connection, ConnectionUser } from '../connection/connection';
import type { Fanout } from '../fanout/fanout';
import type { OnlineUsers } from './online-users';
import { watchlistFrame, type WatcherIndex } from './watcher-index';

/**
 * Watchlist events (`user_data.watchlist`): tracks who is signed in cluster-wide and announces each
 * user's online/offline transition once to every socket watching it, on every node; a socket that signs
 * in first gets the online subset of its watchlist. Redis work runs in the socket's serialized queue
 * (sign-in before sign-out), never in broadcast delivery.
 */
export class OnlineStatus {
  constructor(
    private readonly users: OnlineUsers,
    private readonly watchers: WatcherIndex,
    private readonly fanout: Fanout,
    private readonly node: NodeIdentity,
    private readonly logError: (error: unknown) => void,
  ) {}

  /** After `pusher:signin_success`; `previous` is the user the socket was signed in as before, if any. */
  signedIn(connection: Connection, user: ConnectionUser, previous: ConnectionUser | undefined): void {
    if (previous) this.watchers.remove(connection, previous.watchlist);
    this.watchers.add(connection, user.watchlist);
    const appId = connection.app.id;
    connection
      .serialize(async () => {
        // Signing in again as the same user changes no one's status.
        if (previous?.id !== user.id) {
          if (previous) await this.leave(appId, previous.id);
          if (await this.users.signedIn(appId, this.node.id, user.id)) await this.fanout.watchlistEvent(appId, 'online', [user.id]);
        }
        if (user.watchlist.length === 0 || connection.closed) return;
        const online = await this.users.online(appId, user.watchlist);
        if (online.length > 0) connection.send(watchlistFrame([{ name: 'online', user_ids: online }]));
      })
      .catch(this.logError);
  }

  /** When a signed-in socket goes away; resolves once Redis is updated (and the transition sent). */
  signedOut(connection: Connection): Promise<void> {
    const user = connection.user;
    if (!user) return Promise.resolve();
    this.watchers.remove(connection, user.watchlist);
    const appId = connection.app.id;
    return connection.serialize(() => this.leave(appId, user.id)).catch(this.logError);
  }

  /** Drops the socket from local watch lists only (its node's Redis share was reaped elsewhere). */
  forget(connection: Connection): void {
    if (connection.user) this.watchers.remove(connection, connection.user.watchlist);
  }

  /** Takes back what a (dead) node held in the app and announces the users that went offline. */
  async reapNode(appId: string, nodeId: number): Promise<void> {
    const offline = await this.users.reapNode(appId, nodeId);
    if (offline.length > 0) await this.fanout.watchlistEvent(appId, 'offline', offline);
  }

  private async leave(appId: string, userId: string): Promise<void> {
    if (await this.users.signedOut(appId, this.node.id, userId)) await this.fanout.watchlistEvent(appId, 'offline', [userId]);
  }
}
