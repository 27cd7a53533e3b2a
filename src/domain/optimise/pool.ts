// Exact search for lines that share one SKU when every line is its own group of shipments
// (split_by_line_items: a shipment per line and location; the transfer strategies: a
// transfer per line and origin). The fewest (line, location) pairs, then the cheapest flow.
// 1. The incumbent is the caller's plan (the greedy fill); never worse than it.
// 2. Lines are decided in order: for each, the sets of locations it may draw from, smallest
//    first. A node survives if a flow still serves every line — the decided lines from their
//    sets, the others from anywhere — and its pairs plus each remaining line's own bound
//    (the fewest of the largest holders it would need alone) do not pass the incumbent.
// 3. The cost of a plan is its minimum-cost flow; the same flow with the undecided lines
//    free is the cost bound of a node. Free locations (the primary of a transfer strategy)
//    serve every line and count nothing.
import type { Allowance } from './budget.js';
import { minCostFlow } from './flow.js';

export interface PoolInput {
  readonly needs: readonly number[];
  readonly capacity: readonly number[];
  readonly costs: readonly number[];
  readonly ranks: readonly number[];
  readonly free: readonly boolean[];
  /** Per line, the locations the greedy fill took it from. */
  readonly incumbent: readonly (readonly number[])[];
}

export interface PoolAnswer {
  /** takes[l][j]: what line l takes from location j. */
  readonly takes: readonly (readonly number[])[];
  readonly count: number;
  readonly cost: number;
  readonly lowerBound: number;
  readonly proven: boolean;
}

interface Evaluated {
  readonly feasible: boolean;
  readonly count: number;
  readonly cost: number;
  readonly takes: number[][];
}

export function solvePool(input: PoolInput, allowance: Allowance): PoolAnswer {
  const k = input.needs.length;
  const m = input.capacity.length;
  const { costs, ranks } = input;
  const holders = [...Array(m).keys()]
    .filter((j) => !input.free[j] && (input.capacity[j] as number) > 0)
    .sort((a, b) => (input.capacity[b] as number) - (input.capacity[a] as number) || (costs[a] as number) - (costs[b] as number) || (ranks[a] as number) - (ranks[b] as number));
  const freeCapacity = input.capacity.reduce((t, c, j) => (input.free[j] ? t + c : t), 0);
  const alone = input.needs.map((need) => {
    let left = need - freeCapacity;
    let s = 0;
    for (const j of holders) {
      if (left <= 0) break;
      left -= input.capacity[j] as number;
      s += 1;
    }
    return s;
  });
  const rest = alone.map((_, l) => alone.slice(l + 1).reduce((t, a) => t + a, 0));
  const root = alone.reduce((t, a) => t + a, 0);
  // A flow costs about one unit per line × location edge: counted so the node limit bounds time.
  const flowWork = k * m;
  const evaluate = (sets: readonly (readonly number[] | null)[]): Evaluated => flowOver(input, sets);
  const first = evaluate(input.incumbent);
  let best = first.feasible ? first : { ...first, count: Infinity, cost: Infinity };
  const sets: (readonly number[] | null)[] = input.needs.map(() => null);

  const descend = (l: number, count: number): void => {
    if (l === k) {
      const found = evaluate(sets);
      if (found.feasible && (found.count < best.count || (found.count === best.count && found.cost < best.cost - eps(found.cost, best.cost)))) best = found;
      return;
    }
    const limit = best.count - count - (rest[l] as number);
    for (let size = alone[l] as number; size <= Math.min(limit, holders.length); size++) {
      for (const chosen of combinations(holders, size)) {
        if (!allowance.step()) return;
        if (chosen.reduce((t, j) => t + (input.capacity[j] as number), freeCapacity) < (input.needs[l] as number)) continue;
        if (!allowance.step(flowWork)) return;
        sets[l] = chosen;
        const partial = evaluate(sets);
        const bound = count + size + (rest[l] as number);
        const worse = bound > best.count || (bound === best.count && partial.cost >= best.cost - eps(partial.cost, best.cost));
        if (partial.feasible && !worse) descend(l + 1, count + size);
        sets[l] = null;
        if (allowance.exhausted) return;
      }
    }
  };
  if (root <= best.count) descend(0, 0);
  const proven = !allowance.exhausted;
  return { takes: best.takes, count: best.count, cost: best.cost, lowerBound: proven ? best.count : root, proven };
}

const eps = (a: number, b: number): number => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The minimum-cost flow with each line drawing from its set (null: from anywhere) and the free locations. */
function flowOver(input: PoolInput, sets: readonly (readonly number[] | null)[]): Evaluated {
  const k = input.needs.length;
  const m = input.capacity.length;
  const source = 0;
  const sink = 1 + k + m;
  const edges = input.needs.map((need, l) => ({ from: source, to: 1 + l, capacity: need, cost: 0 }));
  const pairs: [number, number][] = [];
  sets.forEach((set, l) => {
    for (let j = 0; j < m; j++) {
      if (set !== null && !input.free[j] && !set.includes(j)) continue;
      pairs.push([l, j]);
      edges.push({ from: 1 + l, to: 1 + k + j, capacity: input.needs[l] as number, cost: input.costs[j] as number });
    }
  });
  input.capacity.forEach((c, j) => edges.push({ from: 1 + k + j, to: sink, capacity: c, cost: 0 }));
  const result = minCostFlow(sink + 1, edges, source, sink);
  const takes = input.needs.map(() => new Array<number>(m).fill(0));
  let count = 0;
  pairs.forEach(([l, j], p) => {
    const f = result.flows[k + p] as number;
    if (f <= 0) return;
    (takes[l] as number[])[j] = f;
    if (!input.free[j]) count += 1;
  });
  const needed = input.needs.reduce((t, q) => t + q, 0);
  return { feasible: result.flow >= needed, count, cost: result.cost, takes };
}

function* combinations(items: readonly number[], size: number, from = 0): Generator<number[]> {
  if (size === 0) return void (yield []);
  for (let i = from; i <= items.length - size; i++) {
    for (const tail of combinations(items, size - 1, i + 1)) yield [items[i] as number, ...tail];
  }
}
