/**
 * Every Redis key of the platform comes from here, so the scheme is visible in one place.
 * Keys of one app share the `{prefix}app:{appId}:` stem; the braces around the app id make every key
 * of an app hash to the same Redis Cluster slot, so multi-key Lua scripts stay legal there.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** Stem of every key that belongs to one app. */
  app(appId: string): string {
    return `${this.prefix}app:{${appId}}:`;
  }

  /** Prefix for BullMQ queues (BullMQ appends `{queue}:...` itself). */
  get queuePrefix(): string {
    return `${this.prefix}bull`;
  }
}
