// Small random routing problems for checking fewest_shipments against brute force: up to 8
// enabled locations (mostly with coordinates), SKUs in two shipping categories, up to 8
// lines, whole and 4-decimal quantities, and a measured destination half of the time.
import fc from 'fast-check';
import { greatCircleTable } from '../distance/great-circle.js';
import type { Quantity } from '../quantity.js';
import type { DistanceTable, RoutingProblem } from '../routing.js';

const SKUS = [
  { code: 'A', shippingCategory: 'standard' },
  { code: 'B', shippingCategory: 'standard' },
  { code: 'C', shippingCategory: 'cold' },
  { code: 'D', shippingCategory: 'cold' },
  { code: 'E', shippingCategory: 'standard' },
  { code: 'F', shippingCategory: 'cold' },
  { code: 'G', shippingCategory: 'standard' },
  { code: 'H', shippingCategory: 'cold' },
].map((s) => ({ ...s, doNotShip: false, doNotTrack: false, allowBackorders: false }));

const units = (max: number) => fc.oneof(fc.integer({ min: 0, max }).map((n) => n * 10_000), fc.integer({ min: 0, max: max * 10_000 })).map((n) => n as Quantity);
const place = fc.option(fc.record({ lat: fc.double({ min: 40, max: 55, noNaN: true }), lng: fc.double({ min: -5, max: 20, noNaN: true }) }), { nil: null, freq: 5 });

/** Small problems; `distinct`: no two lines ask for the same SKU. */

export function instanceArb(strategy: string | null, distinct: boolean): fc.Arbitrary<{ problem: RoutingProblem; table: DistanceTable | undefined }> {
  return fc.integer({ min: 1, max: 8 }).chain((n) => {
    const codes = Array.from({ length: n }, (_, i) => `L${i}`);
    const skuCodes = SKUS.map((s) => s.code);
    const lineSkus = distinct ? fc.shuffledSubarray(skuCodes, { minLength: 1, maxLength: 8 }) : fc.array(fc.constantFrom(...skuCodes.slice(0, 4)), { minLength: 1, maxLength: 8 });
    return fc.record({
      locations: fc.tuple(...codes.map((code) => fc.record({ priority: fc.integer({ min: 1, max: 4 }), at: place }).map(({ priority, at }) => ({ code, priority, enabled: true, onHold: false, lat: at?.lat ?? null, lng: at?.lng ?? null })))),
      stock: fc.tuple(...codes.flatMap((location) => skuCodes.map((sku) => fc.option(units(6).map((quantity) => ({ location, sku, quantity, reserved: 0 as Quantity, status: 'in_stock' as const })), { nil: null, freq: 2 })))),
      lines: lineSkus.chain((skus) => fc.tuple(...skus.map((sku) => units(8).filter((q) => q > 0).map((quantity) => ({ sku, quantity }))))),
      destination: fc.option(fc.record({ lat: fc.double({ min: 40, max: 55, noNaN: true }), lng: fc.double({ min: -5, max: 20, noNaN: true }) }), { nil: null }),
    }).map((r) => {
      const problem: RoutingProblem = {
        strategy, algorithm: 'fewest_shipments', distanceMode: 'driving', stockLocationsCutoff: null, locations: r.locations, skus: SKUS,
        stock: r.stock.filter((s) => s !== null), lines: r.lines.map((l, i) => ({ id: `l${i + 1}`, ...l })),
        destination: r.destination === null ? null : { ...r.destination, countryCode: null, zipCode: null },
      };
      return { problem, table: r.destination === null ? undefined : greatCircleTable(problem.destination, problem.locations) };
    });
  });
}

