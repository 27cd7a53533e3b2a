// Splits an order into parts that can be optimised on their own and solves each: one part
// per shipping category (by_category: categories never share a shipment), or one per SKU
// (by_line: lines of different SKUs share neither stock nor shipments). Each part answers
// what every order line takes where, and says which locations it chose and why fewer is
// impossible (the largest holders of its hardest SKU cannot cover it, or the search ruled
// out every smaller set).
import type { Quantity } from '../quantity.js';
import type { LineSelection, OrderLine } from '../routing.js';
import { amount } from '../selection/explain.js';
import type { RankedLocation } from '../selection/ranking.js';
import type { Snapshot } from '../selection/snapshot.js';
import type { Allowance } from './budget.js';
import { solveCover } from './cover.js';
import { solvePool } from './pool.js';

export interface World {
  readonly snapshot: Snapshot;
  readonly lines: readonly OrderLine[];
  /** Candidates cheapest first; `costs[p]` is the unit cost of order[p]. */
  readonly order: readonly RankedLocation[];
  readonly costs: readonly number[];
  /** `ranks[p]`: order[p]'s place among the candidates by priority then code (the tie-break). */
  readonly ranks: readonly number[];
  /** The greedy fill's lines (the first incumbent). */
  readonly greedy: readonly LineSelection[];
  readonly allowance: Allowance;
}

export interface Part {
  readonly label: string;
  readonly locations: readonly string[];
  readonly count: number;
  readonly lowerBound: number;
  /** No plan has fewer (the count is proven). */
  readonly proven: boolean;
  /** And the cost is the least among as few (false: the best found within the budget). */
  readonly costProven: boolean;
  readonly explanation: string;
}

export interface Solved {
  readonly parts: readonly Part[];
  /** Per order line: location code → quantity. */
  readonly takes: readonly Map<string, Quantity>[];
}

/** One SKU of the order: the lines asking for it and its holders (positions in order). */
interface SkuDemand {
  readonly sku: string;
  readonly lines: readonly number[];
  readonly holders: readonly number[];
  readonly available: readonly number[];
  /** What can be served: min(ordered, held). */
  readonly need: number;
}

/** Location code → position in the ranked order, built once per order array. */
const positions = new WeakMap<readonly RankedLocation[], ReadonlyMap<string, number>>();
function positionsOf(order: readonly RankedLocation[]): ReadonlyMap<string, number> {
  let known = positions.get(order);
  if (known === undefined) positions.set(order, (known = new Map(order.map((l, p) => [l.code, p]))));
  return known;
}

function demands(world: World): SkuDemand[] {
  const { snapshot, lines, order } = world;
  const position = positionsOf(order);
  const bySku = new Map<string, number[]>();
  lines.forEach((line, i) => {
    if (snapshot.sku(line.sku).doNotTrack) return;
    bySku.set(line.sku, [...(bySku.get(line.sku) ?? []), i]);
  });
  return [...bySku].map(([sku, ids]) => {
    const held = snapshot.holders(sku, order);
    const ordered = ids.reduce((t, i) => t + (lines[i] as OrderLine).quantity, 0);
    const total = held.available.reduce<number>((t, a) => t + a, 0);
    return { sku, lines: ids, holders: held.locations.map((l) => position.get(l.code) as number), available: held.available, need: Math.min(ordered, total) };
  });
}

export function byCategory(world: World): Solved {
  const takes = world.lines.map(() => new Map<string, Quantity>());
  const groups = new Map<string | null, SkuDemand[]>();
  for (const d of demands(world)) {
    const sku = world.snapshot.sku(d.sku);
    if (sku.doNotShip) distribute(world, d, cheapestFirst(d, d.need, () => true), takes);
    else groups.set(sku.shippingCategory, [...(groups.get(sku.shippingCategory) ?? []), d]);
  }
  const parts = [...groups].sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0)).map(([category, ds]) => {
    const wanted = ds.filter((d) => d.need > 0);
    const universe = [...new Set(wanted.flatMap((d) => d.holders))].sort((a, b) => a - b);
    const local = new Map(universe.map((p, j) => [p, j]));
    const m = universe.length;
    const avail = new Float64Array(wanted.length * m);
    wanted.forEach((d, i) => d.holders.forEach((p, h) => (avail[i * m + (local.get(p) as number)] = d.available[h] as number)));
    const incumbent = wanted.flatMap((d) => usedBy(world, d.lines)).map((p) => local.get(p) as number);
    const answer = solveCover({ needs: wanted.map((d) => d.need), avail, costs: universe.map((p) => world.costs[p] as number), ranks: universe.map((p) => world.ranks[p] as number), incumbent }, world.allowance);
    const chosen = new Set(answer.chosen.map((j) => universe[j] as number));
    for (const d of wanted) distribute(world, d, cheapestFirst(d, d.need, (p) => chosen.has(p)), takes);
    const reason = why(wanted, answer.chosen.length, answer.proven, answer.lowerBound, 'location');
    return part(world, category ?? 'no category', [...chosen], answer, 'shipment', reason);
  });
  return { parts, takes };
}

export function byLine(world: World, free: string | null): Solved {
  const takes = world.lines.map(() => new Map<string, Quantity>());
  const parts: Part[] = [];
  const noun = free === null ? 'shipment' : 'transfer';
  for (const d of demands(world)) {
    const needs = lineNeeds(world, d);
    const active = d.lines.filter((_, k) => (needs[k] as number) > 0);
    if (world.snapshot.sku(d.sku).doNotShip || active.length === 0) {
      distribute(world, d, cheapestFirst(d, d.need, () => true), takes);
      continue;
    }
    const freeAt = free === null ? -1 : d.holders.findIndex((p) => world.order[p]?.code === free);
    const label = `${d.sku} (line${active.length > 1 ? 's' : ''} ${active.map((i) => (world.lines[i] as OrderLine).id).join(', ')})`;
    if (active.length === 1) {
      const line = active[0] as number;
      const fromFree = freeAt < 0 ? 0 : Math.min(d.need, d.available[freeAt] as number);
      const others = d.holders.filter((_, h) => h !== freeAt);
      const otherAvail = d.available.filter((_, h) => h !== freeAt);
      const rest: SkuDemand = { ...d, holders: others, available: otherAvail, need: d.need - fromFree };
      const answer = rest.need > 0
        ? solveCover({ needs: [rest.need], avail: Float64Array.from(otherAvail), costs: others.map((p) => world.costs[p] as number), ranks: others.map((p) => world.ranks[p] as number), incumbent: usedBy(world, [line]).map((p) => others.indexOf(p)).filter((j) => j >= 0) }, world.allowance)
        : { chosen: [], cost: 0, lowerBound: 0, proven: true, costProven: true };
      const chosen = new Set(answer.chosen.map((j) => others[j] as number));
      const mine = cheapestFirst(rest, rest.need, (p) => chosen.has(p));
      if (freeAt >= 0 && fromFree > 0) mine.set(d.holders[freeAt] as number, fromFree);
      distribute(world, d, mine, takes);
      parts.push(part(world, label, [...chosen], answer, noun, why([rest], answer.chosen.length, answer.proven, answer.lowerBound, 'location')));
      continue;
    }
    const answer = solvePool({
      needs: active.map((i) => needs[d.lines.indexOf(i)] as number),
      capacity: d.available,
      costs: d.holders.map((p) => world.costs[p] as number),
      ranks: d.holders.map((p) => world.ranks[p] as number),
      free: d.holders.map((_, h) => h === freeAt),
      incumbent: active.map((i) => greedyTakes(world, i, d.holders)),
    }, world.allowance);
    active.forEach((i, l) => {
      (answer.takes[l] ?? []).forEach((q, h) => {
        if (q > 0) (takes[i] as Map<string, Quantity>).set((world.order[d.holders[h] as number] as RankedLocation).code, q as Quantity);
      });
    });
    const used = [...new Set(answer.takes.flatMap((row) => row.flatMap((q, h) => (q > 0 && h !== freeAt ? [d.holders[h] as number] : []))))];
    const reason = answer.proven ? `fewer is impossible: the search ruled out every plan with fewer ${noun}s` : `at least ${answer.lowerBound}; the search stopped at the time budget`;
    parts.push({ ...part(world, label, used, { chosen: [], lowerBound: answer.lowerBound, proven: answer.proven, costProven: answer.costProven }, noun, reason), count: answer.count });
  }
  return { parts, takes };
}

/** What each line of a SKU can be served, in line order: the first lines in full. */
function lineNeeds(world: World, d: SkuDemand): number[] {
  let left = d.need;
  return d.lines.map((i) => {
    const need = Math.min((world.lines[i] as OrderLine).quantity, left);
    left -= need;
    return need;
  });
}

/** Positions the greedy fill took stock from for the given lines. */
function usedBy(world: World, lineIndices: readonly number[]): number[] {
  const position = positionsOf(world.order);
  return lineIndices.flatMap((i) => (world.greedy[i]?.sources ?? []).filter((s) => s.quantityToDeduct > 0).map((s) => position.get(s.location) as number));
}

/** What the greedy fill took for line i from each of the SKU's holders (positions in order). */
function greedyTakes(world: World, i: number, holders: readonly number[]): number[] {
  const taken = new Map((world.greedy[i]?.sources ?? []).map((s) => [s.location, s.quantityToDeduct as number]));
  return holders.map((p) => taken.get((world.order[p] as RankedLocation).code) ?? 0);
}

/** Takes `need` of a SKU from its allowed holders, cheapest (first in order) first. */
function cheapestFirst(d: SkuDemand, need: number, allowed: (position: number) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  let left = need;
  d.holders.forEach((p, h) => {
    if (left <= 0 || !allowed(p)) return;
    const take = Math.min(left, d.available[h] as number);
    if (take > 0) out.set(p, take);
    left -= take;
  });
  return out;
}

/** Shares a SKU's takes (position → quantity) among its lines, in line order. */
function distribute(world: World, d: SkuDemand, from: Map<number, number>, takes: readonly Map<string, Quantity>[]): void {
  const pool = [...from].sort(([a], [b]) => a - b);
  for (const i of d.lines) {
    let left = (world.lines[i] as OrderLine).quantity as number;
    for (const entry of pool) {
      if (left <= 0) break;
      const take = Math.min(left, entry[1]);
      if (take <= 0) continue;
      entry[1] -= take;
      left -= take;
      const code = (world.order[entry[0]] as RankedLocation).code;
      const mine = takes[i] as Map<string, Quantity>;
      mine.set(code, ((mine.get(code) ?? 0) + take) as Quantity);
    }
  }
}

function part(world: World, label: string, positions: number[], answer: { chosen: readonly unknown[]; lowerBound: number; proven: boolean; costProven: boolean }, noun: string, reason: string): Part {
  const locations = positions.sort((a, b) => a - b).map((p) => (world.order[p] as RankedLocation).code);
  const count = answer.chosen.length;
  const what = locations.length === 0 ? 'nothing to ship' : `${locations.join(', ')}`;
  const cheapest = answer.proven && !answer.costProven ? '; the cheapest of as few found within the time budget' : '';
  return { label, locations, count, lowerBound: answer.lowerBound, proven: answer.proven, costProven: answer.costProven, explanation: `${label}: ${what} (${count} ${noun}${count === 1 ? '' : 's'}; ${reason}${cheapest})` };
}

/** Why no plan with fewer locations exists, from the needs' own bound when it is tight. */
function why(ds: readonly SkuDemand[], count: number, proven: boolean, lowerBound: number, noun: string): string {
  if (!proven) return `at least ${lowerBound}; the search stopped at the time budget`;
  if (count === 0) return 'no stock to take';
  if (count === 1) return 'one is the fewest';
  for (const d of ds) {
    const largest = [...d.available].sort((a, b) => b - a).slice(0, count - 1);
    const most = largest.reduce((t, a) => t + a, 0);
    if (most < d.need) return `fewer is impossible: ${d.sku} needs ${amount(d.need as Quantity)} and its ${count - 1} largest holder${count - 1 === 1 ? '' : 's'} have ${amount(most as Quantity)}`;
  }
  return `fewer is impossible: the search ruled out every set of ${count - 1} ${noun}${count - 1 === 1 ? '' : 's'}`;
}
