// Fewest-shipments optimisation of one order, pure: `optimiseLines(input, budget)` takes a
// snapshot (the routing problem's candidates and stock), the order lines, the candidates
// ranked cheapest first and how shipments are counted, and returns the selection lines of
// the best plan it found with a statement of how good that plan is. Strategies lay the lines
// out into shipments afterwards (strategies/fewest-shipments.ts); a batch re-optimiser can
// call this directly with its own snapshot (stock left after the orders before) and budget.
//
// The objective, lexicographic:
// 1. Serve as much as possible: each SKU's shortfall is exactly what the candidates lack.
// 2. Fewest groups: (location, shipping category) pairs carrying a tracked, shippable item
//    (grouping 'by_category': split_shipments and a plain selection), or (order line,
//    location) pairs (grouping 'by_line': split_by_line_items; with a `free` location —
//    the transfer strategies' primary — the pairs away from it are the transfers).
// 3. Least Σ units × unit cost (costs.ts: measured distance or time, else priority rank).
// 4. Ties: better priorities — least Σ units × priority rank, where a candidate's priority
//    rank is its place among the candidates by priority, then code (1, 2, 3, …); a unit of
//    equal cost is always taken from the better-ranked location first. Plans equal on all
//    four: the first the deterministic search finds.
// The order splits into independent parts — one per shipping category, or one per SKU —
// each solved exactly (cover.ts, or pool.ts when lines share a SKU) under one shared
// budget; do_not_ship stock, which ships in nothing, is simply taken cheapest first.
import type { Quantity } from '../quantity.js';
import type { LineSelection, OrderLine } from '../routing.js';
import { fill } from '../selection/fill.js';
import type { RankedLocation } from '../selection/ranking.js';
import type { Snapshot } from '../selection/snapshot.js';
import { Allowance } from './budget.js';
import type { SearchBudget } from './budget.js';
import { unitCosts } from './costs.js';
import { byCategory, byLine } from './groups.js';
import type { Part, World } from './groups.js';
import { linesFromTakes } from './lines.js';

export type { SearchBudget } from './budget.js';
export { DEFAULT_BUDGET_MS } from './budget.js';
export type { Part } from './groups.js';

export type Grouping = { readonly kind: 'by_category' } | { readonly kind: 'by_line'; readonly free: string | null };

export interface OptimiseInput {
  readonly snapshot: Snapshot;
  readonly lines: readonly OrderLine[];
  /** The candidates, cheapest first (by measured distance, else by priority). */
  readonly order: readonly RankedLocation[];
  /** The order the strategy's greedy fill walks: its plan is the first incumbent. */
  readonly greedyOrder: readonly RankedLocation[];
  readonly grouping: Grouping;
}

export interface Optimised {
  readonly lines: readonly LineSelection[];
  /** One per independent part, with the locations chosen and its bound. */
  readonly parts: readonly Part[];
  /** Groups used (pairs counted by the grouping) and the proven lower bound on them. */
  readonly count: number;
  readonly lowerBound: number;
  /** No plan serves as much with fewer groups. */
  readonly proven: boolean;
  /** And none with as few costs less (false: the cheapest found within the budget). */
  readonly costProven: boolean;
  readonly nodes: number;
  /** The fill steps, then one line per part saying what was chosen and why fewer is impossible. */
  readonly explanation: readonly string[];
}

export function optimiseLines(input: OptimiseInput, budget: SearchBudget = {}): Optimised {
  const { snapshot, lines, order, greedyOrder, grouping } = input;
  const allowance = new Allowance(budget);
  const { costs, basis } = unitCosts(order);
  const greedy = fill(snapshot, lines, greedyOrder).lines;
  const place = new Map(snapshot.candidates.map((c, i) => [c.code, i + 1]));
  const ranks = order.map((l) => place.get(l.code) ?? place.size + 1);
  const world: World = { snapshot, lines, order, costs, ranks, greedy, allowance };
  const { parts, takes } = grouping.kind === 'by_category' ? byCategory(world) : byLine(world, grouping.free);
  const built = linesFromTakes(snapshot, lines, order, takes as readonly ReadonlyMap<string, Quantity>[]);
  const count = parts.reduce((t, p) => t + p.count, 0);
  const lowerBound = parts.reduce((t, p) => t + p.lowerBound, 0);
  const proven = parts.every((p) => p.proven);
  const costProven = parts.every((p) => p.costProven);
  const summary = `fewest_shipments: ${count} ${grouping.kind === 'by_line' && grouping.free !== null ? 'transfer(s)' : 'shipment(s)'}, ${proven ? 'proven fewest' : `search stopped at the time budget (at least ${lowerBound})`}; then least units × ${basis}${proven && !costProven ? ' (the least found within the time budget)' : ''}`;
  return { lines: built.lines, parts, count, lowerBound, proven, costProven, nodes: allowance.nodes, explanation: [...built.explanation, summary, ...parts.map((p) => p.explanation)] };
}
