// Stock transfers over HTTP, planned by a ship_from_primary model (what the primary lacks
// comes from the next locations): every trigger from a legal state and from an illegal one
// (422 naming the state), _complete moving the stock, _cancel releasing the origin; and
// returns restocked at the model's return location.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Res { statusCode: number; body: string; json(): unknown }
interface Rec { id: string; type: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: { id: string } | { id: string }[] | null }> }

const attrs = (res: Res) => (res.json() as { data: Rec }).data.attributes;
const list = (res: Res) => (res.json() as { data: Rec[] }).data;
const relId = (r: Rec, name: string) => (r.relationships[name]!.data as { id: string } | null)?.id;

describe.each(enginesUnderTest())('stock transfers and returns on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  const quantityAt = async (sku: string, location: string) => {
    const rows = list(await api.get(`/api/stock_items?filter[q][sku_code_eq]=${sku}&filter[q][stock_location_code_eq]=${location}`));
    if (!rows[0]) return { onHand: 0, reserved: 0 };
    return {
      onHand: rows[0].attributes.quantity as number,
      reserved: attrs(await api.get(`/api/reserved_stocks/${rows[0].id}`)).quantity as number,
    };
  };
  /** Places TSHIRT × n on the ship_from_primary model: Paris (primary) has 5, Lyon 100. */
  const placeWithTransfer = async (n: number) => {
    const orderId = await draftOrder(api, cat.marketId, { TSHIRT: n }, { payment_status: 'paid' });
    const res = await trigger(api, 'orders', orderId, '_place');
    expect(res.statusCode, res.body).toBe(200);
    const transfers = list(await api.get(`/api/orders/${orderId}/stock_transfers?include=origin_stock_location,destination_stock_location,shipment`));
    expect(transfers).toHaveLength(1);
    return { orderId, transfer: transfers[0]! };
  };
  const step = async (id: string, name: string, status: string) => {
    const res = await trigger(api, 'stock_transfers', id, name);
    expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
    expect(attrs(res).status).toBe(status);
    return attrs(res);
  };
  const refused = async (id: string, name: string, state: string) => {
    const res = await trigger(api, 'stock_transfers', id, name);
    expect(res.statusCode, `${name}: ${res.body}`).toBe(422);
    const e = (res.json() as { errors: { code: string; detail: string; meta: Record<string, unknown> }[] }).errors[0]!;
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', meta: { state } });
    expect(e.detail).toContain(state);
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { strategy: 'ship_from_primary', stock: { 'TSHIRT@paris': 5, 'TSHIRT@lyon': 100, 'MUG@paris': 10 } });
  });
  afterAll(async () => { await api.close(); });

  it('plans a transfer from Lyon to the primary for what Paris lacks, reserving the origin', async () => {
    const lyonBefore = await quantityAt('TSHIRT', 'lyon');
    const { orderId, transfer } = await placeWithTransfer(8);
    expect(transfer.attributes).toMatchObject({ sku_code: 'TSHIRT', quantity: 3, status: 'upcoming', number: expect.any(String) });
    expect(relId(transfer, 'origin_stock_location')).toBe(cat.locations.lyon);
    expect(relId(transfer, 'destination_stock_location')).toBe(cat.locations.paris);
    const shipments = list(await api.get(`/api/orders/${orderId}/shipments?include=stock_location,stock_transfers`));
    expect(shipments.map((s) => relId(s, 'stock_location'))).toEqual([cat.locations.paris]);
    expect(relId(transfer, 'shipment')).toBe(shipments[0]!.id);
    expect(await quantityAt('TSHIRT', 'lyon')).toEqual({ onHand: lyonBefore.onHand, reserved: lyonBefore.reserved + 3 });
    await trigger(api, 'orders', orderId, '_cancel');
  });

  it('walks upcoming → on_hold → upcoming → picking → on_hold → picking → in_transit → completed; completing moves the stock', async () => {
    const { orderId, transfer } = await placeWithTransfer(7);
    const lyon = await quantityAt('TSHIRT', 'lyon');
    const paris = await quantityAt('TSHIRT', 'paris');
    await refused(transfer.id, '_complete', 'upcoming');
    await refused(transfer.id, '_in_transit', 'upcoming');
    await refused(transfer.id, '_upcoming', 'upcoming');
    expect(await step(transfer.id, '_on_hold', 'on_hold')).toMatchObject({ on_hold_at: expect.any(String) });
    await step(transfer.id, '_upcoming', 'upcoming');
    await step(transfer.id, '_picking', 'picking');
    await step(transfer.id, '_on_hold', 'on_hold');
    await step(transfer.id, '_picking', 'picking');
    expect(await step(transfer.id, '_in_transit', 'in_transit')).toMatchObject({ in_transit_at: expect.any(String) });
    await refused(transfer.id, '_cancel', 'in_transit');
    expect(await quantityAt('TSHIRT', 'lyon')).toEqual(lyon); // nothing moves before completion
    expect(await step(transfer.id, '_complete', 'completed')).toMatchObject({ completed_at: expect.any(String) });
    // Origin: the 2 reserved become a deduction. Destination: +2, held for the order's shipment.
    expect(await quantityAt('TSHIRT', 'lyon')).toEqual({ onHand: lyon.onHand - 2, reserved: lyon.reserved - 2 });
    expect(await quantityAt('TSHIRT', 'paris')).toEqual({ onHand: paris.onHand + 2, reserved: paris.reserved + 2 });
    for (const t of ['_complete', '_cancel', '_picking']) await refused(transfer.id, t, 'completed');
    const movements = list(await api.get(`/api/stock_movements?filter[q][reason_in]=transfer_in,transfer_out&filter[q][sku_code_eq]=TSHIRT&page[size]=25`));
    expect(movements.map((m) => `${String(m.attributes.reason)} ${String(m.attributes.delta)}`).sort()).toEqual(['transfer_in 2', 'transfer_out -2']);
    // The shipment now carries all 7 from Paris and ships them.
    const shipment = list(await api.get(`/api/orders/${orderId}/shipments?include=stock_line_items`))[0]!;
    const lines = list(await api.get(`/api/shipments/${shipment.id}/stock_line_items`));
    expect(lines.reduce((s, l) => s + (l.attributes.quantity as number), 0)).toBe(7);
    expect((await trigger(api, 'orders', orderId, '_approve')).statusCode).toBe(200);
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) expect((await trigger(api, 'shipments', shipment.id, t)).statusCode, t).toBe(200);
    expect(await quantityAt('TSHIRT', 'paris')).toEqual({ onHand: paris.onHand + 2 - 7, reserved: paris.reserved - 5 });
  });

  it('_cancel releases the origin reservation; a cancelled transfer moves no more', async () => {
    // Stock was consumed above: Paris now holds 0 TSHIRTs, so the whole order comes by transfer.
    const { orderId, transfer } = await placeWithTransfer(4);
    const lyon = await quantityAt('TSHIRT', 'lyon');
    expect(await step(transfer.id, '_cancel', 'cancelled')).toMatchObject({ cancelled_at: expect.any(String) });
    expect(await quantityAt('TSHIRT', 'lyon')).toEqual({ onHand: lyon.onHand, reserved: lyon.reserved - (transfer.attributes.quantity as number) });
    for (const t of ['_upcoming', '_picking', '_in_transit', '_complete', '_cancel']) await refused(transfer.id, t, 'cancelled');
    await trigger(api, 'orders', orderId, '_cancel');
  });

  it('put_stock_transfers_on_hold plans transfers on_hold', async () => {
    await api.patch(`/api/inventory_models/${cat.modelId}`, { data: { type: 'inventory_models', id: cat.modelId, attributes: { put_stock_transfers_on_hold: true } } });
    try {
      const { orderId, transfer } = await placeWithTransfer(2);
      expect(transfer.attributes.status).toBe('on_hold');
      await refused(transfer.id, '_in_transit', 'on_hold');
      await step(transfer.id, '_picking', 'picking');
      await trigger(api, 'orders', orderId, '_cancel');
      expect(attrs(await api.get(`/api/stock_transfers/${transfer.id}`)).status).toBe('cancelled');
    } finally {
      await api.patch(`/api/inventory_models/${cat.modelId}`, { data: { type: 'inventory_models', id: cat.modelId, attributes: { put_stock_transfers_on_hold: false } } });
    }
  });

  it('transfers are not created directly; a read_only integration cannot trigger them', async () => {
    const post = await api.post('/api/stock_transfers', { data: { type: 'stock_transfers', attributes: {} } });
    expect(post.statusCode).toBe(422);
    const { orderId, transfer } = await placeWithTransfer(1);
    const reader = await api.token('read_only');
    expect((await trigger(api, 'stock_transfers', transfer.id, '_picking', reader)).statusCode).toBe(403);
    expect(attrs(await api.get(`/api/stock_transfers/${transfer.id}`)).status).toBe('upcoming');
    await trigger(api, 'orders', orderId, '_cancel');
  });

  it('a return is restocked at the first return location by priority; restocking twice names "restocked"', async () => {
    const link = (loc: string, priority: number) => api.create('inventory_return_locations', { priority }, {
      inventory_model: { type: 'inventory_models', id: cat.modelId }, stock_location: { type: 'stock_locations', id: loc },
    });
    const orderId = await draftOrder(api, cat.marketId, { MUG: 3 }, { payment_status: 'paid' });
    await trigger(api, 'orders', orderId, '_place');
    await trigger(api, 'orders', orderId, '_approve');
    const shipment = list(await api.get(`/api/orders/${orderId}/shipments`))[0]!;
    const lineId = list(await api.get(`/api/orders/${orderId}/line_items`))[0]!.id;
    const early = await api.post('/api/returns', { data: { type: 'returns', attributes: { return_line_items: [{ line_item_id: lineId, quantity: 1 }] }, relationships: { order: { data: { type: 'orders', id: orderId } } } } });
    expect(early.statusCode).toBe(422); // nothing shipped yet
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await trigger(api, 'shipments', shipment.id, t);

    const create = (quantity: unknown) => api.post('/api/returns', { data: { type: 'returns', attributes: { return_line_items: [{ line_item_id: lineId, quantity }] }, relationships: { order: { data: { type: 'orders', id: orderId } } } } });
    for (const bad of [4, -1, 0.00001, 'x']) {
      const res = await create(bad);
      expect(res.statusCode, `${String(bad)}: ${res.body}`).toBe(422);
    }
    const created = await create(2);
    expect(created.statusCode, created.body).toBe(201);
    const returnId = (created.json() as { data: Rec }).data.id;
    const noLocation = await trigger(api, 'returns', returnId, '_restock');
    expect(noLocation.statusCode).toBe(422);
    expect(noLocation.body).toMatch(/return location/);

    await link(cat.locations.berlin, 2);
    await link(cat.locations.lyon, 1);
    const before = await quantityAt('MUG', 'lyon');
    const res = await api.patch(`/api/returns/${returnId}?include=stock_location`, { data: { type: 'returns', id: returnId, attributes: { _restock: true } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(attrs(res)).toMatchObject({ status: 'restocked', restocked_at: expect.any(String) });
    expect((res.json() as { data: Rec }).data.relationships.stock_location!.data).toMatchObject({ id: cat.locations.lyon });
    expect(await quantityAt('MUG', 'lyon')).toEqual({ onHand: before.onHand + 2, reserved: before.reserved });
    expect((await quantityAt('MUG', 'berlin')).onHand).toBe(0);
    const lines = list(await api.get(`/api/returns/${returnId}/return_line_items`));
    expect(lines.map((l) => l.attributes)).toEqual([expect.objectContaining({ sku_code: 'MUG', quantity: 2, restocked_at: expect.any(String) })]);

    const again = await trigger(api, 'returns', returnId, '_restock');
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ errors: [{ code: 'ILLEGAL_TRANSITION', meta: { state: 'restocked' } }] });
    expect((await quantityAt('MUG', 'lyon')).onHand).toBe(before.onHand + 2);
    // Only 1 of the 3 shipped is still returnable.
    expect((await create(2)).statusCode).toBe(422);
    expect((await create(1)).statusCode).toBe(201);
    // A return stays with its order; its reference can still change.
    const otherOrder = await draftOrder(api, cat.marketId, { MUG: 1 });
    const move = await api.patch(`/api/returns/${returnId}`, { data: { type: 'returns', id: returnId, relationships: { order: { data: { type: 'orders', id: otherOrder } } } } });
    expect(move.statusCode, move.body).toBe(422);
    const renamed = await api.patch(`/api/returns/${returnId}?include=order`, { data: { type: 'returns', id: returnId, attributes: { reference: 'RMA-9', reference_origin: 'helpdesk' } } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(attrs(renamed)).toMatchObject({ reference: 'RMA-9', reference_origin: 'helpdesk', status: 'restocked' });
    expect((renamed.json() as { data: Rec }).data.relationships.order!.data).toMatchObject({ id: orderId });
  });

  it('a return names its restock location: validated against the model\'s return locations, changeable until restocked', async () => {
    // The previous test made lyon (priority 1) and berlin (priority 2) return locations.
    const orderId = await draftOrder(api, cat.marketId, { MUG: 2 }, { payment_status: 'paid' });
    await trigger(api, 'orders', orderId, '_place');
    await trigger(api, 'orders', orderId, '_approve');
    const shipment = list(await api.get(`/api/orders/${orderId}/shipments`))[0]!;
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await trigger(api, 'shipments', shipment.id, t);
    const lineId = list(await api.get(`/api/orders/${orderId}/line_items`))[0]!.id;
    const create = (location?: string) => api.post('/api/returns?include=stock_location', { data: { type: 'returns', attributes: { return_line_items: [{ line_item_id: lineId, quantity: 1 }] }, relationships: {
      order: { data: { type: 'orders', id: orderId } }, ...(location ? { stock_location: { data: { type: 'stock_locations', id: location } } } : {}),
    } } });
    const wrong = await create(cat.locations.paris);
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json()).toMatchObject({ errors: [{ code: 'VALIDATION_ERROR', source: { pointer: '/data/relationships/stock_location' }, detail: expect.stringContaining('not a return location') as string }] });

    const byDefault = await create();
    expect(byDefault.statusCode, byDefault.body).toBe(201);
    const first = (byDefault.json() as { data: Rec }).data;
    expect(relId(first, 'stock_location')).toBe(cat.locations.lyon);
    const named = await create(cat.locations.berlin);
    expect(named.statusCode, named.body).toBe(201);
    const second = (named.json() as { data: Rec }).data;
    expect(relId(second, 'stock_location')).toBe(cat.locations.berlin);

    const moveWrong = await api.patch(`/api/returns/${first.id}`, { data: { type: 'returns', id: first.id, relationships: { stock_location: { data: { type: 'stock_locations', id: cat.locations.paris } } } } });
    expect(moveWrong.statusCode).toBe(422);
    const moved = await api.patch(`/api/returns/${first.id}?include=stock_location`, { data: { type: 'returns', id: first.id, relationships: { stock_location: { data: { type: 'stock_locations', id: cat.locations.berlin } } } } });
    expect(moved.statusCode, moved.body).toBe(200);
    const before = await quantityAt('MUG', 'berlin');
    expect((await trigger(api, 'returns', first.id, '_restock')).statusCode).toBe(200);
    expect((await trigger(api, 'returns', second.id, '_restock')).statusCode).toBe(200);
    expect((await quantityAt('MUG', 'berlin')).onHand).toBe(before.onHand + 2);
    const late = await api.patch(`/api/returns/${first.id}`, { data: { type: 'returns', id: first.id, relationships: { stock_location: { data: { type: 'stock_locations', id: cat.locations.lyon } } } } });
    expect(late.json()).toMatchObject({ errors: [{ code: 'ILLEGAL_TRANSITION', meta: { state: 'restocked' } }] });
  });
});
