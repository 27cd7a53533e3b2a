import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { placeOrder } from './orders/place.js';
import { changeReturnLocation, createReturn, restockReturn } from './returns.js';
import { triggerShipment } from './shipments.js';
import { aWorld, domainError, level } from './test-support/order-world.js';

describe.each(enginesUnderTest())('where a return restocks on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  /** A shipped order of 3 TEE; return locations by priority: closed (disabled), rtn-a, rtn-b. */
  const shipped = async () => {
    const w = await aWorld(db, {
      locations: { 'eu-1': {}, closed: { enabled: false }, 'rtn-a': {}, 'rtn-b': {} },
      returnLocations: ['closed', 'rtn-a', 'rtn-b'], stock: { TEE: { 'eu-1': 3 } },
    });
    const order = await w.order({ TEE: 3 });
    const { shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(w.ctx, shipment!.id, t);
    const line = await db.kysely.selectFrom('line_items').select('id').where('order_id', '=', order.id).executeTakeFirstOrThrow();
    return { w, order, lines: [{ lineItemId: line.id, quantity: 1 }] };
  };

  it('defaults to the highest-priority enabled return location, chosen when the return is created', async () => {
    const { w, order, lines } = await shipped();
    const ret = await createReturn(w.ctx, order.id, lines);
    expect(ret.stock_location_id).toBe(w.location['rtn-a']!.id);
    await restockReturn(w.ctx, ret.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['rtn-a']!)).toEqual({ onHand: 1, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location.closed!)).toEqual({ onHand: 0, reserved: 0 });
  });

  it('restocks where the return names, which must be a return location of the model', async () => {
    const { w, order, lines } = await shipped();
    const wrong = await domainError(createReturn(w.ctx, order.id, lines, { stockLocationId: w.location['eu-1']!.id }));
    expect(wrong).toMatchObject({ code: 'VALIDATION_ERROR', field: '/data/relationships/stock_location' });
    expect(wrong.message).toContain(`its return locations are ${w.location.closed!.code}, ${w.location['rtn-a']!.code}, ${w.location['rtn-b']!.code}`);
    const ret = await createReturn(w.ctx, order.id, lines, { stockLocationId: w.location['rtn-b']!.id });
    expect(ret.stock_location_id).toBe(w.location['rtn-b']!.id);
    // Changed before restocking: back to the default, then restocked there.
    expect((await changeReturnLocation(w.ctx, ret.id, null)).stock_location_id).toBe(w.location['rtn-a']!.id);
    await restockReturn(w.ctx, ret.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['rtn-a']!)).toEqual({ onHand: 1, reserved: 0 });
    expect(await domainError(changeReturnLocation(w.ctx, ret.id, w.location['rtn-b']!.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'restocked' });
  });
});
