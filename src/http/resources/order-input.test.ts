// The order side against bad input and as a list: unknown attributes, wrong quantities,
// unknown relationship ids, bad triggers — always a 4xx naming what is wrong, never a 500;
// include across the order graph, filters, sorting and pages on orders; Idempotency-Key on
// _place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Res { statusCode: number; body: string; json(): unknown }
interface Rec { id: string; type: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: { type: string; id: string } | { type: string; id: string }[] | null }> }
interface ListDoc { data: Rec[]; included?: Rec[]; meta: { record_count: number; page_count: number }; links: Record<string, string> }
interface ErrorDoc { errors: { code: string; detail: string; status: string; source?: { pointer?: string; parameter?: string } }[] }

const err = (res: Res) => (res.json() as ErrorDoc).errors[0]!;
const attrs = (res: Res) => (res.json() as { data: Rec }).data.attributes;

describe.each(enginesUnderTest())('order-side input and lists on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  const expect4xx = (res: Res, status: number, text: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.body).not.toMatch(/stack|at .*\.ts:|Internal/);
    expect(`${err(res).detail} ${err(res).source?.pointer ?? ''}`).toMatch(text);
  };
  const order = (attributes: Record<string, unknown>, relationships: Record<string, unknown>) => api.post('/api/orders', { data: { type: 'orders', attributes, relationships } });
  const market = () => ({ market: { data: { type: 'markets', id: cat.marketId } } });
  const line = (orderId: string, attributes: Record<string, unknown>) => api.post('/api/line_items', {
    data: { type: 'line_items', attributes, relationships: { order: { data: { type: 'orders', id: orderId } } } },
  });

  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { stock: { 'TSHIRT@paris': 100, 'MUG@paris': 100, 'MUG@lyon': 100, 'SOFA@berlin': 100 } });
  });
  afterAll(async () => { await api.close(); });

  it('unknown or read-only attributes on orders and line items are 422 naming them', async () => {
    expect4xx(await order({ colour: 'red' }, market()), 422, /colour/);
    expect4xx(await order({ status: 'placed' }, market()), 422, /status/);
    expect4xx(await order({ payment_status: 'stolen' }, market()), 422, /payment_status/);
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    expect4xx(await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { number: 'X-1' } } }), 422, /number/);
    expect4xx(await line(id, { sku_code: 'MUG', quantity: 1, price: 3 }), 422, /price/);
    expect4xx(await line(id, { sku_code: 'MUG', quantity: 1, backordered_quantity: 1 }), 422, /backordered_quantity/);
  });

  it('negative, zero, 5-decimal and string quantities are 422 at /data/attributes/quantity, on create and update', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as ListDoc).data[0]!.id;
    for (const quantity of [-1, 0, 1.00001, '2', 'two', null, 1e20]) {
      const created = await line(id, { sku_code: 'MUG', quantity });
      expect(created.statusCode, `${String(quantity)}: ${created.body}`).toBe(422);
      expect(err(created).source?.pointer).toBe('/data/attributes/quantity');
      const updated = await api.patch(`/api/line_items/${lineId}`, { data: { type: 'line_items', id: lineId, attributes: { quantity } } });
      expect(updated.statusCode, `${String(quantity)}: ${updated.body}`).toBe(422);
    }
    // A fractional quantity on a SKU without quantity_decimal is refused by its sale rules.
    expect4xx(await line(id, { sku_code: 'MUG', quantity: 1.5 }), 422, /quantity/);
    expect(attrs(await api.get(`/api/line_items/${lineId}`)).quantity).toBe(1);
  });

  it('unknown relationship ids are 404 naming the record; a missing market is 422', async () => {
    expect4xx(await order({}, { market: { data: { type: 'markets', id: 'mkt_nope' } } }), 404, /mkt_nope/);
    expect4xx(await order({}, { ...market(), shipping_address: { data: { type: 'addresses', id: 'addr_nope' } } }), 404, /addr_nope/);
    expect4xx(await order({}, {}), 422, /market/);
    expect4xx(await order({}, { market: { data: { type: 'skus', id: cat.marketId } } }), 422, /market/);
    expect4xx(await line('ord_nope', { sku_code: 'MUG', quantity: 1 }), 404, /ord_nope/);
    const id = await draftOrder(api, cat.marketId, {});
    expect4xx(await line(id, { sku_code: 'NOPE', quantity: 1 }), 422, /NOPE.*sku_code/);
    const address = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, relationships: { shipping_address: { data: { type: 'addresses', id: 'addr_gone' } } } } });
    expect4xx(address, 404, /addr_gone/);
    expect4xx(await trigger(api, 'orders', 'ord_missing', '_place'), 404, /ord_missing/);
    expect4xx(await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id: 'ord_other', attributes: {} } }), 400, /ord_other/);
  });

  it('line items of a placed order cannot be added, changed or removed', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    await trigger(api, 'orders', id, '_place');
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as ListDoc).data[0]!.id;
    expect4xx(await line(id, { sku_code: 'MUG', quantity: 1 }), 422, /placed/);
    expect4xx(await api.patch(`/api/line_items/${lineId}`, { data: { type: 'line_items', id: lineId, attributes: { quantity: 9 } } }), 422, /placed/);
    expect((await api.del(`/api/line_items/${lineId}`)).statusCode).toBe(422);
    expect(attrs(await api.get(`/api/line_items/${lineId}`)).quantity).toBe(1);
  });

  it('reference, reference_origin and metadata can be updated on every order-side resource', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 }, { payment_status: 'paid' });
    await trigger(api, 'orders', id, '_place');
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as ListDoc).data[0]!.id;
    const shipmentId = ((await api.get(`/api/orders/${id}/shipments`)).json() as ListDoc).data[0]!.id;
    const selection = await api.post('/api/source_selections', { data: { type: 'source_selections', relationships: { order: { data: { type: 'orders', id } } } } });
    expect(selection.statusCode, selection.body).toBe(201);
    const selectionId = (selection.json() as { data: Rec }).data.id;
    const common = { reference: 'R-1', reference_origin: 'erp', metadata: { batch: 7 } };
    for (const [type, rid] of [['orders', id], ['line_items', lineId], ['shipments', shipmentId], ['source_selections', selectionId]] as const) {
      const res = await api.patch(`/api/${type}/${rid}`, { data: { type, id: rid, attributes: common } });
      expect(res.statusCode, `${type}: ${res.body}`).toBe(200);
      expect(attrs(res), type).toMatchObject(common);
      expect(attrs(await api.get(`/api/${type}/${rid}`)), type).toMatchObject(common);
    }
  });

  it('an order keeps its own copy of the shipping address, on create and on update; reference_origin is kept on create', async () => {
    const shared = await api.create('addresses', { line_1: '5 Quai', city: 'Lyon', zip_code: '69002', country_code: 'FR', lat: 45.75, lng: 4.83 });
    const created = await order({ reference_origin: 'shop' }, { ...market(), shipping_address: { data: { type: 'addresses', id: shared } } });
    expect(created.statusCode, created.body).toBe(201);
    expect(attrs(created).reference_origin).toBe('shop');
    const id = (created.json() as { data: Rec }).data.id;
    const other = await api.create('addresses', { line_1: '9 Ring', city: 'Berlin', zip_code: '10115', country_code: 'DE', lat: 52.5, lng: 13.4 });
    const moved = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, relationships: { shipping_address: { data: { type: 'addresses', id: other } } } } });
    expect(moved.statusCode, moved.body).toBe(200);
    await api.patch(`/api/addresses/${other}`, { data: { type: 'addresses', id: other, attributes: { city: 'Hamburg' } } });
    const address = await api.get(`/api/orders/${id}/shipping_address`);
    expect(address.statusCode).toBe(200);
    expect((address.json() as { data: Rec }).data.attributes.city).toBe('Berlin');
    expect((address.json() as { data: Rec }).data.id).not.toBe(other);
    const cleared = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, relationships: { shipping_address: { data: null } } } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((await api.get(`/api/orders/${id}/shipping_address`)).json()).toMatchObject({ data: null });
  });

  it('a line item or a source selection never moves to another order', async () => {
    const a = await draftOrder(api, cat.marketId, { MUG: 1 }, { payment_status: 'paid' });
    const b = await draftOrder(api, cat.marketId, { MUG: 1 }, { payment_status: 'paid' });
    const lineId = ((await api.get(`/api/orders/${a}/line_items`)).json() as ListDoc).data[0]!.id;
    const toOrder = (id: string) => ({ order: { data: { type: 'orders', id } } });
    expect4xx(await api.patch(`/api/line_items/${lineId}`, { data: { type: 'line_items', id: lineId, relationships: toOrder(b) } }), 422, /relationships\/order/);
    const same = await api.patch(`/api/line_items/${lineId}`, { data: { type: 'line_items', id: lineId, attributes: { quantity: 2 }, relationships: toOrder(a) } });
    expect(same.statusCode, same.body).toBe(200);
    expect(((await api.get(`/api/orders/${a}/line_items`)).json() as ListDoc).data.map((l) => l.id)).toEqual([lineId]);
    await trigger(api, 'orders', a, '_place');
    await trigger(api, 'orders', b, '_place');
    const sel = await api.post('/api/source_selections', { data: { type: 'source_selections', relationships: toOrder(a) } });
    const selId = (sel.json() as { data: Rec }).data.id;
    expect4xx(await api.patch(`/api/source_selections/${selId}`, { data: { type: 'source_selections', id: selId, relationships: toOrder(b) } }), 422, /relationships\/order/);
    expect(((await api.get(`/api/orders/${b}/line_items`)).json() as ListDoc).data).toHaveLength(1);
  });

  it('a trigger set to false does nothing; an unknown trigger is 422 naming it; a non-boolean trigger is 422', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    const off = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { _place: false } } });
    expect(off.statusCode, off.body).toBe(200);
    expect(attrs(off).status).toBe('draft');
    expect4xx(await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { _explode: true } } }), 422, /_explode/);
    expect4xx(await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { _place: 'yes' } } }), 422, /_place/);
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as ListDoc).data[0]!.id;
    expect4xx(await trigger(api, 'line_items', lineId, '_place'), 422, /_place/);
    expect(attrs(await api.get(`/api/orders/${id}`)).status).toBe('draft');
  });

  it('Idempotency-Key on _place: the retry returns the first response and places once', async () => {
    const id = await draftOrder(api, cat.marketId, { SOFA: 2 });
    const sofa = async () => attrs(await api.get(`/api/reserved_stocks/${cat.stockItems['SOFA@berlin']}`)).quantity as number;
    const before = await sofa();
    const body = { data: { type: 'orders', id, attributes: { _place: true } } };
    const first = await api.patch(`/api/orders/${id}`, body, api.admin, { 'idempotency-key': `place-${id}` });
    expect(first.statusCode, first.body).toBe(200);
    const retry = await api.patch(`/api/orders/${id}`, body, api.admin, { 'idempotency-key': `place-${id}` });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await sofa()).toBe(before + 2);
    const shipments = (await api.get(`/api/orders/${id}/shipments`)).json() as ListDoc;
    expect(shipments.meta.record_count).toBe(1);
    // Without the key, the same PATCH is an illegal transition.
    expect((await api.patch(`/api/orders/${id}`, body)).statusCode).toBe(422);
    // Same key, different body: refused, nothing happens.
    const other = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { _cancel: true } } }, api.admin, { 'idempotency-key': `place-${id}` });
    expect(other.statusCode).toBe(422);
    expect(attrs(await api.get(`/api/orders/${id}`)).status).toBe('placed');
  });

  it('includes line_items, shipments.stock_line_items and stock_reservations of orders', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 2, SOFA: 1 }, { reference: 'INC-1' });
    await trigger(api, 'orders', id, '_place');
    const res = await api.get(`/api/orders?filter[q][reference_eq]=INC-1&include=line_items,shipments.stock_line_items,stock_reservations`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as ListDoc;
    expect(doc.data.map((o) => o.id)).toEqual([id]);
    const rels = doc.data[0]!.relationships;
    const ids = (name: string) => (rels[name]!.data as { id: string }[]).map((d) => d.id).sort();
    const included = (type: string) => doc.included!.filter((r) => r.type === type);
    expect(ids('line_items')).toEqual(included('line_items').map((r) => r.id).sort());
    expect(included('line_items').map((l) => `${String(l.attributes.sku_code)}×${String(l.attributes.quantity)}`).sort()).toEqual(['MUG×2', 'SOFA×1']);
    expect(ids('shipments')).toHaveLength(2);
    expect(included('shipments').map((s) => s.id).sort()).toEqual(ids('shipments'));
    const shipmentLines = included('shipments').flatMap((s) => (s.relationships.stock_line_items!.data as { id: string }[]).map((d) => d.id));
    expect(included('stock_line_items').map((r) => r.id).sort()).toEqual(shipmentLines.sort());
    expect(included('stock_line_items').map((r) => r.attributes.quantity as number).reduce((a, b) => a + b, 0)).toBe(3);
    expect(ids('stock_reservations')).toHaveLength(2);
    expect(included('stock_reservations').every((r) => r.attributes.status === 'pending')).toBe(true);
    const single = await api.get(`/api/orders/${id}?include=shipments.stock_line_items.stock_item,market`);
    expect(single.statusCode).toBe(200);
    expect(((single.json() as ListDoc).included ?? []).map((r) => r.type)).toEqual(expect.arrayContaining(['shipments', 'stock_line_items', 'stock_items', 'markets']));
    expect4xx(await api.get('/api/orders?include=nonsense'), 400, /nonsense/);
  });

  it('filters, sorts and pages orders', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await draftOrder(api, cat.marketId, { MUG: 1 }, { reference: `PAGE-${i}` }));
    await trigger(api, 'orders', ids[1]!, '_place');
    await trigger(api, 'orders', ids[3]!, '_place');
    const get = async (q: string) => {
      const res = await api.get(`/api/orders?filter[q][reference_start]=PAGE-&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ListDoc;
    };
    const refs = (d: ListDoc) => d.data.map((o) => o.attributes.reference);
    expect(refs(await get('filter[q][status_eq]=placed&sort=reference'))).toEqual(['PAGE-1', 'PAGE-3']);
    expect(refs(await get('filter[q][status_in]=draft&sort=-reference'))).toEqual(['PAGE-2', 'PAGE-0']);
    expect(refs(await get('filter[q][placed_at_null]=true&sort=reference'))).toEqual(['PAGE-0', 'PAGE-2']);
    const placedOne = attrs(await api.get(`/api/orders/${ids[3]!}`));
    expect(refs(await get(`filter[q][number_eq]=${String(placedOne.number)}`))).toEqual(['PAGE-3']);
    expect(refs(await get('filter[q][market_code_eq]=eu&filter[q][status_not_eq]=draft&sort=reference'))).toEqual(['PAGE-1', 'PAGE-3']);
    const page2 = await get('sort=reference&page[number]=2&page[size]=3');
    expect(refs(page2)).toEqual(['PAGE-3']);
    expect(page2.meta).toEqual({ record_count: 4, page_count: 2 });
    expect(page2.links.prev).toBeDefined();
    expect(page2.links.next).toBeUndefined();
    const encoded = await api.get('/api/orders?filter%5Bq%5D%5Breference_start%5D=PAGE-&sort=-reference&page%5Bsize%5D=1');
    expect(refs(encoded.json() as ListDoc)).toEqual(['PAGE-3']);
    expect((await api.get('/api/orders?page[size]=26')).statusCode).toBe(400);
    expect((await api.get('/api/orders?sort=colour')).statusCode).toBe(400);
    expect((await api.get('/api/orders?filter[q][colour_eq]=red')).statusCode).toBe(400);
  });
});
