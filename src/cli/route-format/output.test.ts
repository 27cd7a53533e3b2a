import { describe, expect, it } from 'vitest';
import { qty } from '../../domain/quantity.js';
import type { LineSelection, Plan, Selection, SourceAllocation } from '../../domain/routing.js';
import { answerToJson, formatLine, formatPretty } from './output.js';

function aSource(overrides: Partial<SourceAllocation> = {}): SourceAllocation {
  return { location: 'eu-1', priority: 1, distanceM: null, durationS: null, quantityAvailable: qty(5.5), quantityToDeduct: qty(5.5), ...overrides };
}
function aLine(overrides: Partial<LineSelection> = {}): LineSelection {
  return {
    line: 'l1',
    sku: 'A',
    quantity: qty(8),
    shortfall: qty(0),
    backordered: qty(0),
    sources: [aSource(), aSource({ location: 'eu-2', priority: 2, quantityAvailable: qty(3), quantityToDeduct: qty(2.5) })],
    ...overrides,
  };
}
function aSelection(overrides: Partial<Selection> = {}): Selection {
  return { algorithm: 'priority', algorithmUsed: 'priority', fallbackReason: null, shippable: true, lines: [aLine()], explanation: ['eu-1 (priority 1) gives 5.5 of 8 A'], ...overrides };
}
function aPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    strategy: 'split_shipments',
    selection: aSelection(),
    shipments: [{ location: 'eu-1', shippingCategory: 'standard', onHold: false, items: [{ line: 'l1', sku: 'A', quantity: qty(5.5) }] }],
    unshippedItems: [{ line: 'l2', sku: 'D', location: 'eu-1', quantity: qty(1) }],
    transfers: [{ line: 'l3', sku: 'B', from: 'eu-2', to: 'eu-1', quantity: qty(1) }],
    explanation: ['eu-1 (priority 1) gives 5.5 of 8 A'],
    ...overrides,
  };
}

describe('answerToJson', () => {
  it('writes a plan in the documented shape and key order, quantities as decimals', () => {
    const text = formatPretty(answerToJson({ kind: 'plan', plan: aPlan() }));
    expect(JSON.parse(text)).toEqual({
      strategy: 'split_shipments',
      algorithm: 'priority',
      algorithm_used: 'priority',
      fallback_reason: null,
      shippable: true,
      selection: [
        {
          line: 'l1', sku: 'A', quantity: 8, shortfall: 0, backordered: 0,
          sources: [
            { location: 'eu-1', quantity_available: 5.5, quantity_to_deduct: 5.5 },
            { location: 'eu-2', quantity_available: 3, quantity_to_deduct: 2.5 },
          ],
        },
      ],
      shipments: [{ location: 'eu-1', shipping_category: 'standard', on_hold: false, items: [{ line: 'l1', sku: 'A', quantity: 5.5 }] }],
      unshipped_items: [{ line: 'l2', sku: 'D', location: 'eu-1', quantity: 1 }],
      transfers: [{ sku: 'B', from: 'eu-2', to: 'eu-1', quantity: 1 }],
      explanation: ['eu-1 (priority 1) gives 5.5 of 8 A'],
    });
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'strategy', 'algorithm', 'algorithm_used', 'fallback_reason', 'shippable', 'selection', 'shipments', 'unshipped_items', 'transfers', 'explanation',
    ]);
    expect(text).toMatch(/^\{\n {2}"strategy": "split_shipments",\n/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes a plain selection without planned shipments, unshipped items or transfers', () => {
    const json = answerToJson({ kind: 'selection', selection: aSelection({ shippable: false, lines: [aLine({ shortfall: qty(0.0001) })] }) });
    expect(Object.keys(json)).toEqual(['strategy', 'algorithm', 'algorithm_used', 'fallback_reason', 'shippable', 'selection', 'explanation']);
    expect(json).toMatchObject({ strategy: null, shippable: false, selection: [{ shortfall: 0.0001 }] });
  });

  it('shows distances, rounded to 0.1, on every source when the ranking measured them', () => {
    const selection = aSelection({
      algorithm: 'distance',
      algorithmUsed: 'distance',
      lines: [aLine({ sources: [aSource({ distanceM: 683_123.456, durationS: 24_012.04 }), aSource({ location: 'eu-9', priority: 9 })] })],
    });
    const json = answerToJson({ kind: 'selection', selection }) as { selection: { sources: unknown[] }[] };
    expect(json.selection[0]?.sources).toEqual([
      { location: 'eu-1', distance_m: 683_123.5, duration_s: 24_012, quantity_available: 5.5, quantity_to_deduct: 5.5 },
      { location: 'eu-9', distance_m: null, duration_s: null, quantity_available: 5.5, quantity_to_deduct: 5.5 },
    ]);
  });

  it('writes exact decimals for quantities that are not binary fractions', () => {
    const json = answerToJson({ kind: 'selection', selection: aSelection({ lines: [aLine({ quantity: qty(0.3), sources: [aSource({ quantityAvailable: qty(0.1), quantityToDeduct: qty(0.1) })] })] }) });
    expect(formatLine(json)).toContain('"quantity":0.3,');
    expect(formatLine(json)).toContain('"quantity_available":0.1,');
    expect(formatLine(json).split('\n')).toHaveLength(2);
  });
});
