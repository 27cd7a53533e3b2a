// The catalogue resources over HTTP, as a client uses them: create (201), read, update,
// delete (204), delete refused while referenced (423), duplicates (409), includes, related
// routes, a SKU's inventory, stock items writing movements, and the validations of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';

describe.each(enginesUnderTest())('catalogue resources on %s', (engine) => {
  let api: TestApi;
  let category: string;
  beforeAll(async () => {
    api = await startTestApi(engine);
    category = await api.create('shipping_categories', { code: 'standard', name: 'Standard' });
  });
  afterAll(() => api.close());

  const aSku = (code: string, attributes: Record<string, unknown> = {}) =>
    api.create('skus', { code, name: `SKU ${code}`, ...attributes }, { shipping_category: { type: 'shipping_categories', id: category } });
  const aLocation = async (code: string) => {
    const address = await api.create('addresses', { line_1: 'Via Roma 1', city: 'Milano', zip_code: '20121', country_code: 'IT', lat: 45.46, lng: 9.19 });
    return api.create('stock_locations', { code, name: `Warehouse ${code}` }, { address: { type: 'addresses', id: address } });
  };

  it('creates with 201 and a Location, reads, updates and deletes with 204', async () => {
    const created = await api.post('/api/shipping_categories', { data: { type: 'shipping_categories', attributes: { code: 'bulky', name: 'Bulky', reference: 'erp-7', metadata: { a: 1 } } } });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(created.headers.location).toBe(body.data.links.self);
    expect(created.headers['content-type']).toContain('application/vnd.api+json');
    expect(body.data).toMatchObject({ type: 'shipping_categories', attributes: { code: 'bulky', name: 'Bulky', reference: 'erp-7', metadata: { a: 1 } }, meta: { mode: 'test' } });
    expect(body.data.attributes.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const id = body.data.id as string;

    const patched = await api.patch(`/api/shipping_categories/${id}`, { data: { type: 'shipping_categories', id, attributes: { name: 'Bulky goods' } } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().data.attributes).toMatchObject({ code: 'bulky', name: 'Bulky goods' });
    expect((await api.get(`/api/shipping_categories/${id}`)).json().data.attributes.name).toBe('Bulky goods');

    const deleted = await api.del(`/api/shipping_categories/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await api.get(`/api/shipping_categories/${id}`)).statusCode).toBe(404);
  });

  it('refuses to delete a record others depend on (423) and a duplicate code (409 naming the field)', async () => {
    const location = await aLocation('LOCK');
    const sku = await aSku('LOCKED-SKU');
    await api.create('stock_items', { sku_code: 'LOCKED-SKU', quantity: 1 }, { stock_location: { type: 'stock_locations', id: location } });
    const locked = await api.del(`/api/skus/${sku}`);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().errors[0]).toMatchObject({ code: 'LOCKED', status: '423' });

    const duplicate = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'LOCKED-SKU', name: 'again' }, relationships: { shipping_category: { data: { type: 'shipping_categories', id: category } } } } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0]).toMatchObject({ code: 'RECORD_NOT_UNIQUE', source: { pointer: '/data/attributes/code' } });
  });

  it('includes nested relationships once each, and serves related resources and linkage', async () => {
    const location = await aLocation('INC');
    await aSku('INC-1');
    await aSku('INC-2');
    for (const code of ['INC-1', 'INC-2']) await api.create('stock_items', { sku_code: code, quantity: 3 }, { stock_location: { type: 'stock_locations', id: location } });
    const res = await api.get('/api/stock_items?include=stock_location.address,sku.shipping_category&filter[q][stock_location_code_eq]=INC');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.data).toHaveLength(2);
    expect(doc.data[0].relationships.stock_location.data).toEqual({ type: 'stock_locations', id: location });
    const types = doc.included.map((r: { type: string }) => r.type).sort();
    expect(types).toEqual(['addresses', 'shipping_categories', 'skus', 'skus', 'stock_locations']);
    const included = doc.included.find((r: { type: string }) => r.type === 'stock_locations');
    expect(included.relationships.address.data.type).toBe('addresses');

    const related = await api.get(`/api/stock_locations/${location}/stock_items?sort=sku_code`);
    expect(related.json().data.map((r: { attributes: { sku_code: string } }) => r.attributes.sku_code)).toEqual(['INC-1', 'INC-2']);
    expect(related.json().meta.record_count).toBe(2);
    const address = await api.get(`/api/stock_locations/${location}/address`);
    expect(address.json().data.attributes.city).toBe('Milano');
    const linkage = await api.get(`/api/stock_locations/${location}/relationships/stock_items`);
    expect(linkage.json().data).toHaveLength(2);
  });

  it('applies sparse fieldsets per type', async () => {
    const res = await api.get('/api/skus?fields[skus]=code,shipping_category&include=shipping_category&fields[shipping_categories]=name');
    const sku = res.json().data[0];
    expect(Object.keys(sku.attributes)).toEqual(['code']);
    expect(Object.keys(sku.relationships)).toEqual(['shipping_category']);
    expect(Object.keys(res.json().included[0].attributes)).toEqual(['name']);
  });

  it('shows a SKU with its inventory across locations', async () => {
    const a = await aLocation('INV-A');
    const b = await aLocation('INV-B');
    const sku = await aSku('INV-SKU');
    await api.create('stock_items', { sku_code: 'INV-SKU', quantity: 4 }, { stock_location: { type: 'stock_locations', id: a } });
    await api.create('stock_items', { quantity: 6 }, { stock_location: { type: 'stock_locations', id: b }, sku: { type: 'skus', id: sku } });
    const res = await api.get(`/api/skus/${sku}`);
    expect(res.json().data.attributes.inventory).toEqual({
      available: true, quantity: 10, levels: [{ stock_location_code: 'INV-A', quantity: 4 }, { stock_location_code: 'INV-B', quantity: 6 }],
    });
  });

  it('answers SKU reads asked together with one statement, each with its own inventory, and a 404 for a missing one', async () => {
    const location = await aLocation('CO-A');
    const skus: string[] = [];
    for (const [code, quantity] of [['CO-1', 1], ['CO-2', 2], ['CO-3', 3]] as const) {
      skus.push(await aSku(code));
      await api.create('stock_items', { sku_code: code, quantity }, { stock_location: { type: 'stock_locations', id: location } });
    }
    let answers: Awaited<ReturnType<typeof api.get>>[] = [];
    const statements = await api.statementsDuring(async () => {
      answers = await Promise.all([...skus, 'sku_missing'].map((id) => api.get(`/api/skus/${id}`)));
    });
    expect(statements).toHaveLength(1);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 404]);
    expect(answers.slice(0, 3).map((r) => [r.json().data.attributes.code, r.json().data.attributes.inventory.quantity])).toEqual([['CO-1', 1], ['CO-2', 2], ['CO-3', 3]]);
    // a change committed before a read is asked is seen by it
    const item = (await api.get('/api/stock_items?filter[q][sku_code_eq]=CO-2')).json().data[0].id as string;
    expect((await api.patch(`/api/stock_items/${item}`, { data: { type: 'stock_items', id: item, attributes: { quantity: 7 } } })).statusCode).toBe(200);
    const [again] = await Promise.all([api.get(`/api/skus/${skus[1]}`), api.get(`/api/skus/${skus[0]}`)]);
    expect(again?.json().data.attributes.inventory.quantity).toBe(7);
  });

  it('writes a stock movement for every quantity change of a stock item', async () => {
    const location = await aLocation('MOV');
    await aSku('MOV-SKU');
    const id = await api.create('stock_items', { sku_code: 'MOV-SKU', quantity: 5 }, { stock_location: { type: 'stock_locations', id: location } });
    const res = await api.patch(`/api/stock_items/${id}`, { data: { type: 'stock_items', id, attributes: { quantity: 2 } } });
    expect(res.json().data.attributes.quantity).toBe(2);
    const movements = await api.get(`/api/stock_items/${id}/stock_movements?sort=seq`);
    expect(movements.json().data.map((m: { attributes: { delta: number; quantity_after: number } }) => [m.attributes.delta, m.attributes.quantity_after])).toEqual([[5, 5], [-3, 2]]);
    const reserved = await api.get(`/api/stock_items/${id}/reserved_stock`);
    expect(reserved.json().data).toMatchObject({ type: 'reserved_stocks', id, attributes: { quantity: 0 } });
    expect((await api.post('/api/stock_movements', { data: { type: 'stock_movements', attributes: {} } })).statusCode).toBe(404);
  });

  it('validates SKU salability settings and the shipping category rule', async () => {
    const noCategory = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'NOCAT', name: 'x' } } });
    expect(noCategory.statusCode).toBe(422);
    expect(noCategory.json().errors[0].source.pointer).toBe('/data/relationships/shipping_category');
    expect((await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'DIGITAL', name: 'x', do_not_ship: true } } })).statusCode).toBe(201);

    const fractional = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'FR', name: 'x', do_not_ship: true, min_sale_quantity: 1.5 } } });
    expect(fractional.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', source: { pointer: '/data/attributes/min_sale_quantity' } });
    const decimals = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'FR', name: 'x', do_not_ship: true, quantity_decimal: true, min_sale_quantity: 0.12345 } } });
    expect(decimals.statusCode).toBe(422);
    const minMax = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'MM', name: 'x', do_not_ship: true, min_sale_quantity: 5, max_sale_quantity: 2 } } });
    expect(minMax.json().errors[0].source.pointer).toBe('/data/attributes/max_sale_quantity');
    const zero = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'Z', name: 'x', do_not_ship: true, min_sale_quantity: 0 } } });
    expect(zero.statusCode).toBe(422);
  });

  it('validates inventory model strategies and cutoffs, and links models, locations and markets', async () => {
    const bad = await api.post('/api/inventory_models', { data: { type: 'inventory_models', attributes: { name: 'EU', strategy: 'cheapest' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].source.pointer).toBe('/data/attributes/strategy');
    const cutoff = await api.post('/api/inventory_models', { data: { type: 'inventory_models', attributes: { name: 'EU', stock_locations_cutoff: 51 } } });
    expect(cutoff.json().errors[0].source.pointer).toBe('/data/attributes/stock_locations_cutoff');
    const model = await api.create('inventory_models', { name: 'EU', strategy: 'split_shipments', stock_locations_cutoff: 3 });
    expect((await api.get(`/api/inventory_models/${model}`)).json().data.attributes).toMatchObject({ strategy: 'split_shipments', stock_reservation_cutoff: 3600, manual_stock_decrement: false });
    const location = await aLocation('ISL');
    const link = { inventory_model: { type: 'inventory_models', id: model }, stock_location: { type: 'stock_locations', id: location } };
    await api.create('inventory_stock_locations', { priority: 1 }, link);
    await api.create('inventory_return_locations', { priority: 1 }, link);
    const twice = await api.post('/api/inventory_stock_locations', { data: { type: 'inventory_stock_locations', attributes: { priority: 2 }, relationships: Object.fromEntries(Object.entries(link).map(([k, v]) => [k, { data: v }])) } });
    expect(twice.statusCode).toBe(409);
    const market = await api.create('markets', { code: 'eu', name: 'Europe' }, { inventory_model: { type: 'inventory_models', id: model } });
    const res = await api.get(`/api/markets/${market}?include=inventory_model.inventory_stock_locations.stock_location`);
    expect(res.json().included.map((r: { type: string }) => r.type).sort()).toEqual(['inventory_models', 'inventory_stock_locations', 'stock_locations']);
    const noModel = await api.post('/api/markets', { data: { type: 'markets', attributes: { code: 'us', name: 'US' } } });
    expect(noModel.json().errors[0].source.pointer).toBe('/data/relationships/inventory_model');
  });

  it('creates webhooks showing the shared secret only once', async () => {
    const res = await api.post('/api/webhooks', { data: { type: 'webhooks', attributes: { topic: 'orders.place', callback_url: 'https://example.com/hook' } } });
    expect(res.statusCode).toBe(201);
    const secret = res.json().data.attributes.shared_secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const again = await api.get(`/api/webhooks/${res.json().data.id}`);
    expect(again.json().data.attributes.shared_secret).toBeUndefined();
    const badUrl = await api.post('/api/webhooks', { data: { type: 'webhooks', attributes: { topic: 'orders.place', callback_url: 'ftp:/nope' } } });
    expect(badUrl.json().errors[0].source.pointer).toBe('/data/attributes/callback_url');
  });
});
