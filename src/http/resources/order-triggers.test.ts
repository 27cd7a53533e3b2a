// Every order and line-item trigger of API.md over HTTP: each succeeds from a legal state
// with its stock effect, and is refused from an illegal one with a 422 naming the state.
// Who may pull them: read_only integrations never (403), sales channels only _place, and
// never on another market's orders (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Res { statusCode: number; body: string; json(): unknown }
interface Attrs { data: { id: string; attributes: Record<string, unknown> } }
interface ErrorDoc { errors: { code: string; detail: string; status: string; meta: Record<string, unknown>; source?: { pointer?: string } }[] }

const attrs = (res: Res) => (res.json() as Attrs).data.attributes;
const firstError = (res: Res) => (res.json() as ErrorDoc).errors[0]!;

describe.each(enginesUnderTest())('order and line item triggers on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  const stockOf = async (key: string) => {
    const si = attrs(await api.get(`/api/stock_items/${cat.stockItems[key]}`)).quantity as number;
    const reserved = attrs(await api.get(`/api/reserved_stocks/${cat.stockItems[key]}`)).quantity as number;
    return { onHand: si, reserved };
  };
  const placed = async (lines: Record<string, number>, attributes: Record<string, unknown> = {}) => {
    const id = await draftOrder(api, cat.marketId, lines, attributes);
    const res = await trigger(api, 'orders', id, '_place');
    expect(res.statusCode, res.body).toBe(200);
    return id;
  };
  const expectIllegal = (res: Res, state: string) => {
    expect(res.statusCode, res.body).toBe(422);
    const e = firstError(res);
    expect(e.detail).toContain(state);
    expect(['ILLEGAL_TRANSITION', 'VALIDATION_ERROR']).toContain(e.code);
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { stock: { 'TSHIRT@paris': 50, 'MUG@paris': 50, 'SOFA@berlin': 10 } });
  });
  afterAll(async () => { await api.close(); });

  it('_place reserves stock and stamps placed_at; placing again names the state', async () => {
    const before = await stockOf('MUG@paris');
    const id = await placed({ MUG: 2 });
    const order = attrs(await api.get(`/api/orders/${id}`));
    expect(order).toMatchObject({ status: 'placed', placed_at: expect.any(String) });
    expect(await stockOf('MUG@paris')).toEqual({ onHand: before.onHand, reserved: before.reserved + 2 });
    const again = await trigger(api, 'orders', id, '_place');
    expectIllegal(again, 'placed');
    expect(firstError(again).meta).toMatchObject({ state: 'placed' });
  });

  it('_approve decrements on-hand and clears the reservation; approving twice names the state', async () => {
    const before = await stockOf('MUG@paris');
    const id = await placed({ MUG: 3 });
    const res = await trigger(api, 'orders', id, '_approve');
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'approved', approved_at: expect.any(String), payment_status: 'unpaid' });
    expect(await stockOf('MUG@paris')).toEqual({ onHand: before.onHand - 3, reserved: before.reserved });
    expectIllegal(await trigger(api, 'orders', id, '_approve'), 'approved');
  });

  it("an order's stock_reservations are pending once placed and gone once approved", async () => {
    const id = await placed({ MUG: 2, TSHIRT: 1 });
    const reservations = async () => ((await api.get(`/api/orders/${id}/stock_reservations`)).json() as { data: Attrs['data'][] }).data.map((r) => r.attributes);
    expect((await reservations()).map((r) => `${String(r.status)}:${String(r.quantity)}`).sort()).toEqual(['pending:1', 'pending:2']);
    expect((await reservations()).every((r) => r.expires_at === null)).toBe(true);
    await trigger(api, 'orders', id, '_approve');
    expect(await reservations()).toEqual([]);
  });

  it('two concurrent _place of one order place it once', async () => {
    const before = await stockOf('MUG@paris');
    const id = await draftOrder(api, cat.marketId, { MUG: 2 });
    const results = await Promise.all([trigger(api, 'orders', id, '_place'), trigger(api, 'orders', id, '_place')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect((await stockOf('MUG@paris')).reserved).toBe(before.reserved + 2);
    expect(((await api.get(`/api/orders/${id}/shipments`)).json() as { data: unknown[] }).data).toHaveLength(1);
  });

  it('_approve on a draft names the draft state', async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    expectIllegal(await trigger(api, 'orders', id, '_approve'), 'draft');
    expectIllegal(await trigger(api, 'orders', id, '_approve_and_capture'), 'draft');
    expectIllegal(await trigger(api, 'orders', id, '_fulfill'), 'draft');
  });

  it('_capture makes an authorized order paid; capturing a paid one names "paid"', async () => {
    const id = await placed({ MUG: 1 }, { payment_status: 'authorized' });
    const res = await trigger(api, 'orders', id, '_capture');
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'placed', payment_status: 'paid' });
    expectIllegal(await trigger(api, 'orders', id, '_capture'), 'paid');
    expectIllegal(await trigger(api, 'orders', id, '_approve_and_capture'), 'paid');
  });

  it('_approve_and_capture approves and pays in one step', async () => {
    const id = await placed({ MUG: 1 }, { payment_status: 'authorized' });
    const res = await trigger(api, 'orders', id, '_approve_and_capture');
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'approved', payment_status: 'paid' });
  });

  it('_cancel after approval restocks; cancelling twice names "cancelled"', async () => {
    const before = await stockOf('TSHIRT@paris');
    const id = await placed({ TSHIRT: 4 });
    expect((await trigger(api, 'orders', id, '_approve')).statusCode).toBe(200);
    expect((await stockOf('TSHIRT@paris')).onHand).toBe(before.onHand - 4);
    const res = await trigger(api, 'orders', id, '_cancel');
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String) });
    expect(await stockOf('TSHIRT@paris')).toEqual(before);
    const shipments = (await api.get(`/api/orders/${id}/shipments`)).json() as { data: Attrs['data'][] };
    expect(shipments.data.map((s) => s.attributes.status)).toEqual(['cancelled']);
    expectIllegal(await trigger(api, 'orders', id, '_cancel'), 'cancelled');
    expectIllegal(await trigger(api, 'orders', id, '_place'), 'cancelled');
  });

  it('_cancel is refused once a shipment has shipped', async () => {
    const id = await placed({ MUG: 1 }, { payment_status: 'paid' });
    await trigger(api, 'orders', id, '_approve');
    const shipmentId = ((await api.get(`/api/orders/${id}/shipments`)).json() as { data: { id: string }[] }).data[0]!.id;
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) expect((await trigger(api, 'shipments', shipmentId, t)).statusCode).toBe(200);
    const res = await trigger(api, 'orders', id, '_cancel');
    expect(res.statusCode).toBe(422);
    expect(firstError(res).detail).toMatch(/shipped/);
  });

  it('_fulfill only once every line shipped in full', async () => {
    const id = await placed({ MUG: 2 }, { payment_status: 'paid' });
    await trigger(api, 'orders', id, '_approve');
    const early = await trigger(api, 'orders', id, '_fulfill');
    expect(early.statusCode).toBe(422);
    expect(firstError(early).detail).toMatch(/MUG has 0 of 2 shipped/);
    const shipmentId = ((await api.get(`/api/orders/${id}/shipments`)).json() as { data: { id: string }[] }).data[0]!.id;
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) expect((await trigger(api, 'shipments', shipmentId, t)).statusCode).toBe(200);
    const res = await trigger(api, 'orders', id, '_fulfill');
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'fulfilled', fulfillment_status: 'fulfilled', fulfilled_at: expect.any(String) });
    expectIllegal(await trigger(api, 'orders', id, '_fulfill'), 'fulfilled');
  });

  it('line item _reserve_stock holds a draft reservation that expires; refused once placed', async () => {
    const id = await draftOrder(api, cat.marketId, { SOFA: 2 });
    const lines = (await api.get(`/api/orders/${id}/line_items`)).json() as { data: { id: string }[] };
    const lineId = lines.data[0]!.id;
    const before = await stockOf('SOFA@berlin');
    const res = await trigger(api, 'line_items', lineId, '_reserve_stock');
    expect(res.statusCode, res.body).toBe(200);
    const reservations = (await api.get(`/api/line_items/${lineId}/stock_reservations`)).json() as { data: Attrs['data'][] };
    expect(reservations.data.map((r) => r.attributes)).toEqual([expect.objectContaining({ status: 'draft', quantity: 2, expires_at: expect.any(String) })]);
    const expires = Date.parse(String(reservations.data[0]!.attributes.expires_at));
    expect(expires - Date.now()).toBeGreaterThan(3000 * 1000); // default stock_reservation_cutoff 3600 s
    expect((await stockOf('SOFA@berlin')).reserved).toBe(before.reserved + 2);
    // Reserving again replaces the hold rather than doubling it.
    expect((await trigger(api, 'line_items', lineId, '_reserve_stock')).statusCode).toBe(200);
    expect((await stockOf('SOFA@berlin')).reserved).toBe(before.reserved + 2);
    expect((await trigger(api, 'orders', id, '_place')).statusCode).toBe(200);
    expect((await stockOf('SOFA@berlin')).reserved).toBe(before.reserved + 2);
    expectIllegal(await trigger(api, 'line_items', lineId, '_reserve_stock'), 'placed');
  });

  it('line item _reserve_stock beyond what is available is INSUFFICIENT_STOCK and holds nothing', async () => {
    const id = await draftOrder(api, cat.marketId, { SOFA: 1000 });
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as { data: { id: string }[] }).data[0]!.id;
    const before = await stockOf('SOFA@berlin');
    const res = await trigger(api, 'line_items', lineId, '_reserve_stock');
    expect(res.statusCode).toBe(422);
    expect(firstError(res)).toMatchObject({ code: 'INSUFFICIENT_STOCK', meta: { sku_code: 'SOFA', requested: 1000 } });
    expect(await stockOf('SOFA@berlin')).toEqual(before);
  });

  it('a read_only integration reads orders but every trigger is 403 and changes nothing', async () => {
    const reader = await api.token('read_only');
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    expect((await api.get(`/api/orders/${id}`, reader)).statusCode).toBe(200);
    for (const t of ['_place', '_approve', '_cancel']) {
      const res = await trigger(api, 'orders', id, t, reader);
      expect(res.statusCode, `${t}: ${res.body}`).toBe(403);
      expect(firstError(res).code).toBe('FORBIDDEN');
    }
    const lineId = ((await api.get(`/api/orders/${id}/line_items`)).json() as { data: { id: string }[] }).data[0]!.id;
    expect((await trigger(api, 'line_items', lineId, '_reserve_stock', reader)).statusCode).toBe(403);
    expect(attrs(await api.get(`/api/orders/${id}`)).status).toBe('draft');
    await trigger(api, 'orders', id, '_place');
    const shipmentId = ((await api.get(`/api/orders/${id}/shipments`)).json() as { data: { id: string }[] }).data[0]!.id;
    expect((await trigger(api, 'shipments', shipmentId, '_picking', reader)).statusCode).toBe(403);
    expect(attrs(await api.get(`/api/shipments/${shipmentId}`)).status).toBe('upcoming');
  });

  it('a sales channel places its own order but may not approve, capture, cancel or move shipments', async () => {
    const shop = await api.token({ marketId: cat.marketId });
    const id = await draftOrder(api, cat.marketId, { MUG: 1 }, {}, shop);
    const lineId = ((await api.get(`/api/orders/${id}/line_items`, shop)).json() as { data: { id: string }[] }).data[0]!.id;
    expect((await trigger(api, 'line_items', lineId, '_reserve_stock', shop)).statusCode).toBe(200);
    expect((await trigger(api, 'orders', id, '_place', shop)).statusCode).toBe(200);
    for (const t of ['_approve', '_approve_and_capture', '_capture', '_cancel', '_fulfill']) {
      expect((await trigger(api, 'orders', id, t, shop)).statusCode, t).toBe(403);
    }
    const shipmentId = ((await api.get(`/api/orders/${id}/shipments`, shop)).json() as { data: { id: string }[] }).data[0]!.id;
    expect((await trigger(api, 'shipments', shipmentId, '_picking', shop)).statusCode).toBe(403);
    expect(attrs(await api.get(`/api/orders/${id}`)).status).toBe('placed');
    const pay = await api.patch(`/api/orders/${id}`, { data: { type: 'orders', id, attributes: { payment_status: 'paid' } } }, shop);
    expect(pay.statusCode).toBe(403);
    expect(attrs(await api.get(`/api/orders/${id}`)).payment_status).toBe('unpaid');
    const paidCart = await api.post('/api/orders', { data: { type: 'orders', attributes: { payment_status: 'paid' }, relationships: { market: { data: { type: 'markets', id: cat.marketId } } } } }, shop);
    expect(paidCart.statusCode, paidCart.body).toBe(403);
    // Reservations are not a sales channel's to read: an include of them is left out.
    const withReservations = await api.get(`/api/orders/${id}?include=stock_reservations,line_items`, shop);
    expect(withReservations.statusCode).toBe(200);
    const types = ((withReservations.json() as { included?: { type: string }[] }).included ?? []).map((r) => r.type);
    expect(types).toContain('line_items');
    expect(types).not.toContain('stock_reservations');
    expect((await api.get(`/api/orders/${id}/stock_reservations`, shop)).statusCode).toBe(403);
  });

  it("a lone _place reads nothing before placing, and a sales channel's _place of another market's draft is a 404 that places nothing", async () => {
    const id = await draftOrder(api, cat.marketId, { MUG: 1 });
    let res: Res | undefined;
    const statements = await api.statementsDuring(async () => { res = await trigger(api, 'orders', id, '_place'); });
    expect(res?.statusCode, res?.body).toBe(200);
    // The placement finds the order itself (its locking snapshot): no SELECT of the order first.
    expect(statements).not.toContain('SelectQueryNode');

    const otherModel = await api.create('inventory_models', { name: 'Elsewhere', strategy: 'no_split' });
    await api.create('inventory_stock_locations', { priority: 1 }, {
      inventory_model: { type: 'inventory_models', id: otherModel }, stock_location: { type: 'stock_locations', id: cat.locations.paris },
    });
    const otherMarket = await api.create('markets', { code: 'elsewhere', name: 'Elsewhere' }, { inventory_model: { type: 'inventory_models', id: otherModel } });
    const foreign = await draftOrder(api, otherMarket, { MUG: 1 });
    const shop = await api.token({ marketId: cat.marketId });
    const before = await stockOf('MUG@paris');
    const refused = await trigger(api, 'orders', foreign, '_place', shop);
    expect(refused.statusCode).toBe(404);
    expect(firstError(refused).detail).toContain(foreign);
    expect(attrs(await api.get(`/api/orders/${foreign}`)).status).toBe('draft');
    expect(await stockOf('MUG@paris')).toEqual(before);
  });

  it("a sales channel cannot see or touch another market's order, line items or shipments (404)", async () => {
    const otherModel = await api.create('inventory_models', { name: 'Other', strategy: 'no_split' });
    await api.create('inventory_stock_locations', { priority: 1 }, {
      inventory_model: { type: 'inventory_models', id: otherModel }, stock_location: { type: 'stock_locations', id: cat.locations.paris },
    });
    const otherMarket = await api.create('markets', { code: 'other', name: 'Other' }, { inventory_model: { type: 'inventory_models', id: otherModel } });
    const foreign = await draftOrder(api, otherMarket, { MUG: 1 });
    expect((await trigger(api, 'orders', foreign, '_place')).statusCode).toBe(200);
    const lineId = ((await api.get(`/api/orders/${foreign}/line_items`)).json() as { data: { id: string }[] }).data[0]!.id;
    const shipmentId = ((await api.get(`/api/orders/${foreign}/shipments`)).json() as { data: { id: string }[] }).data[0]!.id;

    const shop = await api.token({ marketId: cat.marketId });
    for (const url of [`/api/orders/${foreign}`, `/api/orders/${foreign}/line_items`, `/api/line_items/${lineId}`, `/api/shipments/${shipmentId}`, `/api/shipments/${shipmentId}/stock_line_items`]) {
      expect((await api.get(url, shop)).statusCode, url).toBe(404);
    }
    expect((await trigger(api, 'orders', foreign, '_place', shop)).statusCode).toBe(404);
    expect((await trigger(api, 'line_items', lineId, '_reserve_stock', shop)).statusCode).toBe(404);
    const edit = await api.patch(`/api/line_items/${lineId}`, { data: { type: 'line_items', id: lineId, attributes: { quantity: 5 } } }, shop);
    expect(edit.statusCode).toBe(404);
    const add = await api.post('/api/line_items', {
      data: { type: 'line_items', attributes: { sku_code: 'MUG', quantity: 1 }, relationships: { order: { data: { type: 'orders', id: foreign } } } },
    }, shop);
    expect(add.statusCode).toBe(404);
    // Sales channels never DELETE (403 for every id, so it tells nothing about the record).
    expect((await api.del(`/api/line_items/${lineId}`, shop)).statusCode).toBe(403);
    expect(((await api.get(`/api/line_items/${lineId}`)).statusCode)).toBe(200);
    for (const type of ['orders', 'line_items', 'shipments', 'stock_line_items']) {
      const list = (await api.get(`/api/${type}?page[size]=25`, shop)).json() as { data: { id: string }[] };
      expect(list.data.map((r) => r.id)).not.toContain(type === 'orders' ? foreign : type === 'line_items' ? lineId : shipmentId);
    }
    const included = (await api.get(`/api/markets/${cat.marketId}?include=orders`, shop));
    expect(included.body).not.toContain(foreign);
  });
});
