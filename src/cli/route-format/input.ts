// Reads `stockroute route` input (ROUTE-FORMAT.md) into a RoutingProblem: JSON text →
// schema check (schema.ts) → the checks a schema cannot make (at most 4 decimals, known
// location codes, no duplicates, registered strategy and ranking names) → the documented
// defaults filled in. Every problem found is reported, each naming its field.
import { Compile } from 'typebox/compile';
import type { RoutingProblem } from '../../domain/routing.js';
import { parseJson } from './json.js';
import { describeErrors, fieldPath } from './messages.js';
import { RouteInputSchema } from './schema.js';
import { quantityReader, snapshotRows } from './snapshot-rows.js';
import type { RouteInput } from './schema.js';

/** The names the engine has registered, so input can be checked against them. */
export interface Registries {
  readonly strategies: readonly string[];
  readonly rankings: readonly string[];
}

export type DecodeResult =
  | { readonly ok: true; readonly problem: RoutingProblem }
  | { readonly ok: false; readonly errors: readonly string[] };

/** With a strategy, only the first two locations by priority are candidates unless told otherwise. */
export const DEFAULT_CUTOFF_WITH_STRATEGY = 2;

const validator = Compile(RouteInputSchema);

export function parseRouteInput(text: string, registries: Registries): DecodeResult {
  const json = parseJson(text);
  return json.ok ? decodeRouteInput(json.value, registries) : { ok: false, errors: [json.message] };
}

export function decodeRouteInput(value: unknown, registries: Registries): DecodeResult {
  if (!validator.Check(value)) {
    return { ok: false, errors: describeErrors(RouteInputSchema, validator.Errors(value)) };
  }
  const errors: string[] = [];
  const problem = toProblem(value, registries, errors);
  return errors.length === 0 ? { ok: true, problem } : { ok: false, errors };
}

function toProblem(input: RouteInput, registries: Registries, errors: string[]): RoutingProblem {
  const quantity = quantityReader(errors);
  const oneOf = (name: string | null | undefined, known: readonly string[], path: string) => {
    if (name != null && !known.includes(name)) errors.push(`${path}: "${name}" is not one of ${known.join(', ')}`);
  };
  const unique = (keys: readonly string[], path: (i: number) => (string | number)[], what: (key: string) => string) => {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(key)) errors.push(`${fieldPath(path(i))}: duplicate ${what(key)}`);
      seen.add(key);
    });
  };
  const bothOrNeither = (point: { lat?: number | null; lng?: number | null }, path: (string | number)[]) => {
    if ((point.lat ?? null) === null && (point.lng ?? null) !== null) errors.push(`${fieldPath([...path, 'lat'])}: is required when lng is given`);
    if ((point.lng ?? null) === null && (point.lat ?? null) !== null) errors.push(`${fieldPath([...path, 'lng'])}: is required when lat is given`);
  };

  oneOf(input.strategy, registries.strategies, 'strategy');
  oneOf(input.algorithm, registries.rankings, 'algorithm');

  const skus = input.skus ?? [];
  const stock = input.stock ?? [];
  unique(input.locations.map((l) => l.code), (i) => ['locations', i, 'code'], (c) => `location "${c}"`);
  unique(skus.map((s) => s.code), (i) => ['skus', i, 'code'], (c) => `SKU "${c}"`);
  unique(stock.map((s) => JSON.stringify([s.location, s.sku])), (i) => ['stock', i], (key) => {
    const [location, sku] = JSON.parse(key) as [string, string];
    return `stock for location "${location}" and SKU "${sku}"`;
  });
  unique(input.order.lines.map((l) => l.id), (i) => ['order', 'lines', i, 'id'], (id) => `line id "${id}"`);
  const locationCodes = new Set(input.locations.map((l) => l.code));
  stock.forEach((s, i) => {
    if (!locationCodes.has(s.location)) errors.push(`${fieldPath(['stock', i, 'location'])}: "${s.location}" is not a code in locations`);
  });
  input.locations.forEach((l, i) => bothOrNeither(l, ['locations', i]));
  const address = input.order.shipping_address ?? null;
  if (address !== null) bothOrNeither(address, ['order', 'shipping_address']);

  const strategy = input.strategy ?? null;
  return {
    strategy,
    algorithm: input.algorithm ?? 'priority',
    distanceMode: input.distance_mode ?? 'driving',
    ...(input.time_budget_ms === undefined ? {} : { timeBudgetMs: input.time_budget_ms }),
    stockLocationsCutoff:
      input.stock_locations_cutoff !== undefined ? input.stock_locations_cutoff : strategy === null ? null : DEFAULT_CUTOFF_WITH_STRATEGY,
    ...snapshotRows(input, quantity),
    lines: input.order.lines.map((l, i) => ({ id: l.id, sku: l.sku, quantity: quantity(l.quantity, ['order', 'lines', i, 'quantity']) })),
    destination:
      address === null
        ? null
        : { lat: address.lat ?? null, lng: address.lng ?? null, countryCode: address.country_code ?? null, zipCode: address.zip_code ?? null },
  };
}
