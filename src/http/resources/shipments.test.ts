// Every shipment trigger of API.md over HTTP, each from a legal state (with its effect on
// stock) and from an illegal one (422 naming the state): the default model (approval
// decrements), a manual_stock_decrement model (_decrement_stock / _release_stock), and an
// on_hold inventory stock location (its shipments start on_hold).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Res { statusCode: number; body: string; json(): unknown }
interface Rec { id: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: { id: string } | { id: string }[] | null }> }

const attrs = (res: Res) => (res.json() as { data: Rec }).data.attributes;
const list = (res: Res) => (res.json() as { data: Rec[] }).data;

describe.each(enginesUnderTest())('shipment triggers on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  const stockOf = async (key: string) => ({
    onHand: attrs(await api.get(`/api/stock_items/${cat.stockItems[key]}`)).quantity as number,
    reserved: attrs(await api.get(`/api/reserved_stocks/${cat.stockItems[key]}`)).quantity as number,
  });
  const shipmentOf = async (orderId: string) => list(await api.get(`/api/orders/${orderId}/shipments`))[0]!;
  const placedShipment = async (lines: Record<string, number>) => {
    const id = await draftOrder(api, cat.marketId, lines, { payment_status: 'paid' });
    const res = await trigger(api, 'orders', id, '_place');
    expect(res.statusCode, res.body).toBe(200);
    return { orderId: id, shipmentId: (await shipmentOf(id)).id };
  };
  const step = async (id: string, name: string, status: string) => {
    const res = await trigger(api, 'shipments', id, name);
    expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
    expect(attrs(res).status).toBe(status);
    return attrs(res);
  };
  const refused = async (id: string, name: string, state: string) => {
    const res = await trigger(api, 'shipments', id, name);
    expect(res.statusCode, `${name}: ${res.body}`).toBe(422);
    const e = (res.json() as { errors: { code: string; detail: string; meta: Record<string, unknown>; source: { pointer: string } }[] }).errors[0]!;
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', meta: { state }, source: { pointer: `/data/attributes/${name}` } });
    expect(e.detail).toContain(state === 'stock_decremented' ? 'already decremented' : state);
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { strategy: 'no_split', stock: { 'MUG@paris': 40, 'TSHIRT@paris': 40, 'SOFA@berlin': 5 } });
  });
  afterAll(async () => { await api.close(); });

  it('walks upcoming → on_hold → upcoming → picking → on_hold → picking → packing → ready_to_ship → shipped → delivered', async () => {
    const { orderId, shipmentId } = await placedShipment({ MUG: 2 });
    expect((await trigger(api, 'orders', orderId, '_approve')).statusCode).toBe(200);
    await refused(shipmentId, '_packing', 'upcoming');
    await refused(shipmentId, '_deliver', 'upcoming');
    await refused(shipmentId, '_upcoming', 'upcoming');
    expect(await step(shipmentId, '_on_hold', 'on_hold')).toMatchObject({ on_hold_at: expect.any(String) });
    await step(shipmentId, '_upcoming', 'upcoming');
    await step(shipmentId, '_picking', 'picking');
    await refused(shipmentId, '_ready_to_ship', 'picking');
    await step(shipmentId, '_on_hold', 'on_hold');
    await step(shipmentId, '_picking', 'picking');
    await step(shipmentId, '_packing', 'packing');
    await refused(shipmentId, '_ship', 'packing');
    await step(shipmentId, '_ready_to_ship', 'ready_to_ship');
    const shipped = await step(shipmentId, '_ship', 'shipped');
    expect(shipped).toMatchObject({ shipped_at: expect.any(String), picking_at: expect.any(String), packing_at: expect.any(String), ready_to_ship_at: expect.any(String) });
    await refused(shipmentId, '_cancel', 'shipped');
    await refused(shipmentId, '_on_hold', 'shipped');
    expect(await step(shipmentId, '_deliver', 'delivered')).toMatchObject({ delivered_at: expect.any(String) });
    await refused(shipmentId, '_deliver', 'delivered');
    const line = list(await api.get(`/api/orders/${orderId}/line_items`))[0]!;
    expect(line.attributes.shipped_quantity).toBe(2);
    expect(attrs(await api.get(`/api/orders/${orderId}`)).fulfillment_status).toBe('fulfilled');
  });

  it('_ship deducts what approval had not (placed, not approved) exactly once', async () => {
    const before = await stockOf('TSHIRT@paris');
    const { shipmentId } = await placedShipment({ TSHIRT: 3 });
    expect(await stockOf('TSHIRT@paris')).toEqual({ onHand: before.onHand, reserved: before.reserved + 3 });
    for (const [t, s] of [['_picking', 'picking'], ['_packing', 'packing'], ['_ready_to_ship', 'ready_to_ship'], ['_ship', 'shipped']] as const) await step(shipmentId, t, s);
    expect(await stockOf('TSHIRT@paris')).toEqual({ onHand: before.onHand - 3, reserved: before.reserved });
    expect(attrs(await api.get(`/api/shipments/${shipmentId}`)).stock_decremented).toBe(true);
  });

  it('_cancel releases the reservation; after approval it restocks; cancelled is final', async () => {
    const before = await stockOf('MUG@paris');
    const a = await placedShipment({ MUG: 4 });
    const cancelled = await step(a.shipmentId, '_cancel', 'cancelled');
    expect(cancelled.cancelled_at).toEqual(expect.any(String));
    expect(await stockOf('MUG@paris')).toEqual(before);
    for (const t of ['_upcoming', '_picking', '_cancel', '_decrement_stock', '_release_stock']) await refused(a.shipmentId, t, 'cancelled');

    const b = await placedShipment({ MUG: 4 });
    await trigger(api, 'orders', b.orderId, '_approve');
    expect((await stockOf('MUG@paris')).onHand).toBe(before.onHand - 4);
    await step(b.shipmentId, '_picking', 'picking');
    await step(b.shipmentId, '_cancel', 'cancelled');
    expect(await stockOf('MUG@paris')).toEqual(before);
  });

  it('_decrement_stock / _release_stock on a manual_stock_decrement model', async () => {
    const patched = await api.patch(`/api/inventory_models/${cat.modelId}`, { data: { type: 'inventory_models', id: cat.modelId, attributes: { manual_stock_decrement: true } } });
    expect(patched.statusCode).toBe(200);
    try {
      const before = await stockOf('MUG@paris');
      const a = await placedShipment({ MUG: 5 });
      expect((await trigger(api, 'orders', a.orderId, '_approve')).statusCode).toBe(200);
      expect(await stockOf('MUG@paris')).toEqual({ onHand: before.onHand, reserved: before.reserved + 5 });
      const dec = await step(a.shipmentId, '_decrement_stock', 'upcoming');
      expect(dec.stock_decremented).toBe(true);
      expect(await stockOf('MUG@paris')).toEqual({ onHand: before.onHand - 5, reserved: before.reserved });
      await refused(a.shipmentId, '_decrement_stock', 'stock_decremented');
      await refused(a.shipmentId, '_release_stock', 'stock_decremented');
      // Shipping afterwards deducts nothing more.
      for (const [t, s] of [['_picking', 'picking'], ['_packing', 'packing'], ['_ready_to_ship', 'ready_to_ship'], ['_ship', 'shipped']] as const) await step(a.shipmentId, t, s);
      expect((await stockOf('MUG@paris')).onHand).toBe(before.onHand - 5);
      await refused(a.shipmentId, '_decrement_stock', 'shipped');

      const b = await placedShipment({ MUG: 2 });
      const mid = await stockOf('MUG@paris');
      const rel = await step(b.shipmentId, '_release_stock', 'upcoming');
      expect(rel.stock_decremented).toBe(false);
      expect(await stockOf('MUG@paris')).toEqual({ onHand: mid.onHand, reserved: mid.reserved - 2 });
    } finally {
      await api.patch(`/api/inventory_models/${cat.modelId}`, { data: { type: 'inventory_models', id: cat.modelId, attributes: { manual_stock_decrement: false } } });
    }
  });

  it('a shipment from an on_hold inventory stock location starts on_hold and leaves it by _upcoming or _picking', async () => {
    const isls = list(await api.get(`/api/inventory_models/${cat.modelId}/inventory_stock_locations?include=stock_location&page[size]=25`));
    const paris = isls.find((i) => (i.relationships.stock_location!.data as { id: string }).id === cat.locations.paris)!;
    const hold = (on_hold: boolean) => api.patch(`/api/inventory_stock_locations/${paris.id}`, { data: { type: 'inventory_stock_locations', id: paris.id, attributes: { on_hold } } });
    expect((await hold(true)).statusCode).toBe(200);
    try {
      const a = await placedShipment({ MUG: 1 });
      const shipment = await api.get(`/api/shipments/${a.shipmentId}?include=inventory_stock_location`);
      expect(attrs(shipment).status).toBe('on_hold');
      expect((shipment.json() as { data: Rec }).data.relationships.inventory_stock_location!.data).toMatchObject({ id: paris.id });
      await refused(a.shipmentId, '_packing', 'on_hold');
      await step(a.shipmentId, '_upcoming', 'upcoming');
      const b = await placedShipment({ MUG: 1 });
      await step(b.shipmentId, '_picking', 'picking');
    } finally {
      await hold(false);
    }
  });

  it('shipments are not created, edited or deleted directly', async () => {
    const { shipmentId } = await placedShipment({ MUG: 1 });
    const post = await api.post('/api/shipments', { data: { type: 'shipments', attributes: {} } });
    expect(post.statusCode).toBe(422);
    const status = await api.patch(`/api/shipments/${shipmentId}`, { data: { type: 'shipments', id: shipmentId, attributes: { status: 'shipped' } } });
    expect(status.statusCode).toBe(422);
    expect(status.body).toContain('status');
    expect((await api.del(`/api/shipments/${shipmentId}`)).statusCode).toBe(404);
    expect(attrs(await api.get(`/api/shipments/${shipmentId}`)).status).toBe('upcoming');
    const meta = await api.patch(`/api/shipments/${shipmentId}`, { data: { type: 'shipments', id: shipmentId, attributes: { reference: 'WMS-1', metadata: { dock: 3 } } } });
    expect(meta.statusCode, meta.body).toBe(200);
    expect(attrs(meta)).toMatchObject({ reference: 'WMS-1', metadata: { dock: 3 } });
  });
});
