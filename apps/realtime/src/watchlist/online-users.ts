/**
 * Signed-in users shared by the cluster, for watchlist events. A user is online while at least one
 * socket (on any node) is signed in as it; each call reports whether it made the user change state,
 * so a transition is announced once however many sockets and nodes the user has.
 */
export abstract class OnlineUsers {
  /** Counts a socket signed in as `userId` on `nodeId`; true when it is the user's first (came online). */
  abstract signedIn(appId: string, nodeId: number, userId: string): Promise<boolean>;

  /** Uncounts a socket of `userId` on `nodeId`; true when it was the user's last (went offline). */
  abstract signedOut(appId: string, nodeId: number, userId: string): Promise<boolean>;

  /** Those of `userIds` that are online, in the given order. */
  abstract online(appId: string, userIds: readonly string[]): Promise<string[]>;

  /** Removes every signed-in socket a (dead) node held in the app; returns the users that went offline. */
  abstract reapNode(appId: string, nodeId: number): Promise<string[]>;
}
