// Orders read and shipped the Magento way: an order placed and captured through the JSON:API
// in a website's market holds stock in that stock (salable quantity drops, as Magento's
// reservations); GET /V1/orders finds it by increment_id (its number) as a processing
// order; POST /V1/order/{id}/ship ships items from a chosen source through the source
// selection flow: deducted there, the rest still reserved, complete when all has shipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { draftOrder, trigger } from '../test-support/catalogue.js';
import { criteria, loadMagentoFixture, startMagentoApi, type MagentoFixture, type MagentoTestApi } from './test-support.js';

interface MagentoOrder { entity_id: number; increment_id: string; state: string; status: string; items: { item_id: number; sku: string; qty_ordered: number; qty_shipped: number }[] }

describe.each(enginesUnderTest())('Magento orders and shipping on %s', (engine) => {
  let m: MagentoTestApi;
  let s: MagentoFixture;
  let order: MagentoOrder;
  beforeAll(async () => {
    m = await startMagentoApi(engine);
    s = await loadMagentoFixture(m);
  }, 300_000);
  afterAll(() => m?.close());

  const sourceQty = async (sku: string, source: string) => {
    const list = await m.ok('GET', `/inventory/source-items?${criteria([['sku', sku], ['source_code', source]])}`) as { items: { quantity: number }[] };
    return list.items[0]?.quantity;
  };

  it('counts a placed JSON:API order of the website’s market against the stock, and lists it by increment_id', async () => {
    const market = (await m.api.get('/api/markets?filter[q][code_eq]=eu_website')).json().data[0].id as string;
    const id = await draftOrder(m.api, market, { 'SKU-1': 6 });
    expect((await trigger(m.api, 'orders', id, '_place')).statusCode).toBe(200);
    expect(await m.ok('GET', `/inventory/get-product-salable-quantity/SKU-1/${s.eu}`)).toBe(2.5);
    expect((await m.ok('GET', `/inventory/is-product-salable-for-requested-qty/SKU-1/${s.eu}/3`) as { salable: boolean }).salable).toBe(false);
    const number = (await m.api.get(`/api/orders/${id}`)).json().data.attributes.number as string;
    const pending = await m.ok('GET', `/orders?${criteria([['increment_id', number]])}`) as { items: MagentoOrder[]; total_count: number };
    expect(pending.total_count).toBe(1);
    expect(pending.items[0]).toMatchObject({ increment_id: number, state: 'new', status: 'pending', items: [{ sku: 'SKU-1', qty_ordered: 6, qty_shipped: 0 }] });
    const refused = await m.post(`/order/${pending.items[0]?.entity_id}/ship`, { items: [], arguments: { extension_attributes: { source_code: 'eu-2' } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ message: 'The order does not allow a shipment to be created.' });
    expect((await trigger(m.api, 'orders', id, '_capture')).statusCode).toBe(200);
    order = await m.ok('GET', `/orders/${pending.items[0]?.entity_id}`) as MagentoOrder;
    expect(order).toMatchObject({ state: 'processing', status: 'processing' });
    expect((await m.ok('GET', `/orders?${criteria([['status', 'processing']])}`) as { total_count: number }).total_count).toBe(1);
  });

  it('ships part of a line from a chosen source: deducted there, the rest stays open and reserved', async () => {
    const item = order.items[0]!;
    const res = await m.post(`/order/${order.entity_id}/ship`, { items: [{ order_item_id: item.item_id, qty: 2 }], notify: false, arguments: { extension_attributes: { source_code: 'eu-2' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(Number.isInteger(res.json())).toBe(true);
    expect(await sourceQty('SKU-1', 'eu-2')).toBe(1);
    expect(await sourceQty('SKU-1', 'eu-1')).toBe(5.5);
    const after = await m.ok('GET', `/orders/${order.entity_id}`) as MagentoOrder;
    expect(after).toMatchObject({ state: 'processing', items: [{ qty_ordered: 6, qty_shipped: 2 }] });
    // The 4 still to ship stay held: 8.5 − 2 shipped − 4 held.
    expect(await m.ok('GET', `/inventory/get-product-salable-quantity/SKU-1/${s.eu}`)).toBe(2.5);
    const shipment = (await m.api.get(`/api/orders/${(await m.api.get(`/api/orders?filter[q][number_eq]=${order.increment_id}`)).json().data[0].id}/shipments`)).json().data
      .find((d: { attributes: { status: string } }) => d.attributes.status === 'shipped');
    expect(shipment).toBeDefined();
  });

  it('refuses more than is left or a source without the stock, then ships the rest and completes the order', async () => {
    const item = order.items[0]!;
    const tooMuch = await m.post(`/order/${order.entity_id}/ship`, { items: [{ order_item_id: item.item_id, qty: 5 }], arguments: { extension_attributes: { source_code: 'eu-1' } } });
    expect(tooMuch.statusCode).toBe(400);
    expect(await sourceQty('SKU-1', 'eu-1')).toBe(5.5);
    const elsewhere = await m.post(`/order/${order.entity_id}/ship`, { items: [{ order_item_id: item.item_id, qty: 1 }], arguments: { extension_attributes: { source_code: 'us-1' } } });
    expect(elsewhere.statusCode).toBe(400);
    const rest = await m.post(`/order/${order.entity_id}/ship`, { items: [{ order_item_id: item.item_id, qty: 4 }], arguments: { extension_attributes: { source_code: 'eu-1' } } });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).not.toBe(0);
    expect(await sourceQty('SKU-1', 'eu-1')).toBe(1.5);
    expect(await m.ok('GET', `/orders/${order.entity_id}`)).toMatchObject({ state: 'complete', status: 'complete', items: [{ qty_shipped: 6 }] });
    expect(await m.ok('GET', `/inventory/get-product-salable-quantity/SKU-1/${s.eu}`)).toBe(2.5);
    expect((await m.get('/orders/999999')).json()).toEqual({ message: "The entity that was requested doesn't exist. Verify the entity and try again." });
  });

  it('ships concurrently without shipping more than ordered: of four requests for 2 of a 4-unit line, two succeed', async () => {
    const market = (await m.api.get('/api/markets?filter[q][code_eq]=us_website')).json().data[0].id as string;
    const id = await draftOrder(m.api, market, { 'SKU-2': 4 }, { payment_status: 'paid' });
    expect((await trigger(m.api, 'orders', id, '_place')).statusCode).toBe(200);
    const number = (await m.api.get(`/api/orders/${id}`)).json().data.attributes.number as string;
    const found = (await m.ok('GET', `/orders?${criteria([['increment_id', number]])}`) as { items: MagentoOrder[] }).items[0]!;
    const ship = () => m.post(`/order/${found.entity_id}/ship`, { items: [{ order_item_id: found.items[0]!.item_id, qty: 2 }], arguments: { extension_attributes: { source_code: 'us-1' } } });
    const results = await Promise.all([ship(), ship(), ship(), ship()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 400, 400]);
    expect(await sourceQty('SKU-2', 'us-1')).toBe(1);
    expect(await m.ok('GET', `/orders/${found.entity_id}`)).toMatchObject({ state: 'complete', items: [{ qty_shipped: 4 }] });
  });
});
