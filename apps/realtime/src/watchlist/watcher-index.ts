import { encodeServerEvent, type WatchlistEvent } from '@app/pusher-protocol';
import type { Connection } from '../connection/connection';

/**
 * This node's signed-in sockets by the user ids they watch (`user_data.watchlist`), and delivery of
 * `pusher_internal:watchlist_events` to them. In memory, synchronous; apart from channel delivery, so
 * broadcasts never look at it.
 */
export class WatcherIndex {
  private readonly byApp = new Map<string, Map<string, Set<Connection>>>();

  /** Indexes the socket under each id it watches. */
  add(connection: Connection, watchlist: readonly string[]): void {
    if (watchlist.length === 0) return;
    let watched = this.byApp.get(connection.app.id);
    if (!watched) this.byApp.set(connection.app.id, (watched = new Map<string, Set<Connection>>()));
    for (const userId of watchlist) {
      let set = watched.get(userId);
      if (!set) watched.set(userId, (set = new Set<Connection>()));
      set.add(connection);
    }
  }

  remove(connection: Connection, watchlist: readonly string[]): void {
    const watched = this.byApp.get(connection.app.id);
    if (!watched) return;
    for (const userId of watchlist) {
      const set = watched.get(userId);
      if (set?.delete(connection) && set.size === 0) watched.delete(userId);
    }
    if (watched.size === 0) this.byApp.delete(connection.app.id);
  }

  /** Tells each local watcher of `userIds` which of them changed to `name`, in one frame per socket. */
  notify(appId: string, name: WatchlistEvent['name'], userIds: readonly string[]): void {
    const watched = this.byApp.get(appId);
    if (!watched) return;
    if (userIds.length === 1) {
      const watchers = watched.get(userIds[0]);
      if (!watchers) return;
      const frame = watchlistFrame([{ name, user_ids: [userIds[0]] }]);
      for (const connection of watchers) connection.send(frame);
      return;
    }
    const perConnection = new Map<Connection, string[]>();
    for (const userId of userIds) {
      for (const connection of watched.get(userId) ?? []) {
        const ids = perConnection.get(connection);
        if (ids) ids.push(userId);
        else perConnection.set(connection, [userId]);
      }
    }
    for (const [connection, ids] of perConnection) connection.send(watchlistFrame([{ name, user_ids: ids }]));
  }
}

/** A `pusher_internal:watchlist_events` frame (connection-level: no channel). */
export function watchlistFrame(events: WatchlistEvent[]): string {
  return encodeServerEvent('pusher_internal:watchlist_events', { events });
}
