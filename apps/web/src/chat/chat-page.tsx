import { PusherProvider } from '@pusher-me/react';
import { useCallback } from 'react';
import { toConnectionConfig, type RuntimeConfig } from '../shared/runtime-config';
import { useStoredState } from '../shared/use-stored-state';
import type { ChatIdentity } from './chat-api';
import { ChatRoom } from './chat-room';
import { JoinForm } from './join-form';

/** The chat demo: join with a name, then one realtime connection for the room. */
export function ChatPage({ config }: { config: RuntimeConfig }) {
  const [identity, setIdentity] = useStoredState<ChatIdentity | null>('pusher-me.chat', null);
  const getToken = useCallback(() => identity?.token, [identity]);

  if (!identity) return <JoinForm apiUrl={config.apiUrl} demo={config.demo} onJoined={setIdentity} />;
  return (
    <PusherProvider {...toConnectionConfig(config)} getToken={getToken}>
      <ChatRoom identity={identity} onLeave={() => setIdentity(null)} />
    </PusherProvider>
  );
}
