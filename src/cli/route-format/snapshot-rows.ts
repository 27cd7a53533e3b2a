// The stock snapshot part of ROUTE-FORMAT input (`locations`, `skus`, `stock`) with its
// documented defaults filled in, shared by `stockroute route` and the simulator's snapshot
// files. Quantities go through `quantity`, which records a field-named error and returns 0.
import type { Static } from 'typebox';
import { isQuantityError, parseQuantity, ZERO, type Quantity } from '../../domain/quantity.js';
import type { LocationInput, SkuInput, StockInput } from '../../domain/routing.js';
import { fieldPath } from './messages.js';
import { QUANTITY_EXPECTED, type LocationSchema, type SkuSchema, type StockSchema } from './schema.js';

export type QuantityReader = (raw: number, path: (string | number)[]) => Quantity;

/** Parses a quantity, or records `<field>: must be …` in `errors`. */
export function quantityReader(errors: string[]): QuantityReader {
  return (raw, path) => {
    const q = parseQuantity(raw);
    if (!isQuantityError(q)) return q;
    errors.push(`${fieldPath(path)}: must be ${QUANTITY_EXPECTED}`);
    return ZERO;
  };
}

export interface SnapshotRowsInput {
  readonly locations: readonly Static<typeof LocationSchema>[];
  readonly skus?: readonly Static<typeof SkuSchema>[] | undefined;
  readonly stock?: readonly Static<typeof StockSchema>[] | undefined;
}

export function snapshotRows(input: SnapshotRowsInput, quantity: QuantityReader): {
  locations: LocationInput[]; skus: SkuInput[]; stock: StockInput[];
} {
  return {
    locations: input.locations.map((l) => ({
      code: l.code,
      priority: l.priority,
      enabled: l.enabled ?? true,
      onHold: l.on_hold ?? false,
      lat: l.lat ?? null,
      lng: l.lng ?? null,
    })),
    skus: (input.skus ?? []).map((s) => ({
      code: s.code,
      shippingCategory: s.shipping_category ?? null,
      doNotShip: s.do_not_ship ?? false,
      doNotTrack: s.do_not_track ?? false,
      allowBackorders: s.allow_backorders ?? false,
    })),
    stock: (input.stock ?? []).map((s, i) => ({
      location: s.location,
      sku: s.sku,
      quantity: quantity(s.quantity, ['stock', i, 'quantity']),
      reserved: s.reserved === undefined ? ZERO : quantity(s.reserved, ['stock', i, 'reserved']),
      status: s.status ?? 'in_stock',
    })),
  };
}
