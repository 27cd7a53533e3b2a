// Creates the demo orders through the real order flows (create → place → approve / capture →
// ship, or cancel), so every reservation, stock line item, shipment, transfer and movement is
// exactly what the service itself would have written. Each order gets a target state from a
// realistic mix (exact shares, shuffled); lines pick SKUs by popularity among those the
// market's candidate locations have in stock. A handful of paid, placed European orders are
// built to need two locations (one SKU only at Paris, another only at Berlin; or more of a
// SKU than Paris has).
import { DomainFailure } from '../domain/errors.js';
import type { FlowContext } from '../flows/context.js';
import { createOrder, type LineInput } from '../flows/orders/create.js';
import { approveAndCaptureOrder, approveOrder, cancelOrder } from '../flows/orders/lifecycle.js';
import { placeOrder } from '../flows/orders/place.js';
import { triggerShipment } from '../flows/shipments.js';
import { triggerTransfer } from '../flows/transfers.js';
import type { DemoSku } from './catalogue.js';
import { CUSTOMER_CITIES } from './locations.js';
import { DEMO_MODELS, type DemoModel } from './markets.js';
import type { Random } from './random.js';
import type { DemoStockItem } from './stock.js';

export type DemoOutcome = 'draft' | 'placed' | 'placed_paid' | 'approved' | 'shipped' | 'cancelled' | 'refused';

const TARGETS: readonly (readonly [Exclude<DemoOutcome, 'refused'>, number])[] = [
  ['draft', 12], ['placed', 16], ['placed_paid', 10], ['approved', 28], ['shipped', 22], ['cancelled', 12],
];
const MARKETS = [['eu', 5], ['uk', 2], ['na', 3]] as const;
const SHIP_STEPS = ['_picking', '_packing', '_ready_to_ship', '_ship'] as const;
const TRANSFER_STEPS = ['_picking', '_in_transit', '_complete'] as const;

export interface DemoOrdersResult {
  readonly outcomes: Record<DemoOutcome, number>;
  readonly twoSource: number;
}

export async function createDemoOrders(
  ctx: FlowContext, rng: Random, count: number, skus: readonly DemoSku[], stock: readonly DemoStockItem[], onOrder: () => void,
): Promise<DemoOrdersResult> {
  const available = new Map<string, Map<string, number>>();
  for (const s of stock) if (s.status === 'in_stock' && s.quantity > 0) (available.get(s.skuCode) ?? available.set(s.skuCode, new Map()).get(s.skuCode)!).set(s.locationCode, s.quantity);
  const outcomes: Record<DemoOutcome, number> = { draft: 0, placed: 0, placed_paid: 0, approved: 0, shipped: 0, cancelled: 0, refused: 0 };
  const extras = skus.filter((s) => s.doNotTrack || s.doNotShip);
  const take = (code: string, location: string, q: number) => available.get(code)?.set(location, (available.get(code)?.get(location) ?? 0) - q);

  // Exact shares, shuffled: every state appears even in a small demo.
  const weight = TARGETS.reduce((n, [, w]) => n + w, 0);
  const schedule = rng.sample(TARGETS.flatMap(([t, w]) => Array.from({ length: Math.max(1, Math.round((w / weight) * count)) }, () => t)), count * 2);
  let twoSource = 0;
  for (const lines of twoSourceBaskets(skus, available, Math.min(8, Math.floor(count / 20)))) {
    const ok = await run(ctx, rng, 'eu', lines, 'placed_paid');
    outcomes[ok ? 'placed_paid' : 'refused']++;
    if (ok) twoSource++;
    onOrder();
  }
  for (let i = twoSource + outcomes.refused; i < count; i++) {
    const market = rng.weighted(MARKETS);
    const model = DEMO_MODELS.find((m) => m.market.code === market)!;
    const candidates = candidatesOf(model);
    const eligible = skus.filter((s) => [...(available.get(s.code)?.entries() ?? [])].some(([l, q]) => q >= 2 && candidates.includes(l)));
    const lines: LineInput[] = [];
    for (const sku of pickByPopularity(rng, eligible, rng.weighted([[1, 60], [2, 28], [3, 12]] as const))) {
      const quantity = sku.quantityDecimal ? rng.pick([0.5, 1, 1.25, 2]) : rng.weighted([[1, 70], [2, 22], [3, 8]] as const);
      lines.push({ skuCode: sku.code, quantity });
      const where = candidates.find((l) => (available.get(sku.code)?.get(l) ?? 0) >= quantity);
      if (where) take(sku.code, where, quantity);
    }
    if (extras.length > 0 && rng.chance(0.08)) lines.push({ skuCode: rng.pick(extras).code, quantity: 1 });
    const ok = await run(ctx, rng, market, lines, schedule[i % schedule.length]!);
    outcomes[ok ?? 'refused']++;
    onOrder();
  }
  return { outcomes, twoSource };
}

/** Runs one order to its target state; the state reached, or null when placement was refused. */
async function run(ctx: FlowContext, rng: Random, market: string, lines: LineInput[], target: Exclude<DemoOutcome, 'refused'>) {
  const [city, zip, country, lat, lng] = rng.pick(CUSTOMER_CITIES[market]!);
  const paid = target === 'placed_paid' || (target !== 'draft' && rng.chance(0.5));
  const order = await createOrder(ctx, {
    marketCode: market, lines, paymentStatus: paid ? 'paid' : rng.pick(['unpaid', 'authorized'] as const),
    shippingAddress: { line_1: `${rng.int(1, 240)} Demo Street`, city, zip_code: zip, country_code: country, lat, lng },
  });
  if (target === 'draft') return 'draft';
  try {
    await placeOrder(ctx, order.id);
  } catch (error) {
    if (error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK') return null;
    throw error;
  }
  if (target === 'placed' || target === 'placed_paid') return target;
  if (target === 'cancelled') {
    await cancelOrder(ctx, order.id);
    return 'cancelled';
  }
  await (paid ? approveOrder(ctx, order.id) : approveAndCaptureOrder(ctx, order.id));
  if (target === 'approved') return 'approved';
  // Goods coming by transfer (ship_from_primary) arrive before the shipment leaves.
  const transfers = await ctx.db.kysely.selectFrom('stock_transfers').select('id').where('order_id', '=', order.id).where('status', '=', 'upcoming').execute();
  for (const t of transfers) for (const step of TRANSFER_STEPS) await triggerTransfer(ctx, t.id, step);
  const shipments = await ctx.db.kysely.selectFrom('shipments').select('id').where('order_id', '=', order.id).where('status', '=', 'upcoming').execute();
  for (const s of shipments) for (const step of SHIP_STEPS) await triggerShipment(ctx, s.id, step);
  return 'shipped';
}

function candidatesOf(model: DemoModel): string[] {
  const codes = model.locations.map((l) => (typeof l === 'string' ? l : l.code)).filter((c) => c !== 'vienna');
  return model.strategy === 'no_split' ? codes.slice(0, 1) : codes.slice(0, model.cutoff);
}

function pickByPopularity(rng: Random, skus: readonly DemoSku[], k: number): DemoSku[] {
  const picked = new Set<DemoSku>();
  const weighted = skus.map((s) => [s, s.popularity] as const);
  for (let tries = 0; picked.size < Math.min(k, skus.length) && tries < k * 10; tries++) picked.add(rng.weighted(weighted));
  return [...picked];
}

/** Baskets that Paris alone cannot serve but Paris + Berlin can. */
function twoSourceBaskets(skus: readonly DemoSku[], available: Map<string, Map<string, number>>, n: number): LineInput[][] {
  const at = (s: DemoSku, l: string) => available.get(s.code)?.get(l) ?? 0;
  const whole = skus.filter((s) => !s.quantityDecimal);
  const parisOnly = whole.filter((s) => at(s, 'paris') >= 3 && at(s, 'berlin') === 0);
  const berlinOnly = whole.filter((s) => at(s, 'berlin') >= 3 && at(s, 'paris') === 0);
  const both = whole.filter((s) => at(s, 'paris') >= 1 && at(s, 'paris') <= 3 && at(s, 'berlin') >= 6);
  const baskets: LineInput[][] = [];
  for (let i = 0; baskets.length < n && (i < Math.min(parisOnly.length, berlinOnly.length) || i < both.length); i++) {
    const a = parisOnly[i];
    const b = berlinOnly[i];
    if (a && b && i % 2 === 0) {
      baskets.push([{ skuCode: a.code, quantity: 1 }, { skuCode: b.code, quantity: 1 }]);
      available.get(a.code)?.set('paris', at(a, 'paris') - 1);
      available.get(b.code)?.set('berlin', at(b, 'berlin') - 1);
    } else if (both[i]) {
      const s = both[i]!;
      baskets.push([{ skuCode: s.code, quantity: at(s, 'paris') + 2 }]);
      available.get(s.code)?.set('berlin', at(s, 'berlin') - 2);
      available.get(s.code)?.set('paris', 0);
    }
  }
  return baskets;
}
