// Seed 000 over HTTP against a listening server: a paid order is shipped from sources chosen
// with the Source Selection Algorithm (priority, then distance), the merchant edits the Qty to
// Deduct across two locations, submits (two shipments, stock deducted, the rest left open),
// stock arrives for the backordered part, and the rest ships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../src/store/test-support/engines.js';
import { startLiveServer, type LiveServer, type Resource } from './http-client.js';

interface Source { stock_location_code: string; quantity_available: number; quantity_to_deduct: number; distance_m?: number }
interface Item { line_item_id: string; sku_code: string; quantity: number; shortfall: number; sources: Source[] }

describe.each(enginesUnderTest())('Magento shipping flow over HTTP on %s', (engine) => {
  let s: LiveServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await startLiveServer(engine);
    const standard = await s.create('shipping_categories', { code: 'standard', name: 'Standard' });
    await s.create('skus', { code: 'TSHIRT', name: 'T-shirt', allow_backorders: true }, { shipping_category: standard });
    const cities = [
      ['paris', 48.8566, 2.3522], ['lyon', 45.764, 4.8357], ['berlin', 52.52, 13.405],
    ] as const;
    const model = await s.create('inventory_models', { name: 'EU', strategy: 'split_shipments', stock_locations_cutoff: 3 });
    for (const [i, [code, lat, lng]] of cities.entries()) {
      const address = await s.create('addresses', { line_1: '1 Rue', city: code, country_code: 'FR', lat, lng });
      ids[code] = await s.create('stock_locations', { code, name: code }, { address });
      await s.create('inventory_stock_locations', { priority: i + 1 }, { inventory_model: model, stock_location: ids[code]! });
    }
    ids.tshirtParis = await s.create('stock_items', { sku_code: 'TSHIRT', quantity: 5 }, { stock_location: ids.paris! });
    ids.tshirtLyon = await s.create('stock_items', { sku_code: 'TSHIRT', quantity: 4 }, { stock_location: ids.lyon! });
    ids.market = await s.create('markets', { code: 'eu', name: 'EU' }, { inventory_model: model });
    // Munich: Lyon is closer than Paris.
    const munich = await s.create('addresses', { line_1: 'Marienplatz 1', city: 'München', country_code: 'DE', zip_code: '80331', lat: 48.137, lng: 11.575 });
    ids.order = await s.create('orders', { payment_status: 'paid' }, { market: ids.market, shipping_address: munich });
    ids.line = await s.create('line_items', { sku_code: 'TSHIRT', quantity: 12 }, { order: ids.order });
    expect((await s.patch('orders', ids.order, { _place: true })).status).toBe(200);
  });
  afterAll(async () => { await s.close(); });

  const onHand = async (key: string) => Number((await s.one(`/api/stock_items/${ids[key]}`)).attributes.quantity);

  it('places the order holding what exists and backordering the rest', async () => {
    const line = await s.one(`/api/line_items/${ids.line}`);
    expect(line.attributes).toMatchObject({ quantity: 12, backordered_quantity: 3, shipped_quantity: 0 });
  });

  it('recommends sources by priority, then by distance from the shipping address', async () => {
    const byPriority = await s.create('source_selections', { algorithm: 'priority' }, { order: ids.order! });
    const p = await s.one(`/api/source_selections/${byPriority}`);
    const pItem = (p.attributes.items as Item[])[0]!;
    expect(pItem.sources.map((x) => [x.stock_location_code, x.quantity_to_deduct])).toEqual([['paris', 5], ['lyon', 4]]);
    expect(p.attributes.algorithm_used).toBe('priority');

    ids.selection = await s.create('source_selections', { algorithm: 'distance', distance_mode: 'driving' }, { order: ids.order! });
    const d = await s.one(`/api/source_selections/${ids.selection}`);
    expect(d.attributes.algorithm_used).toBe('distance');
    const dItem = (d.attributes.items as Item[])[0]!;
    expect(dItem.sources.map((x) => x.stock_location_code)).toEqual(['lyon', 'paris']);
    expect(dItem.sources[0]!.distance_m).toBeGreaterThan(500_000);
    expect(dItem.sources[0]!.distance_m).toBeLessThan(dItem.sources[1]!.distance_m!);
  });

  it('refuses a Qty to Deduct above what a location has, pointing at it', async () => {
    const d = await s.one(`/api/source_selections/${ids.selection}`);
    const items = structuredClone(d.attributes.items as Item[]);
    items[0]!.sources[0]!.quantity_to_deduct = 40; // lyon has 4
    const res = await s.patch('source_selections', ids.selection!, { items });
    expect(res.status).toBe(422);
    expect(res.doc.errors![0]!.source!.pointer).toBe('/data/attributes/items/0/sources/0/quantity_to_deduct');
  });

  it('submits edited quantities across two locations: two shipments, stock deducted, the rest open', async () => {
    const d = await s.one(`/api/source_selections/${ids.selection}`);
    const items = structuredClone(d.attributes.items as Item[]);
    for (const src of items[0]!.sources) src.quantity_to_deduct = src.stock_location_code === 'lyon' ? 4 : 3;
    expect((await s.patch('source_selections', ids.selection!, { items })).status).toBe(200);
    const submitted = await s.patch('source_selections', ids.selection!, { _submit: true });
    expect(submitted.status).toBe(200);
    expect((submitted.doc.data as Resource).attributes.status).toBe('submitted');

    const shipments = await s.list(`/api/source_selections/${ids.selection}/shipments`);
    expect(shipments).toHaveLength(2);
    expect(await onHand('tshirtParis')).toBe(2);
    expect(await onHand('tshirtLyon')).toBe(0);
    // Paris' other 2 units stay held for this order; Lyon is empty.
    expect(Number((await s.one(`/api/reserved_stocks/${ids.tshirtParis}`)).attributes.quantity)).toBe(2);

    for (const shipment of shipments) {
      for (const step of ['_picking', '_packing', '_ready_to_ship', '_ship']) {
        const r = await s.patch('shipments', shipment.id, { [step]: true });
        expect(r.status, `${step}: ${JSON.stringify(r.doc)}`).toBe(200);
      }
    }
    const line = await s.one(`/api/line_items/${ids.line}`);
    expect(line.attributes).toMatchObject({ shipped_quantity: 7, backordered_quantity: 3 });
  });

  it('allocates the backorder when stock arrives and ships the rest', async () => {
    ids.tshirtBerlin = await s.create('stock_items', { sku_code: 'TSHIRT', quantity: 10 }, { stock_location: ids.berlin! });
    const line = await s.one(`/api/line_items/${ids.line}`);
    expect(line.attributes.backordered_quantity).toBe(0);

    const rest = await s.create('source_selections', { algorithm: 'priority' }, { order: ids.order! });
    const sel = await s.one(`/api/source_selections/${rest}`);
    const item = (sel.attributes.items as Item[])[0]!;
    expect(item.quantity).toBe(5);
    expect(item.shortfall).toBe(0);
    expect(sel.attributes.shippable).toBe(true);
    expect((await s.patch('source_selections', rest, { _submit: true })).status).toBe(200);
    for (const shipment of await s.list(`/api/source_selections/${rest}/shipments`)) {
      for (const step of ['_picking', '_packing', '_ready_to_ship', '_ship']) {
        expect((await s.patch('shipments', shipment.id, { [step]: true })).status).toBe(200);
      }
    }
    expect((await s.one(`/api/line_items/${ids.line}`)).attributes.shipped_quantity).toBe(12);
    const order = await s.one(`/api/orders/${ids.order}`);
    expect(order.attributes.fulfillment_status).toBe('fulfilled');
    expect((await onHand('tshirtParis')) + (await onHand('tshirtBerlin'))).toBe(2 + 10 - 5);
    // Only real shipments, each in the SKU's shipping category: no empty cancelled rows.
    const all = await s.list(`/api/orders/${ids.order}/shipments?page[size]=25`);
    expect(all.map((x) => x.attributes.status)).toEqual(['shipped', 'shipped', 'shipped', 'shipped']);
    for (const x of all) expect((await s.one(`/api/shipments/${x.id}`)).attributes.shipping_category).toBe('standard');
  });
});

// Admin "Ship" of a two-source order in two shipping categories with a do_not_track SKU:
// the submit turns the placement's planned shipments into the real ones.
describe.each(enginesUnderTest())('Magento shipping of a two-source, two-category order over HTTP on %s', (engine) => {
  let s: LiveServer;
  let order = '';
  const lines: Record<string, string> = {};

  beforeAll(async () => {
    s = await startLiveServer(engine);
    const standard = await s.create('shipping_categories', { code: 'standard', name: 'Standard' });
    const fragile = await s.create('shipping_categories', { code: 'fragile', name: 'Fragile' });
    await s.create('skus', { code: 'TSHIRT', name: 'T-shirt' }, { shipping_category: standard });
    await s.create('skus', { code: 'VASE', name: 'Vase' }, { shipping_category: fragile });
    await s.create('skus', { code: 'CARD', name: 'Gift card', do_not_track: true }, { shipping_category: standard });
    const model = await s.create('inventory_models', { name: 'EU', strategy: 'split_shipments', manual_stock_decrement: true });
    const at: Record<string, string> = {};
    for (const [i, code] of ['paris', 'lyon'].entries()) {
      at[code] = await s.create('stock_locations', { code, name: code });
      await s.create('inventory_stock_locations', { priority: i + 1 }, { inventory_model: model, stock_location: at[code] });
    }
    await s.create('stock_items', { sku_code: 'TSHIRT', quantity: 2 }, { stock_location: at.paris! });
    await s.create('stock_items', { sku_code: 'TSHIRT', quantity: 3 }, { stock_location: at.lyon! });
    await s.create('stock_items', { sku_code: 'VASE', quantity: 1 }, { stock_location: at.paris! });
    const market = await s.create('markets', { code: 'eu', name: 'EU' }, { inventory_model: model });
    order = await s.create('orders', { payment_status: 'paid' }, { market });
    for (const [sku, quantity] of [['TSHIRT', 5], ['VASE', 1], ['CARD', 1]] as const) lines[sku] = await s.create('line_items', { sku_code: sku, quantity }, { order });
    expect((await s.patch('orders', order, { _place: true })).status).toBe(200);
  });
  afterAll(async () => { await s.close(); });

  const shipmentsNow = async () => Promise.all((await s.list(`/api/orders/${order}/shipments?page[size]=25`)).map(async (x) => {
    const one = await s.one(`/api/shipments/${x.id}?include=stock_location,stock_line_items`);
    const items = await s.list(`/api/shipments/${x.id}/stock_line_items`);
    const location = await s.one(`/api/shipments/${x.id}/stock_location`);
    return { id: x.id, status: one.attributes.status, category: one.attributes.shipping_category, location: location.attributes.code, items: items.map((i) => `${String(i.attributes.sku_code)} ${Number(i.attributes.quantity)}`).sort() };
  }));

  it('ships exactly the real shipments, with categories and the do_not_track line, and no cancelled rows', async () => {
    const planned = await shipmentsNow();
    expect(planned).toHaveLength(3);
    const selection = await s.create('source_selections', { algorithm: 'priority' }, { order });
    const items = (await s.one(`/api/source_selections/${selection}`)).attributes.items as Item[];
    expect(items.map((i) => i.sku_code)).toEqual(['TSHIRT', 'VASE', 'CARD']);
    expect((await s.patch('source_selections', selection, { _submit: true })).status).toBe(200);

    const after = await shipmentsNow();
    expect(after.map(({ id: _, ...rest }) => rest).sort((a, b) => `${a.location}${String(a.category)}`.localeCompare(`${b.location}${String(b.category)}`))).toEqual([
      { status: 'upcoming', category: 'standard', location: 'lyon', items: ['TSHIRT 3'] },
      { status: 'upcoming', category: 'fragile', location: 'paris', items: ['VASE 1'] },
      { status: 'upcoming', category: 'standard', location: 'paris', items: ['CARD 1', 'TSHIRT 2'] },
    ]);
    expect(after.map((x) => x.id).sort()).toEqual(planned.map((x) => x.id).sort());
    expect((await s.list(`/api/source_selections/${selection}/shipments`)).length).toBe(3);

    for (const shipment of after) {
      for (const step of ['_picking', '_packing', '_ready_to_ship', '_ship']) expect((await s.patch('shipments', shipment.id, { [step]: true })).status).toBe(200);
    }
    for (const [sku, quantity] of [['TSHIRT', 5], ['VASE', 1], ['CARD', 1]] as const) {
      expect((await s.one(`/api/line_items/${lines[sku]}`)).attributes.shipped_quantity).toBe(quantity);
    }
    expect((await s.one(`/api/orders/${order}`)).attributes.fulfillment_status).toBe('fulfilled');
  });
});
