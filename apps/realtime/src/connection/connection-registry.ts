import type { Connection } from './connection';

/**
 * This node's open connections, indexed by app and by signed-in user (for `#server-to-user-` delivery
 * and terminate_connections). Synchronous, in memory.
 */
export class ConnectionRegistry {
  private readonly byApp = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Map<string, Set<Connection>>>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  add(connection: Connection): void {
    let set = this.byApp.get(connection.app.id);
    if (!set) this.byApp.set(connection.app.id, (set = new Set<Connection>()));
    set.add(connection);
    this.total++;
  }

  remove(connection: Connection): void {
    const set = this.byApp.get(connection.app.id);
    if (set?.delete(connection)) {
      this.total--;
      if (set.size === 0) this.byApp.delete(connection.app.id);
    }
    if (connection.user) this.forgetUser(connection, connection.user.id);
  }

  /** Indexes the connection under its signed-in user. */
  signIn(connection: Connection, userId: string): void {
    if (connection.user) this.forgetUser(connection, connection.user.id);
    let users = this.byUser.get(connection.app.id);
    if (!users) this.byUser.set(connection.app.id, (users = new Map<string, Set<Connection>>()));
    let set = users.get(userId);
    if (!set) users.set(userId, (set = new Set<Connection>()));
    set.add(connection);
  }

  forApp(appId: string): ReadonlySet<Connection> {
    return this.byApp.get(appId) ?? EMPTY;
  }

  forUser(appId: string, userId: string): ReadonlySet<Connection> {
    return this.byUser.get(appId)?.get(userId) ?? EMPTY;
  }

  /** Apps with connections on this node, with their counts. */
  countsByApp(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [appId, set] of this.byApp) counts.set(appId, set.size);
    return counts;
  }

  all(): Connection[] {
    const list: Connection[] = [];
    for (const set of this.byApp.values()) for (const connection of set) list.push(connection);
    return list;
  }

  private forgetUser(connection: Connection, userId: string): void {
    const users = this.byUser.get(connection.app.id);
    const set = users?.get(userId);
    if (!users || !set) return;
    set.delete(connection);
    if (set.size === 0) users.delete(userId);
    if (users.size === 0) this.byUser.delete(connection.app.id);
  }
}

const EMPTY: ReadonlySet<Connection> = new Set();
