// Proposing a source selection (Magento's Source Selection Algorithm): for an order's
// unshipped quantities, or for a dry run of SKU quantities in a model. The stock snapshot
// counts the order's own holds as available to it; `distance` ranking measures the shipping
// address (geocoded from the GeoNames table when it has no lat/lng; so are locations without
// coordinates) with ctx.distance, the great-circle provider by default. The proposal is stored as API.md's `items`.
import { fail, validation } from '../../domain/errors.js';
import { isReadyToShip } from '../../domain/lifecycle/order-machine.js';
import { ZERO, isQuantityError, parseQuantity, sub, toDecimal, type Quantity } from '../../domain/quantity.js';
import { DISTANCE_MODES, type DistanceMode, type OrderLine, type Selection } from '../../domain/routing.js';
import { selectSources } from '../../domain/selection/index.js';
import { greatCircleProvider } from '../../distance/great-circle-provider.js';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { newId } from '../../store/ids.js';
import { placeDestination, placeLocations } from '../../store/place-locations.js';
import type { Row } from '../../store/schema.js';
import { loadRoutingStock, type RoutingStock } from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import type { AddressInput } from '../orders/create.js';
import { linesOf, modelOf, type OrderRow } from '../orders/records.js';
import { heldByItem, holdsOf, unshippedOf } from './holds.js';

export type SourceSelectionRow = Row<'source_selections'>;

export interface SelectionOptions {
  readonly algorithm?: string;
  readonly distanceMode?: string;
}

export interface DryRunInput extends SelectionOptions {
  readonly inventoryModelId: string;
  readonly items: readonly { readonly skuCode: string; readonly quantity: number | string }[];
  readonly shippingAddress?: AddressInput;
}

export async function proposeForOrder(trx: Trx, ctx: FlowContext, order: OrderRow, o: SelectionOptions): Promise<SourceSelectionRow> {
  if (!isReadyToShip({ status: order.status, paymentStatus: order.payment_status })) {
    if (order.status !== 'placed' && order.status !== 'approved') throw fail({ code: 'ILLEGAL_TRANSITION', resource: 'order', state: order.status, trigger: '_ship', message: `order ${order.number} is ${order.status}: only placed or approved orders are shipped` });
    throw validation('order', `order ${order.number} is not paid (payment_status ${order.payment_status}): only paid or free orders are shipped`);
  }
  const model = await modelOf(trx, order);
  const lines = (await linesOf(trx, order.id)).filter((l) => l.shipped_quantity < l.quantity);
  const unshipped = await unshippedOf(trx, lines);
  const requested: OrderLine[] = lines.flatMap((l) => { const q = unshipped.get(l.id) ?? ZERO; return q > 0 ? [{ id: l.id, sku: l.sku_code, quantity: q }] : []; });
  const held = heldByItem(await holdsOf(trx, order.id));
  const stock = await loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: requested.map((l) => l.sku), lock: false });
  const address = order.shipping_address_id === null ? null : await trx.selectFrom('addresses').selectAll().where('id', '=', order.shipping_address_id).executeTakeFirst();
  const selection = await select(trx, ctx, stock, requested, held, address ?? null, o);
  return store(trx, { orderId: order.id, modelId: model.id, selection, o, address: null, lineIds: true });
}

export async function proposeDryRun(trx: Trx, ctx: FlowContext, input: DryRunInput): Promise<SourceSelectionRow> {
  const requested: OrderLine[] = input.items.map((item, i) => {
    const q = parseQuantity(item.quantity);
    if (isQuantityError(q) || q <= 0) throw validation(`items/${i}/quantity`, `quantity of ${item.skuCode} must be a positive number with at most 4 decimals, not ${JSON.stringify(item.quantity)}`);
    return { id: `item-${i}`, sku: item.skuCode, quantity: q };
  });
  const stock = await loadRoutingStock(trx, { inventoryModelId: input.inventoryModelId, skuCodes: requested.map((l) => l.sku), lock: false });
  requested.forEach((l, i) => { if (!stock.skus.some((s) => s.code === l.sku)) throw validation(`items/${i}/sku_code`, `there is no SKU ${l.sku}`); });
  const selection = await select(trx, ctx, stock, requested, new Map(), input.shippingAddress ?? null, input);
  return store(trx, { orderId: null, modelId: input.inventoryModelId, selection, o: input, address: input.shippingAddress ?? null, lineIds: false });
}

async function select(
  trx: Trx, ctx: FlowContext, stock: RoutingStock, lines: OrderLine[], held: ReadonlyMap<string, Quantity>, address: AddressInput | null, o: SelectionOptions,
): Promise<Selection> {
  const algorithm = o.algorithm ?? 'priority';
  const mode = (o.distanceMode ?? 'driving') as DistanceMode;
  if (!DISTANCE_MODES.includes(mode)) throw validation('distance_mode', `distance_mode must be one of ${DISTANCE_MODES.join(', ')}, not ${mode}`);
  const destination = await placeDestination(trx, address);
  const problem = {
    strategy: null, algorithm, distanceMode: mode, stockLocationsCutoff: stock.stockLocationsCutoff, locations: stock.locations, skus: stock.skus, lines, destination,
    stock: stock.stock.map((s) => ({ ...s, reserved: sub(s.reserved, held.get(s.stockItemId) ?? ZERO) })),
  };
  const distances = algorithm === 'distance' || algorithm === 'fewest_shipments' ? await (ctx.distance ?? greatCircleProvider()).measure(destination ?? { lat: null, lng: null, countryCode: null, zipCode: null }, await placeLocations(trx, stock.locations), mode) : undefined;
  return selectSources(problem, distances, { now: () => performance.now() });
}

export function itemsOf(selection: Selection, lineIds: boolean): SelectionItem[] {
  return selection.lines.map((l) => ({
    line_item_id: lineIds ? l.line : null, sku_code: l.sku, quantity: toDecimal(l.quantity), shortfall: toDecimal(l.shortfall),
    sources: l.sources.map((s) => ({
      stock_location_code: s.location, priority: s.priority, distance_m: s.distanceM, duration_s: s.durationS,
      quantity_available: toDecimal(s.quantityAvailable), quantity_to_deduct: toDecimal(s.quantityToDeduct),
    })),
  }));
}

/** The optimality statement as stored and served (snake_case), or null for the other algorithms. */
export function optimalityOf(selection: Selection): string | null {
  const o = selection.optimality;
  if (o === undefined) return null;
  return JSON.stringify({ status: o.status, shipments: o.shipments, ...(o.transfers === undefined ? {} : { transfers: o.transfers }), lower_bound: o.lowerBound });
}

async function store(trx: Trx, s: { orderId: string | null; modelId: string; selection: Selection; o: SelectionOptions; address: AddressInput | null; lineIds: boolean }): Promise<SourceSelectionRow> {
  return trx.insertInto('source_selections').values({
    id: newId('ssel'), order_id: s.orderId, inventory_model_id: s.modelId, algorithm: s.selection.algorithm, algorithm_used: s.selection.algorithmUsed,
    fallback_reason: s.selection.fallbackReason, distance_mode: (s.o.distanceMode ?? 'driving') as DistanceMode, shippable: s.selection.shippable,
    items: JSON.stringify(itemsOf(s.selection, s.lineIds)), explanation: JSON.stringify(s.selection.explanation),
    optimality: optimalityOf(s.selection),
    shipping_address: s.address === null ? null : JSON.stringify(s.address), metadata: '{}', reference: null, reference_origin: null,
  }).returningAll().executeTakeFirstOrThrow();
}
