import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@app/config';
import { ChannelMember, ChannelMembersPage, MemberSocket, Platform, PLATFORMS, UserChannels } from '@app/contracts';
import { membershipAppsKey, membershipKeys, membershipStem, RedisClient, RedisKeys } from '@app/redis';
import type Redis from 'ioredis';
import { MembershipEntry, MembershipRepository, UnsubscribeFilter } from './membership.repository';
import {
  expireChannelScript,
  membersPageScript,
  removeUserScript,
  subscribeScript,
  unsubscribeScript,
  userChannelsScript,
} from './membership.lua';

/** Entries one script call removes at most, so a mass expiry never blocks Redis for long. */
const EXPIRE_BATCH = 1000;
/** Upper bound on batches per channel in one call (1000 × 1000 entries). */
const MAX_BATCHES = 1000;
/** Channels the sweeper takes per app and round. */
const SWEEP_CHANNELS_PER_ROUND = 100;
/** How often a process re-adds an app it writes for to the sweeper's app set. */
const ANNOUNCE_EVERY_MS = 60_000;

type Reply = string | number | null | Reply[];

interface MembershipCommands {
  pmMembershipSubscribe(key: string, ...args: string[]): Promise<number>;
  pmMembershipUnsubscribe(key: string, ...args: string[]): Promise<number>;
  pmMembershipRemoveUser(key: string, ...args: string[]): Promise<number>;
  pmMembershipExpireChannel(key: string, ...args: string[]): Promise<number>;
  pmMembershipMembersPage(key: string, ...args: string[]): Promise<Reply[]>;
  pmMembershipUserChannels(key: string, ...args: string[]): Promise<string[]>;
}

type ScriptedRedis = Redis & MembershipCommands;

const scripts: Record<keyof MembershipCommands, string> = {
  pmMembershipSubscribe: subscribeScript,
  pmMembershipUnsubscribe: unsubscribeScript,
  pmMembershipRemoveUser: removeUserScript,
  pmMembershipExpireChannel: expireChannelScript,
  pmMembershipMembersPage: membersPageScript,
  pmMembershipUserChannels: userChannelsScript,
};

/** Registers the registry's scripts on a connection (idempotent); ioredis sends EVALSHA and falls back to EVAL. */
export function withMembershipScripts(connection: Redis): ScriptedRedis {
  for (const [name, lua] of Object.entries(scripts)) {
    if (!(name in connection)) connection.defineCommand(name, { numberOfKeys: 1, lua });
  }
  return connection as ScriptedRedis;
}

function pairs(flat: Reply[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([String(flat[i]), String(flat[i + 1])]);
  return out;
}

function toSocket(socketId: string, value: string): MemberSocket {
  const [platform, joinedAt, lastSeenAt] = value.split('|');
  return { socketId, platform: platform as Platform, joinedAt: Number(joinedAt), lastSeenAt: Number(lastSeenAt) };
}

/**
 * MembershipRepository over Redis (layout in libs/redis membership.keys): per channel a lexicographic
 * sorted set of user ids, a socket hash per user, an expiry sorted set and counters; per socket and per
 * user an index of channels; per app a sorted set of channels by oldest refresh for the sweeper. All
 * writes are Lua scripts. Several api processes may sweep at once: every removal is idempotent.
 */
@Injectable()
export class RedisMembershipRepository extends MembershipRepository {
  private readonly redis: ScriptedRedis;
  private readonly ttlMs: number;
  /** App id → when this process last added it to the sweeper's app set. */
  private readonly announcedApps = new Map<string, number>();

  constructor(
    @Inject(RedisClient) client: RedisClient,
    @Inject(RedisKeys) private readonly keys: RedisKeys,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    super();
    this.redis = withMembershipScripts(client.connection);
    this.ttlMs = config.getOrThrow('api', { infer: true }).membership.ttlSeconds * 1000;
  }

  async subscribe(appId: string, entry: MembershipEntry, now = Date.now()): Promise<boolean> {
    const { stem, route } = this.app(appId);
    // Re-announced now and then, so the sweeper finds the app again should Redis have lost the set.
    if ((this.announcedApps.get(appId) ?? 0) < now - ANNOUNCE_EVERY_MS) {
      await this.redis.sadd(membershipAppsKey(this.keys), appId);
      this.announcedApps.set(appId, now);
    }
    const created = await this.redis.pmMembershipSubscribe(
      route,
      stem,
      entry.channel,
      entry.socketId,
      entry.userId,
      entry.platform,
      String(now),
    );
    return created === 1;
  }

  async unsubscribe(appId: string, socketId: string, filter: UnsubscribeFilter = {}): Promise<number> {
    const { stem, route } = this.app(appId);
    return this.redis.pmMembershipUnsubscribe(route, stem, socketId, filter.userId ?? '', filter.channel ?? '');
  }

  async removeUser(appId: string, channel: string, userId: string, before: number): Promise<number> {
    const { stem, route } = this.app(appId);
    return this.redis.pmMembershipRemoveUser(route, stem, channel, userId, String(before));
  }

  clearChannel(appId: string, channel: string, before: number): Promise<number> {
    return this.expireChannel(appId, channel, before);
  }

  async listMembers(
    appId: string,
    channel: string,
    page: { cursor?: string; limit: number },
    now = Date.now(),
  ): Promise<ChannelMembersPage> {
    await this.expireChannel(appId, channel, now - this.ttlMs);
    const { stem, route } = this.app(appId);
    const [rows, counters, more] = await this.redis.pmMembershipMembersPage(route, stem, channel, page.cursor ?? '', String(page.limit));
    const members: ChannelMember[] = [];
    const list = rows as Reply[];
    for (let i = 0; i + 1 < list.length; i += 2) {
      const sockets = pairs(list[i + 1] as Reply[]).map(([socketId, value]) => toSocket(socketId, value));
      const platforms = PLATFORMS.filter((platform) => sockets.some((socket) => socket.platform === platform));
      members.push({ userId: String(list[i]), platforms, sockets });
    }
    const counts = Object.fromEntries(pairs(counters as Reply[]).map(([field, value]) => [field, Number(value)]));
    return {
      channel,
      total: counts.users ?? 0,
      sockets: counts.sockets ?? 0,
      platforms: { Web: counts.Web ?? 0, iOS: counts.iOS ?? 0, Android: counts.Android ?? 0 },
      members,
      nextCursor: more === 1 && members.length > 0 ? members[members.length - 1].userId : null,
    };
  }

  async userChannels(appId: string, userId: string, now = Date.now()): Promise<UserChannels> {
    const { stem, route } = this.app(appId);
    const flat = await this.redis.pmMembershipUserChannels(route, stem, userId, String(now - this.ttlMs));
    const channels = pairs(flat)
      .map(([channel, sockets]) => ({ channel, sockets: Number(sockets) }))
      .sort((a, b) => a.channel.localeCompare(b.channel));
    return { userId, channels };
  }

  async sweep(now = Date.now()): Promise<number> {
    const cutoff = now - this.ttlMs;
    let removed = 0;
    for (const appId of await this.redis.smembers(membershipAppsKey(this.keys))) {
      const { route } = this.app(appId);
      for (let round = 0; round < MAX_BATCHES; round++) {
        const due = await this.redis.zrangebyscore(route, '-inf', `(${cutoff}`, 'LIMIT', 0, SWEEP_CHANNELS_PER_ROUND);
        // Each channel leaves the due range once swept (its index score becomes its oldest live entry).
        for (const channel of due) removed += await this.expireChannel(appId, channel, cutoff);
        if (due.length < SWEEP_CHANNELS_PER_ROUND) break;
      }
    }
    return removed;
  }

  /** Removes a channel's entries refreshed before `cutoff`, in bounded batches. */
  private async expireChannel(appId: string, channel: string, cutoff: number): Promise<number> {
    const { stem, route } = this.app(appId);
    let removed = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await this.redis.pmMembershipExpireChannel(route, stem, channel, String(cutoff), String(EXPIRE_BATCH));
      removed += count;
      if (count < EXPIRE_BATCH) break;
    }
    return removed;
  }

  private app(appId: string): { stem: string; route: string } {
    return { stem: membershipStem(this.keys, appId), route: membershipKeys(this.keys, appId).activeChannels() };
  }
}
