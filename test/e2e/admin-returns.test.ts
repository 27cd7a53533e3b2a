// Returns in the admin order view: each return shows the stock location it restocks at, the
// one it named or the model's highest-priority enabled return location.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { ref, type Res } from './admin-api-client.js';
import { startServer, type RunningServer } from './admin-server.js';
import { logIn } from './admin-steps.js';

describe('admin UI: where returns restock (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  const at: Record<string, Res> = {};
  let order: Res;

  beforeAll(async () => {
    server = await startServer();
    const api = server.api;
    for (const [code, name, enabled] of [['SHOP', 'The shop', true], ['RET-OLD', 'Old returns desk', false], ['RET-A', 'Returns Hall A', true], ['RET-B', 'Returns Hall B', true]] as const) {
      at[code] = await api.create('stock_locations', { code, name, enabled });
    }
    const parcel = await api.create('shipping_categories', { code: 'parcel', name: 'Parcel' });
    const mug = await api.create('skus', { code: 'MUG', name: 'Mug' }, { shipping_category: ref('shipping_categories', parcel) });
    const model = await api.create('inventory_models', { name: 'Shop', strategy: 'no_split' });
    await api.create('inventory_stock_locations', { priority: 1 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', at.SHOP!) });
    // Priority 1 is disabled, so the default is RET-A (priority 2).
    for (const [i, code] of ['RET-OLD', 'RET-A', 'RET-B'].entries()) {
      await api.create('inventory_return_locations', { priority: i + 1 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', at[code]!) });
    }
    const market = await api.create('markets', { code: 'shop', name: 'Shop' }, { inventory_model: ref('inventory_models', model) });
    await api.create('stock_items', { quantity: 5 }, { sku: ref('skus', mug), stock_location: ref('stock_locations', at.SHOP!) });
    order = await api.create('orders', {}, { market: ref('markets', market) });
    const line = await api.create('line_items', { sku_code: 'MUG', quantity: 3 }, { order: ref('orders', order) });
    await api.update('orders', order.id, { _place: true });
    order = await api.update('orders', order.id, { _approve_and_capture: true });
    const [shipment] = (await api.get(`orders/${order.id}/shipments`)).data as unknown as Res[];
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await api.update('shipments', shipment!.id, { [t]: true });
    const lines = [{ line_item_id: line.id, quantity: 1 }];
    const byDefault = await api.create('returns', { return_line_items: lines }, { order: ref('orders', order) });
    await api.update('returns', byDefault.id, { _restock: true });
    await api.create('returns', { return_line_items: lines }, { order: ref('orders', order), stock_location: ref('stock_locations', at['RET-B']!) });
    browser = await launchBrowser();
    w = await openPage(browser, 'returns');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each return of the order with its restock location', async () => {
    const { page } = w;
    await logIn(w, server, { from: `/admin/orders/${order.id}` });
    const table = page.getByRole('table', { name: 'Returns of this order' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())));
    const number = String(order.attributes.number);
    expect(rows).toEqual([
      [`${number}/R/1`, 'restocked', 'RET-A (Returns Hall A)'],
      [`${number}/R/2`, 'requested', 'RET-B (Returns Hall B)'],
    ]);
    await w.shot('order-returns');
    expect(w.errors).toEqual([]);
  });
});
