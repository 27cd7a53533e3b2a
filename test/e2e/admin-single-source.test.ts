// Magento's Single Source mode in the admin UI: when the order's inventory model has one
// location there is nothing to choose, so Ship goes straight to the New Shipment review.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aPaidMugOrder, aSingleSourceShop, levels } from './admin-fixtures.js';
import type { Res } from './admin-api-client.js';
import { startServer, type RunningServer } from './admin-server.js';
import { eventually, logIn, orderLines, reviewTables } from './admin-steps.js';

describe('admin UI: single-source shipping (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  let market: Res;

  beforeAll(async () => {
    server = await startServer();
    ({ market } = await aSingleSourceShop(server.api));
    browser = await launchBrowser();
    w = await openPage(browser, 'single-source');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('skips the source selection and ships from the only location', async () => {
    const { order, orderNumber } = await aPaidMugOrder(server.api, market, 2);
    const { page } = w;
    await logIn(w, server, { from: `/admin/orders/${order.id}` });
    await page.getByRole('heading', { name: `Order #${orderNumber}` }).waitFor();
    await page.getByRole('link', { name: 'Ship', exact: true }).click();
    await page.getByRole('heading', { name: `New Shipment for Order #${orderNumber}` }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/admin/orders/${order.id}/ship/[^/]+$`));
    expect(await reviewTables(page)).toEqual({ SHOP: { MUG: ['2', '2'] } });
    await w.shot('review');
    await page.getByRole('button', { name: 'Submit Shipment' }).click();
    await page.getByText('Shipment submitted: 1 shipment(s) created.').waitFor();
    expect((await orderLines(page)).MUG).toMatchObject({ ordered: '2', inShipments: '2', toShip: '0' });
    expect(await levels(server.api, 'MUG', 'SHOP')).toEqual({ onHand: 3, reserved: 0 });
    await w.shot('shipped');
    expect(w.errors).toEqual([]);
  });

  it('shows the API error, and changes nothing, when the order was cancelled during the review', async () => {
    const { order, orderNumber } = await aPaidMugOrder(server.api, market, 1);
    const { page } = w;
    await page.goto(`${server.baseUrl}/admin/orders/${order.id}`);
    await page.getByRole('link', { name: 'Ship', exact: true }).click();
    await page.getByRole('heading', { name: `New Shipment for Order #${orderNumber}` }).waitFor();
    await server.api.update('orders', order.id, { _cancel: true });
    const refused = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/source_selections/'));
    await page.getByRole('button', { name: 'Submit Shipment' }).click();
    expect((await refused).status()).toBe(422);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/cancelled/);
    expect(page.url()).toMatch(/\/ship\/[^/]+$/);
    await w.shot('submit-refused');
    await eventually(() => w.errors.some((e) => e.startsWith('http: 422 PATCH'))).toBe(true);
    expect(w.takeErrors().every((e) => e.includes('422'))).toBe(true);
    expect(await levels(server.api, 'MUG', 'SHOP')).toEqual({ onHand: 3, reserved: 0 });
  });
});
