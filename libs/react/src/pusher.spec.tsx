import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type Pusher from 'pusher';
import { useState } from 'react';
import type { RunningApp } from '../../../test/support';
import { ReactTestPlatform } from '../test/platform';
import { Pusher as PusherComponent } from './pusher.js';
import { usePusherContext, type PusherContextValue } from './pusher-context.js';
import { PusherProvider } from './pusher-provider.js';
import { useConnectionState } from './use-connection-state.js';

jest.setTimeout(60_000);

describe('<Pusher> against a real realtime server', () => {
  let platform: ReactTestPlatform;
  let realtime: RunningApp;
  let sdk: Pusher;
  let context: PusherContextValue | null = null;

  function Probe() {
    context = usePusherContext();
    return <span data-testid="state">{useConnectionState()}</span>;
  }

  function Connected({ children }: { children?: React.ReactNode }) {
    return (
      <PusherProvider appKey="app-key" host="127.0.0.1" port={realtime.port} tls={false} apiUrl="http://127.0.0.1:9">
        <Probe />
        {children}
      </PusherProvider>
    );
  }

  const subscribed = (channel: string) =>
    waitFor(() => expect(context?.pusher.channel(channel)?.subscribed).toBe(true), { timeout: 10_000 });

  beforeAll(async () => {
    platform = await ReactTestPlatform.create();
    realtime = await platform.start('realtime');
    sdk = ReactTestPlatform.sdk(realtime);
  });

  afterEach(() => {
    cleanup();
    context = null;
  });

  afterAll(async () => {
    await platform?.teardown();
  });

  it('connects, and reports the connection state', async () => {
    render(<Connected />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('connected'), { timeout: 10_000 });
  });

  it('shares one subscription between components and calls each handler once per event', async () => {
    const first = jest.fn<void, [unknown]>();
    const second = jest.fn<void, [unknown]>();
    render(
      <Connected>
        <PusherComponent channel="news" event="update" handler={first} />
        <PusherComponent channel="news" event="update" handler={second} />
      </Connected>,
    );
    await subscribed('news');
    expect(context?.subscriptions.holders('news')).toBe(2);

    await sdk.trigger('news', 'update', { n: 1 });
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0]?.[0]).toEqual({ n: 1 });
  });

  it('always calls the latest handler without re-subscribing', async () => {
    const calls: string[] = [];
    let swap: () => void = () => undefined;
    function Swapping() {
      const [name, setName] = useState('old');
      swap = () => setName('new');
      return <PusherComponent channel="swaps" event="ping" handler={() => calls.push(name)} />;
    }
    render(
      <Connected>
        <Swapping />
      </Connected>,
    );
    await subscribed('swaps');
    const channel = context?.pusher.channel('swaps');
    act(() => swap());

    await sdk.trigger('swaps', 'ping', {});
    await waitFor(() => expect(calls).toEqual(['new']));
    expect(context?.pusher.channel('swaps')).toBe(channel);
  });

  it('keeps the subscription while any holder remains and unsubscribes after the last one', async () => {
    let setCount: (n: number) => void = () => undefined;
    const handler = jest.fn();
    function Holders() {
      const [count, set] = useState(2);
      setCount = set;
      return (
        <>
          {Array.from({ length: count }, (_, index) => (
            <PusherComponent key={index} channel="counted" event="tick" handler={handler} />
          ))}
        </>
      );
    }
    render(
      <Connected>
        <Holders />
      </Connected>,
    );
    await subscribed('counted');

    act(() => setCount(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(context?.subscriptions.holders('counted')).toBe(1);
    expect(context?.pusher.channel('counted')?.subscribed).toBe(true);
    await sdk.trigger('counted', 'tick', {});
    await waitFor(() => expect(handler).toHaveBeenCalledTimes(1));

    act(() => setCount(0));
    await waitFor(() => expect(context?.pusher.channel('counted')).toBeUndefined());
    await waitFor(async () => {
      const response = await sdk.get({ path: '/channels' });
      const body = (await response.json()) as { channels: Record<string, unknown> };
      expect(Object.keys(body.channels)).not.toContain('counted');
    });
  });

  it('switches channels when the prop changes', async () => {
    const handler = jest.fn<void, [unknown]>();
    let setChannel: (name: string) => void = () => undefined;
    function Switching() {
      const [channel, set] = useState('first-room');
      setChannel = set;
      return <PusherComponent channel={channel} event="hello" handler={handler} />;
    }
    render(
      <Connected>
        <Switching />
      </Connected>,
    );
    await subscribed('first-room');
    act(() => setChannel('second-room'));
    await subscribed('second-room');
    await waitFor(() => expect(context?.pusher.channel('first-room')).toBeUndefined());

    await sdk.trigger('first-room', 'hello', { from: 'first' });
    await sdk.trigger('second-room', 'hello', { from: 'second' });
    await waitFor(() => expect(handler).toHaveBeenCalledTimes(1));
    expect(handler.mock.calls[0]?.[0]).toEqual({ from: 'second' });
  });
});
