// Reads a stock snapshot file: JSON in `stockroute route`'s shape (ROUTE-FORMAT.md) for
// `locations`, `skus` and `stock`, plus `stock_locations_cutoff` and an optional `name`.
// The same schemas and messages as `route` are used, so an error names its field
// (`stock[3].quantity: must be a number with at most 4 decimals`).
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { toDecimal } from '../domain/quantity.js';
import { parseJson } from '../cli/route-format/json.js';
import { quantityReader, snapshotRows } from '../cli/route-format/snapshot-rows.js';
import { describeErrors, fieldPath } from '../cli/route-format/messages.js';
import { LocationSchema, SkuSchema, StockSchema } from '../cli/route-format/schema.js';
import type { Snapshot } from './types.js';

export const SnapshotSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    stock_locations_cutoff: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { expected: 'a whole number ≥ 1, or null for no limit' }),
    ),
    locations: Type.Array(LocationSchema, { minItems: 1 }),
    skus: Type.Optional(Type.Array(SkuSchema)),
    stock: Type.Optional(Type.Array(StockSchema)),
  },
  { additionalProperties: false },
);
type SnapshotInput = Static<typeof SnapshotSchema>;

/** An inventory model's default cutoff (API.md), used when the file does not say. */
export const DEFAULT_CUTOFF = 2;

const validator = Compile(SnapshotSchema);

export type SnapshotResult = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly errors: readonly string[] };

export function parseSnapshot(text: string, name: string): SnapshotResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, errors: [json.message] };
  if (!validator.Check(json.value)) return { ok: false, errors: describeErrors(SnapshotSchema, validator.Errors(json.value)) };
  const errors: string[] = [];
  const snapshot = toSnapshot(json.value, name, errors);
  return errors.length === 0 ? { ok: true, snapshot } : { ok: false, errors };
}

function toSnapshot(input: SnapshotInput, name: string, errors: string[]): Snapshot {
  const quantity = quantityReader(errors);
  const unique = (keys: readonly string[], field: (i: number) => (string | number)[], what: string) => {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(key)) errors.push(`${fieldPath(field(i))}: duplicate ${what}`);
      seen.add(key);
    });
  };
  const skus = input.skus ?? [];
  const stock = input.stock ?? [];
  unique(input.locations.map((l) => l.code), (i) => ['locations', i, 'code'], 'location code');
  unique(skus.map((s) => s.code), (i) => ['skus', i, 'code'], 'SKU code');
  unique(stock.map((s) => `${s.location}\u0000${s.sku}`), (i) => ['stock', i], 'stock row for this location and SKU');
  const codes = new Set(input.locations.map((l) => l.code));
  stock.forEach((s, i) => {
    if (!codes.has(s.location)) errors.push(`${fieldPath(['stock', i, 'location'])}: "${s.location}" is not a code in locations`);
  });
  return {
    name: input.name ?? name,
    stockLocationsCutoff: input.stock_locations_cutoff === undefined ? DEFAULT_CUTOFF : input.stock_locations_cutoff,
    ...snapshotRows(input, quantity),
  };
}

/** The snapshot as a file `parseSnapshot` reads back (what `--save-snapshot` writes). */
export function snapshotToJson(snapshot: Snapshot): object {
  return {
    name: snapshot.name,
    stock_locations_cutoff: snapshot.stockLocationsCutoff,
    locations: snapshot.locations.map((l) => ({ code: l.code, priority: l.priority, enabled: l.enabled, on_hold: l.onHold, lat: l.lat, lng: l.lng })),
    skus: snapshot.skus.map((s) => ({
      code: s.code,
      shipping_category: s.shippingCategory,
      do_not_ship: s.doNotShip,
      do_not_track: s.doNotTrack,
      allow_backorders: s.allowBackorders,
    })),
    stock: snapshot.stock.map((s) => ({ location: s.location, sku: s.sku, quantity: toDecimal(s.quantity), reserved: toDecimal(s.reserved), status: s.status })),
  };
}
