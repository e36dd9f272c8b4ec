import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, pageErrors, screenshot } from './support/browser';
import { ADMIN_TOKEN, WebPlatform } from './support/web-platform';

jest.setTimeout(120_000);

/** Browser tests of the chat demo: two people chat through api → queue → worker → realtime. */
describe('chat demo in a real browser', () => {
  let platform: WebPlatform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function join(name: string, room = 'lobby', viewport = { width: 1200, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(...pageErrors(page));
    await page.goto(platform.api.url);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Room', { exact: true }).fill(room);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 15_000 });
    return page;
  }

  // Headless Chromium pauses rendering in background windows, so each step first brings its page to the front.
  const members = (page: Page) => page.getByTestId('member');
  /** Waits until the members panel lists exactly `count` people. */
  async function waitForMembers(page: Page, count: number): Promise<void> {
    await members(page)
      .nth(count - 1)
      .waitFor({ timeout: 20_000 });
    await members(page).nth(count).waitFor({ state: 'detached', timeout: 20_000 });
  }
  /** Distinct users the api's registry holds for a channel. */
  const registered = async (channel: string) => {
    const response = await fetch(`${platform.api.url}/channels/${channel}/members`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    return ((await response.json()) as { total: number }).total;
  };
  const message = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });

  beforeAll(async () => {
    platform = await WebPlatform.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lets two people chat live, shows who is typing and who is online, and keeps history', async () => {
    const alice = await join('Alice');
    await waitForMembers(alice, 1);
    const bob = await join('Bob');
    await waitForMembers(alice, 2);
    await waitForMembers(bob, 2);
    expect(await alice.getByTestId('platform-Web').textContent()).toContain('2');
    expect(await members(bob).allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Alice'), expect.stringContaining('Bob')]),
    );

    // Typing travels as a client event straight through realtime, never echoed to the sender.
    await alice.bringToFront();
    await alice.getByLabel('Message').pressSequentially('Hi Bob', { delay: 20 });
    await bob.getByTestId('typing').filter({ hasText: 'Alice is typing' }).waitFor({ timeout: 10_000 });
    expect(await alice.getByTestId('typing').textContent()).not.toContain('typing');

    await alice.getByRole('button', { name: 'Send' }).click();
    await message(bob, 'Hi Bob').waitFor({ timeout: 15_000 });
    await bob.bringToFront();
    await bob.getByLabel('Message').fill('Hello Alice!');
    await bob.getByLabel('Message').press('Enter');
    await alice.bringToFront();
    await message(alice, 'Hello Alice!').waitFor({ timeout: 15_000 });
    // The sender's own line is confirmed by the delivered event, not just shown optimistically.
    await alice.getByText('sending…').first().waitFor({ state: 'detached', timeout: 15_000 });
    expect(await alice.getByTestId('message').allTextContents()).toEqual([
      expect.stringContaining('Hi Bob'),
      expect.stringContaining('Hello Alice!'),
    ]);

    const carol = await join('Carol', 'lobby', { width: 390, height: 780 });
    await message(carol, 'Hello Alice!').waitFor({ timeout: 15_000 });
    expect(await carol.getByTestId('message').count()).toBe(2);
    await waitForMembers(alice, 3);
    await screenshot(carol, 'chat-phone');
    await alice.bringToFront();
    await screenshot(alice, 'chat');

    expect(errors).toEqual([]);
  });

  it('unregisters on page hide, and removes a member from the others’ panel when their browser closes', async () => {
    const dave = await join('Dave', 'closing');
    const erin = await join('Erin', 'closing');
    const frank = await join('Frank', 'closing');
    await waitForMembers(dave, 3);

    // A page hide sends the unsubscribe as a beacon, authenticated by the token in its body.
    const beacon = frank.waitForEvent('requestfinished', {
      predicate: (request) => request.url().endsWith('/pusher/unsubscribe'),
      timeout: 10_000,
    });
    await frank.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))");
    const response = await (await beacon).response();
    expect(response?.status()).toBe(200);
    await expect(registered('presence-room-closing')).resolves.toBe(2);
    // Back from the back/forward cache: registered again.
    await frank.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))");
    for (let attempt = 0; attempt < 50 && (await registered('presence-room-closing')) !== 3; attempt++) await frank.waitForTimeout(100);
    await expect(registered('presence-room-closing')).resolves.toBe(3);

    await erin.context().close();
    // Wait for Erin to leave, not for a count: the panel may have refetched while Frank was unregistered.
    await members(dave).filter({ hasText: 'Erin' }).waitFor({ state: 'detached', timeout: 20_000 });
    await waitForMembers(dave, 2);
    expect(await members(dave).allTextContents()).toEqual([expect.stringContaining('Dave'), expect.stringContaining('Frank')]);
  });
});
