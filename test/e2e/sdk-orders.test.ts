// Commerce Layer's official JavaScript SDK as a real client of a listening Stockroute, on the
// order side (seed 003): an inventory model with split_shipments over three locations, an
// order with line items placed through the SDK, its shipments read with their stock line
// items, a shipment moved from picking to shipped, the model's strategy PATCHed as in the
// seed, and the SDK's error objects for an insufficient-stock placement and a bad trigger.
import { CommerceLayer } from '@commercelayer/sdk/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../src/store/test-support/engines.js';
import { startLiveServer, type LiveServer } from './http-client.js';

describe.each(enginesUnderTest())('Commerce Layer SDK against Stockroute on %s (orders)', (engine) => {
  let s: LiveServer;
  let cl: ReturnType<typeof CommerceLayer>;
  let modelId: string;
  let marketId: string;

  beforeAll(async () => {
    s = await startLiveServer(engine);
    const token = await tokenFor(s);
    cl = CommerceLayer({
      organization: 'stockroute',
      accessToken: token,
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        return fetch(`${s.origin}${url.pathname}${url.search}`, init);
      },
    });
    const standard = await cl.shipping_categories.create({ code: 'standard', name: 'Standard' });
    const bulky = await cl.shipping_categories.create({ code: 'bulky', name: 'Bulky' });
    await cl.skus.create({ code: 'SHIRT', name: 'Shirt', shipping_category: cl.shipping_categories.relationship(standard.id) });
    await cl.skus.create({ code: 'TABLE', name: 'Table', shipping_category: cl.shipping_categories.relationship(bulky.id) });
    const model = await cl.inventory_models.create({ name: 'EU Inventory Model', strategy: 'no_split', stock_locations_cutoff: 3 });
    modelId = model.id;
    const stock: Record<string, Record<string, number>> = { milan: { SHIRT: 2 }, rome: { SHIRT: 5, TABLE: 1 }, turin: { TABLE: 4 } };
    for (const [i, code] of ['milan', 'rome', 'turin'].entries()) {
      const address = await cl.addresses.create({ line_1: 'Via Roma 1', city: code, zip_code: '20100', country_code: 'IT', state_code: 'MI' } as never);
      const location = await cl.stock_locations.create({ name: code, code, address: cl.addresses.relationship(address.id) } as never);
      await cl.inventory_stock_locations.create({ priority: i + 1, inventory_model: cl.inventory_models.relationship(model.id), stock_location: cl.stock_locations.relationship(location.id) });
      for (const [sku, quantity] of Object.entries(stock[code]!)) {
        await cl.stock_items.create({ sku_code: sku, quantity, stock_location: cl.stock_locations.relationship(location.id) });
      }
    }
    const market = await cl.markets.create({ name: 'Italy', code: 'it', inventory_model: cl.inventory_models.relationship(model.id) } as never);
    marketId = market.id;
  });
  afterAll(async () => { await s.close(); });

  const draft = async (lines: Record<string, number>) => {
    const order = await cl.orders.create({ market: cl.markets.relationship(marketId) } as never);
    for (const [sku_code, quantity] of Object.entries(lines)) {
      await cl.line_items.create({ sku_code, quantity, order: cl.orders.relationship(order.id) });
    }
    return order.id;
  };

  it('switches the inventory model to split_shipments with a PATCH, as in seed 003', async () => {
    const updated = await cl.inventory_models.update({ id: modelId, strategy: 'split_shipments' });
    expect(updated.strategy).toBe('split_shipments');
    expect(updated.stock_locations_cutoff).toBe(3);
  });

  it('places an order and reads its shipments with their stock line items', async () => {
    const orderId = await draft({ SHIRT: 4, TABLE: 2 });
    const placed = await cl.orders.update({ id: orderId, _place: true });
    expect(placed.status).toBe('placed');

    const shipments = await cl.orders.shipments(orderId, { include: ['stock_line_items', 'stock_location'] });
    const summary = [...shipments].map((sh) => `${sh.stock_location?.code}:${(sh.stock_line_items ?? []).map((l) => `${l.sku_code}x${l.quantity}`).sort().join(',')}`).sort();
    // SHIRT 4 = milan 2 + rome 2; TABLE 2 = rome 1 + turin 1; one shipment per location × category.
    expect(summary).toEqual(['milan:SHIRTx2', 'rome:SHIRTx2', 'rome:TABLEx1', 'turin:TABLEx1']);
  });

  it('moves a shipment from picking to shipped', async () => {
    const orderId = await draft({ SHIRT: 1 });
    await cl.orders.update({ id: orderId, payment_status: 'paid', _place: true } as never);
    await cl.orders.update({ id: orderId, _approve: true });
    const [shipment] = await cl.orders.shipments(orderId);
    for (const trigger of ['_picking', '_packing', '_ready_to_ship', '_ship'] as const) {
      await cl.shipments.update({ id: shipment!.id, [trigger]: true });
    }
    const shipped = await cl.shipments.retrieve(shipment!.id);
    expect(shipped.status).toBe('shipped');
  });

  it('lists orders with filters, sorting and pages', async () => {
    const placed = await cl.orders.list({ filters: { status_eq: 'placed' }, sort: { number: 'desc' }, pageSize: 1, pageNumber: 1 });
    expect(placed.meta.recordCount).toBe(1);
    const all = await cl.orders.list({ sort: ['number'], pageSize: 2 });
    expect(all.meta.recordCount).toBeGreaterThanOrEqual(2);
    expect(all.meta.pageCount).toBe(Math.ceil(all.meta.recordCount / 2));
    const numbers = [...all].map((o) => Number(o.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('surfaces insufficient stock and illegal triggers as SDK errors', async () => {
    const orderId = await draft({ TABLE: 99 });
    const error = await cl.orders.update({ id: orderId, _place: true }).then(() => null, (e: unknown) => e);
    expect(cl.isApiError(error)).toBe(true);
    const apiError = error as { status: number; errors: { code: string; meta: Record<string, unknown> }[] };
    expect(apiError.status).toBe(422);
    expect(apiError.errors[0]).toMatchObject({ code: 'INSUFFICIENT_STOCK', meta: { sku_code: 'TABLE', requested: 99 } });

    const missing = await cl.shipments.retrieve('shp_doesnotexist').then(() => null, (e: unknown) => e);
    expect((missing as { status: number }).status).toBe(404);
  });
});

async function tokenFor(s: LiveServer): Promise<string> {
  const { createApplication } = await import('../../src/http/auth/applications.js');
  const app = await createApplication(s.db, { name: 'sdk-orders', kind: 'integration', role: 'admin' }, new Date());
  const res = await fetch(`${s.origin}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
