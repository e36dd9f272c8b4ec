import Pusher from 'pusher-js';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, pageErrors, screenshot } from './support/browser';
import { ADMIN_TOKEN, WebPlatform } from './support/web-platform';

jest.setTimeout(120_000);

/** Browser tests of the admin dashboard against the running platform. */
describe('admin dashboard in a real browser', () => {
  let platform: WebPlatform;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const clients: Pusher[] = [];

  beforeAll(async () => {
    platform = await WebPlatform.start();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await browser?.close();
    await platform?.stop();
  });

  function connect(key: string): Promise<Pusher> {
    const client = new Pusher(key, {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: platform.realtime.port,
      forceTLS: false,
      enabledTransports: ['ws'],
    });
    clients.push(client);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app ${key} did not connect`)), 10_000);
      client.connection.bind('connected', () => {
        clearTimeout(timer);
        resolve(client);
      });
    });
  }

  it('asks for the admin token, then shows live figures', async () => {
    await page.goto(`${platform.api.url}/#/admin`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByTestId('stat-connections-value').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('app').count()).toBe(1);
  });

  it('creates an app and shows its live connection count', async () => {
    await page.getByRole('button', { name: 'New app' }).click();
    await page.getByRole('form', { name: 'New app' }).getByLabel('Name').fill('Acme Chat');
    await page.getByRole('button', { name: 'Create app' }).click();
    const acme = page.getByTestId('app').filter({ hasText: 'Acme Chat' });
    await acme.getByTestId('secret').waitFor({ timeout: 10_000 });
    const key = await acme.getAttribute('data-app-key');
    expect(key).toMatch(/\S+/);

    await connect(key!);
    await connect(key!);
    await acme.getByTestId('app-connections').filter({ hasText: /^2$/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('stat-connections-value').filter({ hasText: /^2$/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'dashboard');
    expect(errors).toEqual([]);
  });

  it('edits limits, disables and rotates the secret', async () => {
    const acme = page.getByTestId('app').filter({ hasText: 'Acme Chat' });
    await acme.getByRole('button', { name: 'Edit' }).click();
    await acme.getByLabel('Max connections').fill('50');
    await acme.getByLabel('Webhook URLs (one per line)').fill('http://127.0.0.1:9/pusher/webhooks');
    await acme.getByRole('button', { name: 'Save' }).click();
    await acme.filter({ hasText: '50 connections' }).filter({ hasText: '1 webhooks' }).waitFor({ timeout: 10_000 });

    await acme.getByRole('button', { name: 'Disable' }).click();
    await acme.getByRole('button', { name: 'Enable' }).waitFor({ timeout: 10_000 });

    const before = await acme.getByTestId('secret').textContent();
    page.once('dialog', (dialog) => void dialog.accept());
    await acme.getByRole('button', { name: 'Rotate secret' }).click();
    await acme.getByTestId('secret').filter({ hasNotText: before! }).waitFor({ timeout: 10_000 });
    expect(await acme.getByTestId('secret').textContent()).not.toBe(before);
  });

  it('pages through the members of a channel', async () => {
    const browse = page.getByRole('region', { name: 'Membership browser' });
    await browse.getByLabel('Channel').fill('presence-room-empty');
    await browse.getByRole('button', { name: 'Look up' }).click();
    await browse.getByText('Nobody is registered on this channel.').waitFor({ timeout: 10_000 });
    expect(await browse.getByTestId('membership-summary').textContent()).toContain('0 users');
  });
});
