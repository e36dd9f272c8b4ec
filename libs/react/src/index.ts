export { ApiClient, ApiError, type ApiClientOptions } from './api-client.js';
export { ChannelSubscriptions, type ChannelLease } from './channel-subscriptions.js';
export { PusherContext, usePusherContext, type PusherContextValue } from './pusher-context.js';
export { toPusherOptions } from './pusher-options.js';
export { PusherProvider, type PusherProviderProps } from './pusher-provider.js';
export { Pusher, type PusherProps } from './pusher.js';
export { useChannel } from './use-channel.js';
export { useConnectionState, type ConnectionState } from './use-connection-state.js';
export { useEvent, type EventHandler, type EventMetadata } from './use-event.js';
export { useMembers, type MembersState, type UseMembersOptions } from './use-members.js';
export { useTrigger } from './use-trigger.js';
export type {
  ChannelMember,
  ChannelMembers,
  MemberSocket,
  Platform,
  PusherConnectionConfig,
  Registration,
  SubscriptionParams,
} from './types.js';
