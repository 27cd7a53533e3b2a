// The fewest_shipments objective computed the slow, obvious way, to check the optimiser
// against: every subset of candidate locations is tried (problems have at most 8), nothing
// of the engine is reused. For one SKU taking from the cheapest locations of a set first is
// the cheapest way to serve it from that set, so a set's cost is plain arithmetic.
// Criteria, per the issue: (1) serve min(ordered, held) of every SKU, (2) fewest shipments,
// (3) least Σ units × unit cost (measured time or distance, else priority rank), (4) least
// Σ units × priority rank (place among the candidates by priority, then code).
import type { DistanceTable, RoutingProblem, Selection } from '../routing.js';
import { availableAt, candidatesOf } from './contract-rules.js';

export interface Score {
  readonly served: Readonly<Record<string, number>>;
  readonly count: number;
  readonly cost: number;
  /** Σ units × priority rank. */
  readonly tie: number;
}

/** Each candidate's place by priority, then code: 1, 2, 3, … */
export function priorityRankOf(problem: RoutingProblem): Map<string, number> {
  return new Map(candidatesOf(problem).map((c, i) => [c.code, i + 1]));
}

/** Unit cost per candidate code: measured travel time, else distance, else rank by priority. */
export function unitCostOf(problem: RoutingProblem, table: DistanceTable | undefined): Map<string, number> {
  const candidates = candidatesOf(problem);
  const entries = table?.kind === 'measured' ? candidates.map((c) => table.entries.get(c.code)) : [];
  const measured = entries.filter((e) => e !== undefined && (e.distanceM !== null || e.durationS !== null));
  if (measured.length === 0) return new Map(candidates.map((c, i) => [c.code, i + 1]));
  const byTime = measured.every((e) => e?.durationS !== null);
  const keys = entries.map((e) => (byTime ? e?.durationS : e?.distanceM) ?? null);
  const worst = Math.max(0, ...keys.filter((k): k is number => k !== null));
  return new Map(candidates.map((c, i) => [c.code, keys[i] ?? 2 * worst + 1]));
}

/** What the answer scores, with shipments counted as `count` says. */
export function scoreOf(problem: RoutingProblem, selection: Selection, table: DistanceTable | undefined, count: number): Score {
  const cost = unitCostOf(problem, table);
  const rank = priorityRankOf(problem);
  const served: Record<string, number> = {};
  let total = 0;
  let tie = 0;
  for (const line of selection.lines) {
    for (const s of line.sources) {
      if (s.quantityToDeduct === 0) continue;
      served[line.sku] = (served[line.sku] ?? 0) + s.quantityToDeduct;
      total += s.quantityToDeduct * (cost.get(s.location) ?? NaN);
      tie += s.quantityToDeduct * (rank.get(s.location) ?? NaN);
    }
  }
  return { served, count, cost: total, tie };
}

/** The optimum when shipments are (location, shipping category) pairs. */
export function bruteByCategory(problem: RoutingProblem, table: DistanceTable | undefined): Score {
  const skus = [...new Set(problem.lines.map((l) => l.sku))];
  const category = (sku: string) => problem.skus.find((s) => s.code === sku)?.shippingCategory ?? null;
  const categories = [...new Set(skus.map(category))];
  let count = 0;
  let cost = 0;
  let tie = 0;
  const served: Record<string, number> = {};
  for (const c of categories) {
    const needs = skus.filter((s) => category(s) === c).map((sku) => ({ sku, need: needOf(problem, sku) }));
    for (const { sku, need } of needs) if (need > 0) served[sku] = need;
    const best = bestSubset(problem, table, needs.filter((n) => n.need > 0), []);
    count += best.count;
    cost += best.cost;
    tie += best.tie;
  }
  return { served, count, cost, tie };
}

/** The optimum when every line ships on its own and no two lines share a SKU (split_by_line_items, or with `free` the transfer strategies). */
export function bruteByLine(problem: RoutingProblem, table: DistanceTable | undefined, free: string | null): Score {
  let count = 0;
  let cost = 0;
  let tie = 0;
  const served: Record<string, number> = {};
  for (const line of problem.lines) {
    const need = needOf(problem, line.sku);
    if (need > 0) served[line.sku] = need;
    const fromFree = free === null ? 0 : Math.min(need, availableAt(problem, free, line.sku) ?? 0);
    const best = bestSubset(problem, table, need - fromFree > 0 ? [{ sku: line.sku, need: need - fromFree }] : [], free === null ? [] : [free]);
    count += best.count;
    cost += best.cost + fromFree * (unitCostOf(problem, table).get(free ?? '') ?? 0);
    tie += best.tie + fromFree * (priorityRankOf(problem).get(free ?? '') ?? 0);
  }
  return { served, count, cost, tie };
}

function needOf(problem: RoutingProblem, sku: string): number {
  const ordered = problem.lines.filter((l) => l.sku === sku).reduce((t, l) => t + l.quantity, 0);
  const held = candidatesOf(problem).reduce((t, c) => t + (availableAt(problem, c.code, sku) ?? 0), 0);
  return Math.min(ordered, held);
}

function bestSubset(problem: RoutingProblem, table: DistanceTable | undefined, needs: readonly { sku: string; need: number }[], excluded: readonly string[]): { count: number; cost: number; tie: number } {
  const unit = unitCostOf(problem, table);
  const rank = priorityRankOf(problem);
  const codes = candidatesOf(problem).map((c) => c.code).filter((c) => !excluded.includes(c));
  let best = { count: Infinity, cost: Infinity, tie: Infinity };
  for (let mask = 0; mask < 1 << codes.length; mask++) {
    const set = codes.filter((_, i) => (mask & (1 << i)) !== 0).sort((a, b) => (unit.get(a) ?? 0) - (unit.get(b) ?? 0));
    let cost = 0;
    let tie = 0;
    let feasible = true;
    for (const { sku, need } of needs) {
      let left = need;
      for (const code of set) {
        const take = Math.min(left, availableAt(problem, code, sku) ?? 0);
        cost += take * (unit.get(code) ?? 0);
        tie += take * (rank.get(code) ?? 0);
        left -= take;
      }
      if (left > 0) feasible = false;
    }
    if (!feasible) continue;
    const sameCost = Math.abs(cost - best.cost) <= 1e-9 * Math.max(1, Math.abs(cost), Math.abs(best.cost));
    if (set.length < best.count || (set.length === best.count && (sameCost ? tie < best.tie : cost < best.cost))) best = { count: set.length, cost, tie };
  }
  return best;
}
