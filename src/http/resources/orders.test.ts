import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Doc { data: { id: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: unknown }> }; included?: { type: string; id: string; attributes: Record<string, unknown> }[] }
interface ListDoc { data: { id: string; type: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: { id: string } | { id: string }[] }> }[]; included?: { type: string; id: string; attributes: Record<string, unknown> }[]; meta: { record_count: number } }

describe.each(enginesUnderTest())('orders over HTTP on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api);
  });
  afterAll(async () => { await api.close(); });

  it('places an order: one shipment per location and shipping category, stock reserved', async () => {
    const orderId = await draftOrder(api, cat.marketId, { TSHIRT: 8, SOFA: 1 });
    const placed = await trigger(api, 'orders', orderId, '_place');
    expect(placed.statusCode).toBe(200);
    expect((placed.json() as Doc).data.attributes.status).toBe('placed');

    const res = await api.get(`/api/orders/${orderId}/shipments?include=stock_line_items,stock_location`);
    expect(res.statusCode).toBe(200);
    const doc = res.json() as ListDoc;
    const where = doc.data.map((s) => {
      const loc = doc.included!.find((i) => i.type === 'stock_locations' && i.id === (s.relationships.stock_location!.data as { id: string }).id)!;
      const items = (s.relationships.stock_line_items!.data as { id: string }[]).map((l) => doc.included!.find((i) => i.id === l.id)!.attributes);
      return `${String(loc.attributes.code)}:${items.map((i) => `${String(i.sku_code)}x${String(i.quantity)}`).sort().join(',')}`;
    }).sort();
    expect(where).toEqual(['berlin:SOFAx1', 'lyon:TSHIRTx3', 'paris:TSHIRTx5']);

    const reserved = await api.get(`/api/reserved_stocks/${cat.stockItems['TSHIRT@lyon']}`);
    expect((reserved.json() as Doc).data.attributes.quantity).toBe(3);
  });

  it('refuses an order the stock cannot cover, naming the SKU, and leaves nothing half-written', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 4 });
    const res = await trigger(api, 'orders', orderId, '_place');
    expect(res.statusCode).toBe(422);
    const error = (res.json() as { errors: { code: string; meta: Record<string, unknown> }[] }).errors[0]!;
    expect(error.code).toBe('INSUFFICIENT_STOCK');
    expect(error.meta).toMatchObject({ sku_code: 'MUG', requested: 4, available: 3 });
    const order = (await api.get(`/api/orders/${orderId}?include=shipments`)).json() as Doc;
    expect(order.data.attributes.status).toBe('draft');
    expect(order.data.relationships.shipments!.data).toEqual([]);
  });

  it('makes a PATCH with attributes and triggers one transaction: a refused _place keeps the old payment status', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 40 });
    const res = await api.patch(`/api/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { payment_status: 'paid', _place: true } } });
    expect(res.statusCode).toBe(422);
    const order = (await api.get(`/api/orders/${orderId}`)).json() as Doc;
    expect(order.data.attributes).toMatchObject({ status: 'draft', payment_status: 'unpaid' });

    const ok = await api.patch(`/api/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { payment_status: 'paid' } } });
    expect((ok.json() as Doc).data.attributes.payment_status).toBe('paid');
  });

  it('moves a shipment through its statuses and refuses an illegal transition naming the state', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 1 }, { payment_status: 'paid' });
    expect((await trigger(api, 'orders', orderId, '_place')).statusCode).toBe(200);
    expect((await trigger(api, 'orders', orderId, '_approve')).statusCode).toBe(200);
    const list = (await api.get(`/api/orders/${orderId}/shipments`)).json() as ListDoc;
    const shipmentId = list.data[0]!.id;
    const early = await trigger(api, 'shipments', shipmentId, '_ship');
    expect(early.statusCode).toBe(422);
    expect(early.body).toMatch(/upcoming/);
    for (const step of ['_picking', '_packing', '_ready_to_ship', '_ship']) {
      const res = await trigger(api, 'shipments', shipmentId, step);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const shipped = (await api.get(`/api/shipments/${shipmentId}`)).json() as Doc;
    expect(shipped.data.attributes.status).toBe('shipped');
    expect(shipped.data.attributes.shipped_at).toEqual(expect.any(String));
    const mug = (await api.get(`/api/stock_items/${cat.stockItems['MUG@paris']}`)).json() as Doc;
    expect(mug.data.attributes.quantity).toBe(2);
    expect((await trigger(api, 'shipments', shipmentId, '_cancel')).statusCode).toBe(422);
  });

  it('cancels a placed order and releases its reservations', async () => {
    const orderId = await draftOrder(api, cat.marketId, { TSHIRT: 2 });
    await trigger(api, 'orders', orderId, '_place');
    const reservedTshirts = async () => {
      let total = 0;
      for (const key of ['TSHIRT@paris', 'TSHIRT@lyon']) {
        total += ((await api.get(`/api/reserved_stocks/${cat.stockItems[key]}`)).json() as Doc).data.attributes.quantity as number;
      }
      return total;
    };
    const before = await reservedTshirts();
    const res = await trigger(api, 'orders', orderId, '_cancel');
    expect(res.statusCode).toBe(200);
    expect((res.json() as Doc).data.attributes.status).toBe('cancelled');
    const after = await reservedTshirts();
    expect(before - after).toBe(2);
  });

  it('lets a sales channel create and place orders in its market only', async () => {
    const shop = await api.token({ marketId: cat.marketId });
    const orderId = await draftOrder(api, cat.marketId, { MUG: 1 }, {}, shop);
    expect((await trigger(api, 'orders', orderId, '_place', shop)).statusCode).toBe(200);
    expect((await trigger(api, 'orders', orderId, '_approve', shop)).statusCode).toBe(403);

    const otherModel = await api.create('inventory_models', { name: 'US' });
    const otherMarket = await api.create('markets', { code: 'us', name: 'US' }, { inventory_model: { type: 'inventory_models', id: otherModel } });
    const foreign = await api.post('/api/orders', { data: { type: 'orders', relationships: { market: { data: { type: 'markets', id: otherMarket } } } } });
    const foreignId = (foreign.json() as Doc).data.id;
    expect((await api.get(`/api/orders/${foreignId}`, shop)).statusCode).toBe(404);
    const list = (await api.get('/api/orders?page[size]=25', shop)).json() as ListDoc;
    expect(list.data.map((o) => o.id)).not.toContain(foreignId);
    const sneaky = await api.post('/api/orders', { data: { type: 'orders', relationships: { market: { data: { type: 'markets', id: otherMarket } } } } }, shop);
    expect(sneaky.statusCode).toBe(404);
  });

  it('validates line items: unknown SKU, negative and over-precise quantities are 422 naming the field', async () => {
    const orderId = await draftOrder(api, cat.marketId, {});
    const line = (attributes: Record<string, unknown>) => api.post('/api/line_items', {
      data: { type: 'line_items', attributes, relationships: { order: { data: { type: 'orders', id: orderId } } } },
    });
    for (const [attributes, pointer] of [
      [{ sku_code: 'TSHIRT', quantity: -1 }, '/data/attributes/quantity'],
      [{ sku_code: 'TSHIRT', quantity: 1.00001 }, '/data/attributes/quantity'],
      [{ sku_code: 'TSHIRT', quantity: 'two' }, '/data/attributes/quantity'],
    ] as const) {
      const res = await line(attributes);
      expect(res.statusCode, JSON.stringify(attributes)).toBe(422);
      expect((res.json() as { errors: { source: { pointer: string } }[] }).errors[0]!.source.pointer).toBe(pointer);
    }
    const unknown = await line({ sku_code: 'NOPE', quantity: 1 });
    expect([404, 422]).toContain(unknown.statusCode);
    expect(unknown.body).toMatch(/NOPE/);
  });
});
