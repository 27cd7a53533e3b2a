import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qty, type Quantity } from '../quantity.js';
import { quantityArb } from '../test-support/arbitraries.js';
import { MANUAL_REASONS, decideStockChange, type ManualReason, type StockChange } from './stock-change.js';

const onHand = (quantity: number, held = 0) => ({ quantity: qty(quantity), held: qty(held) });
const delta = (d: number): StockChange => ({ kind: 'delta', delta: qty(d) });
const count = (q: number, expected?: number): StockChange => ({ kind: 'count', quantity: qty(q), expected: expected === undefined ? undefined : qty(expected) });

describe('deciding a manual stock change', () => {
  it('adds a delta, and turns a count into the difference', () => {
    expect(decideStockChange(onHand(10), delta(5), 'received')).toEqual({ ok: true, delta: qty(5) });
    expect(decideStockChange(onHand(10, 4), count(7), 'count_correction')).toEqual({ ok: true, delta: qty(-3) });
    expect(decideStockChange(onHand(10), count(10, 10), 'count_correction')).toEqual({ ok: true, delta: 0 });
  });

  it('refuses a stale count, whatever the count', () => {
    expect(decideStockChange(onHand(9), count(12, 10), 'count_correction')).toEqual({ ok: false, refusal: { kind: 'stale', current: qty(9), expected: qty(10) } });
  });

  it('refuses a removal below what orders hold, saying how much was asked and held', () => {
    expect(decideStockChange(onHand(10, 6), delta(-5), 'damaged')).toEqual({
      ok: false, refusal: { kind: 'below_held', asked: qty(5), onHand: qty(10), held: qty(6), floor: qty(6) },
    });
    expect(decideStockChange(onHand(3), delta(-4), 'lost')).toMatchObject({ ok: false, refusal: { kind: 'below_held', floor: 0 } });
    expect(decideStockChange(onHand(10, 6), delta(-4), 'lost')).toEqual({ ok: true, delta: qty(-4) });
  });

  it('lets an arrival through even when orders already hold more than is on hand (backorders)', () => {
    expect(decideStockChange(onHand(2, 5), delta(1), 'received')).toEqual({ ok: true, delta: qty(1) });
  });

  it('refuses a reason that points the other way', () => {
    expect(decideStockChange(onHand(10), delta(-1), 'received')).toMatchObject({ ok: false, refusal: { kind: 'wrong_direction', reason: 'received' } });
    expect(decideStockChange(onHand(10), count(12), 'damaged')).toMatchObject({ ok: false, refusal: { kind: 'wrong_direction', reason: 'damaged' } });
    expect(decideStockChange(onHand(10), count(12), 'found')).toEqual({ ok: true, delta: qty(2) });
  });

  it('never leaves on-hand below zero nor below held after a removal, and always lands on a count', () => {
    const reason = fc.constantFrom<ManualReason>(...MANUAL_REASONS);
    const change = fc.oneof(
      fc.tuple(quantityArb(50), fc.boolean()).map(([d, neg]): StockChange => ({ kind: 'delta', delta: (neg ? -d : d) as Quantity })),
      quantityArb(50).map((q): StockChange => ({ kind: 'count', quantity: q })),
    );
    fc.assert(fc.property(quantityArb(50), quantityArb(50), change, reason, (quantity, held, c, r) => {
      const d = decideStockChange({ quantity, held }, c, r);
      if (!d.ok) return;
      const after = quantity + d.delta;
      if (d.delta < 0) expect(after).toBeGreaterThanOrEqual(Math.max(0, held));
      if (c.kind === 'count') expect(after).toBe(c.quantity);
      if (['received', 'returned', 'found'].includes(r)) expect(d.delta).toBeGreaterThanOrEqual(0);
      if (['damaged', 'lost'].includes(r)) expect(d.delta).toBeLessThanOrEqual(0);
    }));
  });
});
