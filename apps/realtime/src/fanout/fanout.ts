import type { WatchlistEvent } from '@app/pusher-protocol';

/**
 * Moves ready-made frames to sockets. `broadcast` reaches the channel's subscribers on every node
 * exactly once (a `#server-to-user-{id}` channel reaches every socket signed in as that user), with
 * the frame encoded once by the caller and written as the same bytes to every recipient.
 */
export abstract class Fanout {
  /** Resolves once delivered locally and handed to the other nodes (rejects if that hand-off fails). */
  abstract broadcast(appId: string, channel: string, frame: string, excludeSocketId?: string): Promise<void>;

  /** Closes every socket signed in as the user, on every node, with 4009. */
  abstract terminateUser(appId: string, userId: string): Promise<void>;

  /** Tells the watchers of `userIds` on every node that those users went `name` (online or offline). */
  abstract watchlistEvent(appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): Promise<void>;
}
