/** Outcome of joining a presence channel, with the members right after the join (the joiner included). */
export interface PresenceJoin {
  /** `added`: first socket of this user in the channel; `existing`: the user was already a member; `full`: refused. */
  status: 'added' | 'existing' | 'full';
  /** user id → user_info JSON (`null` text when none). Empty when `full`. */
  members: Map<string, string>;
}

/** A member that left because its last socket went away. */
export interface PresenceDeparture {
  channel: string;
  userId: string;
}

/**
 * Presence members shared by the cluster. A member is a user id with a count of sockets (on any node);
 * it appears with its first socket and disappears with its last, so member events fire once per user.
 */
export abstract class PresenceStore {
  /** Adds a socket as `userId`. Refuses (`full`) a new user when the channel already has `maxMembers`. */
  abstract join(
    appId: string,
    channel: string,
    socketId: string,
    userId: string,
    userInfo: string,
    maxMembers: number,
  ): Promise<PresenceJoin>;

  /** Removes a socket; returns the user id when it was that user's last socket, else null. */
  abstract leave(appId: string, channel: string, socketId: string): Promise<string | null>;

  abstract userIds(appId: string, channel: string): Promise<string[]>;

  abstract userCount(appId: string, channel: string): Promise<number>;

  /** Removes every socket a (dead) node held in the app's presence channels; returns the members that left. */
  abstract reapNode(appId: string, nodeId: number): Promise<PresenceDeparture[]>;
}
