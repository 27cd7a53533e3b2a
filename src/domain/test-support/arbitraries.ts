// fast-check generators of random routing problems: a handful of locations with tied
// priorities, some disabled or on hold, some without coordinates; four SKUs with random
// categories and flags; stock rows with 4-decimal quantities, reservations (sometimes above
// the quantity) and out-of-stock rows; lines that repeat SKUs or name unknown ones; a cutoff.
import fc from 'fast-check';
import { greatCircleTable } from '../distance/great-circle.js';
import type { Quantity } from '../quantity.js';
import type { Destination, DistanceEntry, DistanceTable, LocationInput, RoutingProblem, SkuInput, StockInput } from '../routing.js';

const SKU_CODES = ['S0', 'S1', 'S2', 'S3'] as const;

/** A quantity up to `units`, often whole, often with 4 decimals. */
export const quantityArb = (units: number): fc.Arbitrary<Quantity> =>
  fc.oneof(fc.integer({ min: 0, max: units }).map((n) => n * 10_000), fc.integer({ min: 0, max: units * 10_000 })).map((n) => n as Quantity);

const coordinate = fc.option(fc.record({ lat: fc.double({ min: 35, max: 60, noNaN: true }), lng: fc.double({ min: -10, max: 30, noNaN: true }) }), {
  nil: null,
  freq: 4,
});

const locationArb = (code: string): fc.Arbitrary<LocationInput> =>
  fc.record({ priority: fc.integer({ min: 1, max: 4 }), enabled: oneIn(5).map((b) => !b), onHold: oneIn(4), coordinate }).map(
    ({ priority, enabled, onHold, coordinate: c }) => ({ code, priority, enabled, onHold, lat: c?.lat ?? null, lng: c?.lng ?? null }),
  );

function oneIn(n: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 1, max: n }).map((k) => k === 1);
}

const skuArb = (code: string): fc.Arbitrary<SkuInput> =>
  fc.record({
    code: fc.constant(code),
    shippingCategory: fc.constantFrom(null, 'standard', 'cold'),
    doNotShip: oneIn(5),
    doNotTrack: oneIn(6),
    allowBackorders: fc.boolean(),
  });

export const problemArb = (base: Pick<RoutingProblem, 'strategy' | 'algorithm'>): fc.Arbitrary<RoutingProblem> =>
  fc.integer({ min: 0, max: 7 }).chain((n) => {
    const codes = Array.from({ length: n }, (_, i) => `L${i}`);
    const rowArb = (location: string, sku: string) =>
      fc.option(
        fc.record({
          location: fc.constant(location),
          sku: fc.constant(sku),
          quantity: quantityArb(12),
          reserved: fc.oneof(fc.constant(0 as Quantity), quantityArb(14)),
          status: fc.constantFrom<StockInput['status']>('in_stock', 'in_stock', 'in_stock', 'out_of_stock'),
        }),
        { nil: null, freq: 2 },
      );
    return fc.record({
      locations: fc.tuple(...codes.map(locationArb)),
      skus: fc.tuple(...SKU_CODES.map(skuArb)),
      stock: fc.tuple(...codes.flatMap((l) => SKU_CODES.map((s) => rowArb(l, s)))).map((rows) => rows.filter((r) => r !== null)),
      lines: fc.array(fc.record({ sku: fc.constantFrom(...SKU_CODES, 'S9'), quantity: quantityArb(20).filter((q) => q > 0) }), { maxLength: 6 }),
      cutoff: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
      destination: fc.option(coordinate.map((c): Destination => ({ lat: c?.lat ?? null, lng: c?.lng ?? null, countryCode: null, zipCode: null })), { nil: null }),
      mode: fc.constantFrom('driving', 'bicycling', 'walking' as const),
    }).map(
      (r): RoutingProblem => ({
        ...base,
        distanceMode: r.mode,
        stockLocationsCutoff: r.cutoff,
        locations: r.locations,
        skus: r.skus,
        stock: r.stock,
        lines: r.lines.map((l, i) => ({ id: `l${i + 1}`, ...l })),
        destination: r.destination,
      }),
    );
  });

/** What a provider might have measured for a problem: nothing, great-circle, 'unavailable', or partial travel times. */
export const distancesArb = (problem: RoutingProblem): fc.Arbitrary<DistanceTable | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(greatCircleTable(problem.destination, problem.locations)),
    fc.constant<DistanceTable>({ kind: 'unavailable', provider: 'osrm', reason: 'NoTable: no route found' }),
    fc.tuple(...problem.locations.map(() => fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }))).map(
      (times): DistanceTable => ({
        kind: 'measured',
        provider: 'osrm',
        entries: new Map(problem.locations.map((l, i): [string, DistanceEntry] => [l.code, { distanceM: times[i] === null ? null : (times[i] ?? 0) * 20, durationS: times[i] ?? null }])),
      }),
    ),
  );

/** The same problem with its locations, SKUs and stock rows in another order. */
export const shuffledArb = (problem: RoutingProblem): fc.Arbitrary<RoutingProblem> => {
  const all = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
  return fc.record({ locations: all(problem.locations), skus: all(problem.skus), stock: all(problem.stock) }).map((r) => ({ ...problem, ...r }));
};
