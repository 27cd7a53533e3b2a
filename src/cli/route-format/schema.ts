// The TypeBox schema of `stockroute route` input (ROUTE-FORMAT.md), snake_case as users write
// it. A node may carry `expected`, the words an error message uses for it ("must be a number
// with at most 4 decimals"), and `messages`, a message per failing keyword. What a schema cannot say (4 decimals, unknown location
// codes, duplicates, registered strategy names) is checked in input.ts.
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { DISTANCE_MODES } from '../../domain/routing.js';

export const QUANTITY_EXPECTED = 'a number with at most 4 decimals';

const quantity = (options: { positive?: boolean } = {}) =>
  Type.Number({
    ...(options.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
    expected: QUANTITY_EXPECTED,
    messages: options.positive ? { exclusiveMinimum: 'must be greater than 0' } : { minimum: 'must not be negative' },
  });

const nullable = <T extends TSchema>(schema: T, expected: string) => Type.Union([schema, Type.Null()], { expected });
const code = (what: string) => Type.String({ minLength: 1, expected: `a non-empty ${what} code` });
const latitude = nullable(Type.Number({ minimum: -90, maximum: 90 }), 'a latitude between -90 and 90, or null');
const longitude = nullable(Type.Number({ minimum: -180, maximum: 180 }), 'a longitude between -180 and 180, or null');

export const LocationSchema = Type.Object(
  {
    code: code('location'),
    name: Type.Optional(Type.String()),
    priority: Type.Integer({ minimum: 1, expected: 'a whole number ≥ 1 (1 is the primary)' }),
    enabled: Type.Optional(Type.Boolean()),
    on_hold: Type.Optional(Type.Boolean()),
    lat: Type.Optional(latitude),
    lng: Type.Optional(longitude),
  },
  { additionalProperties: false },
);

export const SkuSchema = Type.Object(
  {
    code: code('SKU'),
    name: Type.Optional(Type.String()),
    shipping_category: Type.Optional(nullable(Type.String(), 'a string or null')),
    do_not_ship: Type.Optional(Type.Boolean()),
    do_not_track: Type.Optional(Type.Boolean()),
    allow_backorders: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const StockSchema = Type.Object(
  {
    location: code('location'),
    sku: code('SKU'),
    quantity: quantity(),
    reserved: Type.Optional(quantity()),
    status: Type.Optional(Type.Enum(['in_stock', 'out_of_stock'])),
  },
  { additionalProperties: false },
);

export const LineSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, expected: 'a non-empty line id' }),
    sku: code('SKU'),
    quantity: quantity({ positive: true }),
  },
  { additionalProperties: false },
);

/** The address may carry more (street, city…); only these fields are read. */
export const AddressSchema = Type.Object({
  lat: Type.Optional(latitude),
  lng: Type.Optional(longitude),
  country_code: Type.Optional(nullable(Type.String(), 'a string or null')),
  zip_code: Type.Optional(nullable(Type.String(), 'a string or null')),
});

export const RouteInputSchema = Type.Object(
  {
    strategy: Type.Optional(nullable(Type.String({ minLength: 1 }), 'a strategy name or null')),
    algorithm: Type.Optional(Type.String({ minLength: 1, expected: 'a ranking name' })),
    distance_mode: Type.Optional(Type.Enum([...DISTANCE_MODES])),
    time_budget_ms: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000, expected: 'a whole number of milliseconds from 1 to 60000' })),
    stock_locations_cutoff: Type.Optional(nullable(Type.Integer({ minimum: 1 }), 'a whole number ≥ 1, or null for no limit')),
    locations: Type.Array(LocationSchema),
    skus: Type.Optional(Type.Array(SkuSchema)),
    stock: Type.Optional(Type.Array(StockSchema)),
    order: Type.Object(
      {
        lines: Type.Array(LineSchema, { minItems: 1 }),
        shipping_address: Type.Optional(nullable(AddressSchema, 'an address object or null')),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type RouteInput = Static<typeof RouteInputSchema>;
