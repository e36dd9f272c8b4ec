import { membershipLuaKeyFunctions } from '@app/redis';

/*
 * Lua scripts of the Redis membership registry. Each runs atomically, so the indexes (a channel's
 * users, each user's sockets, the expiry index, the per-socket and per-user indexes, the counters)
 * never disagree. Every script takes KEYS[1] = the app's active-channels key (it routes the call to
 * the app's Cluster slot) and ARGV[1] = the app's membership stem, from which it builds the rest.
 *
 * Entry value in a user's socket hash: `platform|joinedAtMs|lastSeenMs`.
 */

const prelude = `
${membershipLuaKeyFunctions()}

local function parseEntry(value)
  return string.match(value, '^([^|]*)|(%d+)|(%d+)$')
end

local function hasPlatform(sockets, exceptSocket, platform)
  local all = redis.call('HGETALL', sockets)
  for i = 1, #all, 2 do
    if all[i] ~= exceptSocket and parseEntry(all[i + 1]) == platform then return true end
  end
  return false
end

-- Keeps the sweeper's index (channel -> oldest refresh) right; drops the counters of an empty channel.
local function touchChannel(stem, channel)
  local oldest = redis.call('ZRANGE', channelSeen(stem, channel), 0, 0, 'WITHSCORES')
  if #oldest == 0 then
    redis.call('ZREM', activeChannels(stem), channel)
    redis.call('DEL', channelCounts(stem, channel))
  else
    redis.call('ZADD', activeChannels(stem), oldest[2], channel)
  end
end

local function addEntry(stem, channel, socketId, userId, platform, joinedAt, now)
  local sockets = channelUserSockets(stem, channel, userId)
  local counts = channelCounts(stem, channel)
  if not hasPlatform(sockets, socketId, platform) then redis.call('HINCRBY', counts, platform, 1) end
  if redis.call('EXISTS', sockets) == 0 then
    redis.call('ZADD', channelUsers(stem, channel), 0, userId)
    redis.call('HINCRBY', counts, 'users', 1)
  end
  redis.call('HSET', sockets, socketId, platform .. '|' .. joinedAt .. '|' .. now)
  redis.call('HINCRBY', counts, 'sockets', 1)
  redis.call('ZADD', channelSeen(stem, channel), now, socketId)
  redis.call('HSET', socketChannels(stem, socketId), channel, userId)
  redis.call('HINCRBY', userChannels(stem, userId), channel, 1)
end

-- Removes one socket's entry in a channel (call touchChannel afterwards); returns 1 if it existed.
local function removeEntry(stem, channel, socketId, userId)
  local sockets = channelUserSockets(stem, channel, userId)
  local value = redis.call('HGET', sockets, socketId)
  if not value then return 0 end
  local platform = parseEntry(value)
  redis.call('HDEL', sockets, socketId)
  local counts = channelCounts(stem, channel)
  if not hasPlatform(sockets, '', platform) then redis.call('HINCRBY', counts, platform, -1) end
  if redis.call('EXISTS', sockets) == 0 then
    redis.call('ZREM', channelUsers(stem, channel), userId)
    redis.call('HINCRBY', counts, 'users', -1)
  end
  redis.call('HINCRBY', counts, 'sockets', -1)
  redis.call('ZREM', channelSeen(stem, channel), socketId)
  redis.call('HDEL', socketChannels(stem, socketId), channel)
  local byUser = userChannels(stem, userId)
  if redis.call('HINCRBY', byUser, channel, -1) <= 0 then redis.call('HDEL', byUser, channel) end
  return 1
end

-- Removes a user's entries in a channel last refreshed before the time (call touchChannel afterwards); returns how many.
local function removeUserEntriesBefore(stem, channel, userId, before)
  local all = redis.call('HGETALL', channelUserSockets(stem, channel, userId))
  local removed = 0
  for i = 1, #all, 2 do
    local _, _, lastSeen = parseEntry(all[i + 1])
    if tonumber(lastSeen) < before then removed = removed + removeEntry(stem, channel, all[i], userId) end
  end
  return removed
end

-- Removes up to limit entries of a channel last refreshed before cutoff; returns how many it found.
local function expireChannel(stem, channel, cutoff, limit)
  local expired = redis.call('ZRANGEBYSCORE', channelSeen(stem, channel), '-inf', '(' .. cutoff, 'LIMIT', 0, limit)
  for _, socketId in ipairs(expired) do
    local userId = redis.call('HGET', socketChannels(stem, socketId), channel)
    if userId then removeEntry(stem, channel, socketId, userId) end
    redis.call('ZREM', channelSeen(stem, channel), socketId)
  end
  touchChannel(stem, channel)
  return #expired
end
`;

/**
 * ARGV: stem, channel, socketId, userId, platform, nowMs. Registers the socket or refreshes its entry
 * (keeping joinedAt); a socket re-registered for another user or platform moves. Returns 1 when new.
 */
export const subscribeScript = `${prelude}
local stem, channel, socketId, userId, platform, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local owner = redis.call('HGET', socketChannels(stem, socketId), channel)
local joinedAt = now
local created = 1
if owner then
  local sockets = channelUserSockets(stem, channel, owner)
  local value = redis.call('HGET', sockets, socketId)
  if owner == userId and value then
    local oldPlatform, oldJoinedAt = parseEntry(value)
    created = 0
    joinedAt = oldJoinedAt
    if oldPlatform == platform then
      -- A refresh only raises this entry's time; the sweeper index may lag behind, which merely makes
      -- the sweeper look at the channel early (and correct it then).
      redis.call('HSET', sockets, socketId, platform .. '|' .. joinedAt .. '|' .. now)
      redis.call('ZADD', channelSeen(stem, channel), now, socketId)
      return 0
    end
  end
  removeEntry(stem, channel, socketId, owner)
end
addEntry(stem, channel, socketId, userId, platform, joinedAt, now)
redis.call('ZADD', activeChannels(stem), 'LT', now, channel)
return created
`;

/**
 * ARGV: stem, socketId, userId ('' = any user), channel ('' = every channel of the socket).
 * Returns the number of entries removed.
 */
export const unsubscribeScript = `${prelude}
local stem, socketId, userId, only = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local byChannel = redis.call('HGETALL', socketChannels(stem, socketId))
local removed = 0
for i = 1, #byChannel, 2 do
  local channel, owner = byChannel[i], byChannel[i + 1]
  if (only == '' or only == channel) and (userId == '' or userId == owner) then
    removed = removed + removeEntry(stem, channel, socketId, owner)
    touchChannel(stem, channel)
  end
end
return removed
`;

/** ARGV: stem, channel, userId, beforeMs. Removes the user's entries last refreshed before the time; returns how many. */
export const removeUserScript = `${prelude}
local stem, channel, userId, before = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local removed = removeUserEntriesBefore(stem, channel, userId, before)
touchChannel(stem, channel)
return removed
`;

/** ARGV: stem, channel, cutoffMs, limit. Removes up to limit entries refreshed before cutoff; returns how many. */
export const expireChannelScript = `${prelude}
return expireChannel(ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]))
`;

/**
 * ARGV: stem, channel, cursor ('' = first page), limit. Returns
 * { {userId, {socketId, entry, ...}, ...}, counters hash as a flat list, 1 when more users follow }.
 * O(log N + page): ZRANGEBYLEX after the cursor, then each listed user's socket hash.
 */
export const membersPageScript = `${prelude}
local stem, channel, cursor, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local min = '-'
if cursor ~= '' then min = '(' .. cursor end
local users = redis.call('ZRANGEBYLEX', channelUsers(stem, channel), min, '+', 'LIMIT', 0, limit + 1)
local page = {}
for i = 1, math.min(#users, limit) do
  page[#page + 1] = users[i]
  page[#page + 1] = redis.call('HGETALL', channelUserSockets(stem, channel, users[i]))
end
local more = 0
if #users > limit then more = 1 end
return { page, redis.call('HGETALL', channelCounts(stem, channel)), more }
`;

/**
 * ARGV: stem, userId, cutoffMs. Drops the user's entries refreshed before cutoff, then returns the
 * user's channel → socket count hash as a flat list. O(the user's sockets).
 */
export const userChannelsScript = `${prelude}
local stem, userId, cutoff = ARGV[1], ARGV[2], tonumber(ARGV[3])
local byUser = userChannels(stem, userId)
for _, channel in ipairs(redis.call('HKEYS', byUser)) do
  if removeUserEntriesBefore(stem, channel, userId, cutoff) > 0 then touchChannel(stem, channel) end
end
return redis.call('HGETALL', byUser)
`;
