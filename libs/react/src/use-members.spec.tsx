import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { RunningApp } from '../../../test/support';
import { ReactTestPlatform } from '../test/platform';
import { PusherProvider } from './pusher-provider.js';
import { useMembers } from './use-members.js';
import type { ChannelMembers } from './types.js';

jest.setTimeout(60_000);

interface Identity {
  name: string;
  userId: string;
  token: string;
}

const TTL_SECONDS = 5;

/**
 * The registry side of the bindings against a real realtime server and api: presence channels
 * authorized through `/pusher/auth`, sockets registered with `/pusher/subscribe` and refreshed,
 * removed on unmount and on page hide, and `useMembers` following members as they come and go.
 */
describe('useMembers and the membership registry', () => {
  let platform: ReactTestPlatform;
  let realtime: RunningApp;
  let api: RunningApp;

  async function signIn(name: string): Promise<Identity> {
    const response = await fetch(`${api.url}/demo/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const body = (await response.json()) as { token: string; userId: string };
    return { name, userId: body.userId, token: body.token };
  }

  async function registry(channel: string, as: Identity): Promise<ChannelMembers> {
    const response = await fetch(`${api.url}/channels/${channel}/members`, { headers: { Authorization: `Bearer ${as.token}` } });
    return (await response.json()) as ChannelMembers;
  }

  function Members({ channel, identity }: { channel: string; identity: Identity }) {
    const members = useMembers(channel, { userId: identity.userId, token: identity.token, pollMs: 0 });
    const summary = members.loading
      ? 'loading'
      : `${members.total} ${members.platforms.Web ?? 0} ${members.members.map((m) => m.userId).join(',')}`;
    return <output data-testid={`members-${identity.name}`}>{summary}</output>;
  }

  function Client({ channel, identity }: { channel: string; identity: Identity }) {
    return (
      <PusherProvider appKey="app-key" host="127.0.0.1" port={realtime.port} tls={false} apiUrl={api.url} getToken={() => identity.token}>
        <Members channel={channel} identity={identity} />
      </PusherProvider>
    );
  }

  const shown = (identity: Identity) => screen.getByTestId(`members-${identity.name}`).textContent;

  beforeAll(async () => {
    platform = await ReactTestPlatform.create();
    api = await platform.start('api', {
      DEMO_MODE: 'true',
      AUTH_JWT_SECRET: 'react-spec-secret-0123456789abcdef',
      API_THROTTLE_LIMIT: '0',
      MEMBERSHIP_TTL_SECONDS: String(TTL_SECONDS),
      MEMBERSHIP_SWEEP_INTERVAL_SECONDS: '1',
    });
    await platform.setWebhooks([`${api.url}/pusher/webhooks`]);
    realtime = await platform.start('realtime', { REALTIME_WEBHOOK_BATCH_MS: '10' });
  });

  afterEach(() => cleanup());

  afterAll(async () => {
    await platform?.teardown();
  });

  it('lists members live as they join and leave, and unregisters on unmount', async () => {
    const [ada, bob] = await Promise.all([signIn('ada'), signIn('bob')]);
    const channel = 'presence-room-live';
    const view = render(
      <>
        <Client channel={channel} identity={ada} />
      </>,
    );
    await waitFor(() => expect(shown(ada)).toBe(`1 1 ${ada.userId}`), { timeout: 15_000 });

    view.rerender(
      <>
        <Client channel={channel} identity={ada} />
        <Client channel={channel} identity={bob} />
      </>,
    );
    await waitFor(() => expect(shown(ada)?.startsWith('2 2 ')).toBe(true), { timeout: 15_000 });
    expect(shown(ada)?.split(' ')[2]?.split(',').sort()).toEqual([ada.userId, bob.userId].sort());

    view.rerender(
      <>
        <Client channel={channel} identity={ada} />
      </>,
    );
    await waitFor(() => expect(shown(ada)).toBe(`1 1 ${ada.userId}`), { timeout: 15_000 });
    await expect(registry(channel, ada)).resolves.toMatchObject({ total: 1, members: [{ userId: ada.userId }] });
  });

  it('refreshes the registration before its TTL runs out', async () => {
    const cid = await signIn('cid');
    const channel = 'presence-room-ttl';
    render(<Client channel={channel} identity={cid} />);
    await waitFor(() => expect(shown(cid)).toBe(`1 1 ${cid.userId}`), { timeout: 15_000 });
    await act(() => new Promise((resolve) => setTimeout(resolve, (TTL_SECONDS + 2) * 1000)));
    await expect(registry(channel, cid)).resolves.toMatchObject({ total: 1, sockets: 1 });
  });

  it('unregisters on page hide and registers again when the page is shown from the cache', async () => {
    const dee = await signIn('dee');
    const channel = 'presence-room-hide';
    render(<Client channel={channel} identity={dee} />);
    await waitFor(() => expect(shown(dee)).toBe(`1 1 ${dee.userId}`), { timeout: 15_000 });

    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await waitFor(async () => expect((await registry(channel, dee)).total).toBe(0), { timeout: 10_000 });

    act(() => {
      const shownAgain = new Event('pageshow') as PageTransitionEvent;
      Object.defineProperty(shownAgain, 'persisted', { value: true });
      window.dispatchEvent(shownAgain);
    });
    await waitFor(async () => expect((await registry(channel, dee)).total).toBe(1), { timeout: 10_000 });
  });
});
