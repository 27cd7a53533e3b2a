import { describe, expect, it } from 'vitest';
import { decideOrder, isReadyToShip, type OrderState } from './order-machine.js';
import { decideShipment, shipmentMachine } from './shipment-machine.js';
import { decideTransfer } from './transfer-machine.js';
import { allowedTriggers } from './machine.js';

const anOrder = (o: Partial<OrderState> = {}): OrderState => ({ status: 'draft', paymentStatus: 'unpaid', ...o });

describe('order lifecycle', () => {
  it('places a draft and stamps placed_at', () => {
    expect(decideOrder(anOrder(), '_place')).toEqual({ status: 'placed', paymentStatus: 'unpaid', stamp: 'placed_at' });
  });

  it('approves and captures in one step', () => {
    expect(decideOrder(anOrder({ status: 'placed', paymentStatus: 'authorized' }), '_approve_and_capture'))
      .toEqual({ status: 'approved', paymentStatus: 'paid', stamp: 'approved_at' });
  });

  it('captures without changing the status', () => {
    expect(decideOrder(anOrder({ status: 'approved' }), '_capture')).toEqual({ status: 'approved', paymentStatus: 'paid', stamp: null });
  });

  it('refuses to capture an order that is already paid, naming the payment status', () => {
    expect(decideOrder(anOrder({ status: 'placed', paymentStatus: 'paid' }), '_capture'))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'paid', trigger: '_capture' });
  });

  it.each([
    ['draft', '_approve'], ['placed', '_place'], ['placed', '_fulfill'], ['cancelled', '_cancel'], ['fulfilled', '_cancel'],
  ] as const)('refuses %s + %s', (status, trigger) => {
    expect(decideOrder(anOrder({ status }), trigger))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', resource: 'order', state: status, trigger, message: `cannot ${trigger} a order that is ${status}` });
  });

  it('is ready to ship only when placed or approved and paid or free', () => {
    expect(isReadyToShip(anOrder({ status: 'placed', paymentStatus: 'paid' }))).toBe(true);
    expect(isReadyToShip(anOrder({ status: 'approved', paymentStatus: 'free' }))).toBe(true);
    expect(isReadyToShip(anOrder({ status: 'placed', paymentStatus: 'authorized' }))).toBe(false);
    expect(isReadyToShip(anOrder({ status: 'draft', paymentStatus: 'paid' }))).toBe(false);
  });
});

describe('shipment lifecycle', () => {
  it('walks the happy path to delivered', () => {
    let state = { status: 'upcoming', stockDecremented: false } as const as { status: Parameters<typeof decideShipment>[0]['status']; stockDecremented: boolean };
    for (const [trigger, next] of [['_picking', 'picking'], ['_packing', 'packing'], ['_ready_to_ship', 'ready_to_ship'], ['_ship', 'shipped'], ['_deliver', 'delivered']] as const) {
      const change = decideShipment(state, trigger);
      expect(change).toMatchObject({ status: next, stamp: `${next}_at` });
      state = { ...state, status: next };
    }
  });

  it('ships with the ship effect and cancels with the cancel effect', () => {
    expect(decideShipment({ status: 'ready_to_ship', stockDecremented: false }, '_ship')).toMatchObject({ effect: 'ship' });
    expect(decideShipment({ status: 'on_hold', stockDecremented: false }, '_cancel')).toMatchObject({ status: 'cancelled', effect: 'cancel' });
  });

  it('refuses to cancel once shipped and to pack before picking', () => {
    expect(decideShipment({ status: 'shipped', stockDecremented: true }, '_cancel'))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', resource: 'shipment', state: 'shipped', trigger: '_cancel' });
    expect(decideShipment({ status: 'upcoming', stockDecremented: false }, '_packing'))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'upcoming', trigger: '_packing' });
  });

  it('decrements stock once, keeping the status', () => {
    expect(decideShipment({ status: 'picking', stockDecremented: false }, '_decrement_stock')).toEqual({ status: 'picking', effect: 'decrement', stamp: null });
    expect(decideShipment({ status: 'picking', stockDecremented: true }, '_decrement_stock'))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'stock_decremented' });
    expect(decideShipment({ status: 'picking', stockDecremented: true }, '_release_stock'))
      .toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'stock_decremented' });
  });

  it('lists what may fire from on_hold', () => {
    expect(allowedTriggers(shipmentMachine, 'on_hold')).toEqual(['_upcoming', '_picking', '_cancel', '_decrement_stock', '_release_stock']);
  });
});

describe('stock transfer lifecycle', () => {
  it('completes only from in_transit', () => {
    expect(decideTransfer('in_transit', '_complete')).toEqual({ status: 'completed', stamp: 'completed_at' });
    expect(decideTransfer('picking', '_complete')).toMatchObject({ code: 'ILLEGAL_TRANSITION', resource: 'stock_transfer', state: 'picking' });
  });

  it('cancels before it leaves, not once in transit', () => {
    expect(decideTransfer('on_hold', '_cancel')).toMatchObject({ status: 'cancelled' });
    expect(decideTransfer('in_transit', '_cancel')).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'in_transit' });
  });
});
