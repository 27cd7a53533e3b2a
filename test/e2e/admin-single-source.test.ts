// Magento's Single Source mode in the admin UI: when the order's inventory model has one
// location there is nothing to choose, so Ship goes straight to the New Shipment review.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aSingleSourceOrder, levels } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { logIn, orderLines, reviewTables } from './admin-steps.js';

describe('admin UI: single-source shipping (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    w = await openPage(browser, 'single-source');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('skips the source selection and ships from the only location', async () => {
    const { order, orderNumber } = await aSingleSourceOrder(server.api);
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
});
