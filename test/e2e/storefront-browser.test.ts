// What a browser does with Stockroute from other origins, in real Chromium: a storefront page
// on an allowed origin gets a sales-channel token, reads a SKU's availability and places an
// order with fetch; the same page on an origin that is not allowed is blocked by the browser
// (and changes nothing); a page that frames /admin shows nothing of it; and the pages
// Stockroute serves itself (/admin, /docs) run under their Content-Security-Policy with no
// violation, while a script injected into /admin is refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, watchCsp } from './admin-browser.js';
import { ref } from './admin-api-client.js';
import { aSingleSourceShop } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { eventually } from './admin-steps.js';
import { startSite, type Site } from './storefront-site.js';

interface Opened { readonly page: Page; readonly console: string[]; readonly csp: string[] }

describe('Stockroute seen from other origins (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let allowed: Site;
  let refused: Site;
  let channel: { client_id: string; client_secret: string };

  beforeAll(async () => {
    server = await startServer();
    [allowed, refused] = await Promise.all([startSite(server.baseUrl), startSite(server.baseUrl)]);
    const { market } = await aSingleSourceShop(server.api);
    const app = await server.api.create('applications', { name: 'Web shop', kind: 'sales_channel', allowed_origins: [allowed.origin] }, { market: ref('markets', market) });
    channel = app.attributes as typeof channel;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await allowed?.close();
    await refused?.close();
    await server?.close();
  });

  async function open(url: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const opened: Opened = { page, console: [], csp: [] };
    await watchCsp(page, opened.csp);
    page.on('console', (m) => void (m.type() === 'error' && opened.console.push(m.text())));
    page.on('pageerror', (e) => void opened.console.push(`page: ${e.message}`));
    await page.goto(url);
    return opened;
  }

  const shopUrl = (site: Site) => `${site.origin}/shop.html?${new URLSearchParams({ api: server.baseUrl, ...channel, sku: 'MUG', quantity: '2' })}`;
  const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();
  const orderCount = async () => Number((await server.api.get('orders')).meta?.record_count);

  it('lets a page on an allowed origin get a token, read availability and place an order', async () => {
    const { page, console, csp } = await open(shopUrl(allowed));
    await eventually(() => text(page, 'done')).toBe('yes');
    await page.screenshot({ path: `${ARTIFACTS}/storefront-01-allowed.png` });
    expect(await text(page, 'error')).toBe('');
    expect(await text(page, 'token')).toBe('yes');
    expect(await text(page, 'available')).toBe('5');
    const [number, status] = (await text(page, 'order'))?.split(' ') ?? [];
    expect(status).toBe('placed');
    expect(await text(page, 'available-after')).toBe('3');
    const placed = await server.api.get(`orders?filter[q][number_eq]=${number}&include=line_items`);
    expect(placed.data[0]?.attributes.status).toBe('placed');
    expect(placed.included?.map((l) => [l.attributes.sku_code, l.attributes.quantity])).toEqual([['MUG', 2]]);
    expect([...console, ...csp]).toEqual([]);
    await page.close();
  });

  it('blocks the same page on an origin that is not allowed, before anything changes', async () => {
    const before = await orderCount();
    const { page, console } = await open(shopUrl(refused));
    await eventually(() => text(page, 'done')).toBe('yes');
    await page.screenshot({ path: `${ARTIFACTS}/storefront-02-refused.png` });
    expect(await text(page, 'error')).toBe('TypeError: Failed to fetch');
    expect(await text(page, 'token')).toBe('');
    expect(console.some((m) => m.includes(`from origin '${refused.origin}' has been blocked by CORS policy`)), console.join('\n')).toBe(true);
    expect(await orderCount()).toBe(before);
    await page.close();
  });

  it('shows nothing of /admin in a frame on another site (frame-ancestors none)', async () => {
    const { page, console } = await open(`${allowed.origin}/frame.html`);
    // The control: this site's own page does render in a frame.
    await page.frameLocator('#own').getByText('framed page of the shop').waitFor();
    const adminFrame = () => page.frames().find((f) => f !== page.mainFrame() && !f.url().startsWith(allowed.origin));
    await eventually(() => adminFrame()?.url()).toMatch(/^chrome-error:/);
    await page.screenshot({ path: `${ARTIFACTS}/storefront-03-framed-admin.png` });
    expect(await page.frameLocator('#admin').getByLabel('Client ID').count()).toBe(0);
    expect(await page.frameLocator('#admin').getByText('Stockroute').count()).toBe(0);
    expect(console.some((m) => m.includes("frame-ancestors 'none'")), console.join('\n')).toBe(true);
    await page.close();
  });

  it('renders /admin and the /docs page under their policy with no violation, and refuses an injected script', async () => {
    const admin = await open(`${server.baseUrl}/admin/`);
    await admin.page.getByLabel('Client ID').waitFor();
    const docs = await open(`${server.baseUrl}/docs`);
    await docs.page.getByRole('heading', { name: /Stockroute API/ }).waitFor();
    await docs.page.locator('[data-path="/oauth/token"]').waitFor();
    await docs.page.screenshot({ path: `${ARTIFACTS}/storefront-04-docs.png` });
    expect([...admin.console, ...admin.csp, ...docs.console, ...docs.csp]).toEqual([]);

    // An injection (say, through a product name rendered unsafely) would be refused.
    await admin.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "owned"';
      document.head.append(script);
    });
    await eventually(() => admin.csp.length).toBeGreaterThan(0);
    expect(admin.csp[0]).toMatch(/^csp: script-src(-elem)? blocked inline/);
    expect(await admin.page.title()).toBe('Stockroute admin');
    await admin.page.close();
    await docs.page.close();
  }, 180_000);
});
