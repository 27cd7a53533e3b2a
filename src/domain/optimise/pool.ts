// Exact search for lines that share one SKU when every line is its own group of shipments
// (split_by_line_items: a shipment per line and location; the transfer strategies: a
// transfer per line and origin). The fewest counted (line, location) pairs, then the least
// Σ units × unit cost, then the tie order below.
//
// The structure (a transportation problem): some plan with the fewest pairs has a support
// that is a forest (a cycle of pairs can be shifted round until one pair empties, which
// never adds a pair, and at the fewest pairs costs nothing: its two directions cost ± the
// same). A tree with lines G and locations J has |G| + |J| − 1 pairs, and lines G can be
// served from locations J with that many pairs exactly when J holds what G needs (the
// north-west-corner rule lays the staircase). So the fewest pairs is the minimum, over
// partitions of the lines into groups G_i with disjoint location sets J_i that hold their
// need, of Σ (|G_i| + |J_i| − 1) — and for one such structure the least cost is each group
// taking its need from the cheapest of its J_i first, which the search compares directly.
// Free locations (the primary of a transfer strategy: pairs with it count nothing) give all
// they have first, as the strategy says; a line may then be served by them alone (no pair),
// and a group may make up with them what its J_i lack: the least cost then takes the
// cheapest counted units across the groups (each convex in what it takes, so the
// cheapest-first merge is exact).
// The search enumerates the structures lowest line first (its group, then its locations,
// fewest first, largest holders first), bounded below by the fewest largest unused holders
// the remaining lines need; every candidate location set and every leaf counts as a node of
// the Allowance. The incumbent is the caller's plan (the greedy fill), so the answer is never
// worse than it. A first pass seeks fewer pairs only (structures tying the incumbent are cut),
// proving the count; a second, on a share of what is left, the cheapest with as few. Past the
// budget the best plan found is returned, its count marked unproven or only its cost.
// Ties (same pairs, same cost): the plan whose units come from better-ranked locations
// (least Σ units × rank, `ranks` lower first), then the first found.
import type { Allowance } from './budget.js';

export interface PoolInput {
  readonly needs: readonly number[];
  readonly capacity: readonly number[];
  readonly costs: readonly number[];
  readonly ranks: readonly number[];
  readonly free: readonly boolean[];
  /** incumbent[l][j]: what the greedy fill took for line l from location j (an empty row: nothing known). */
  readonly incumbent: readonly (readonly number[])[];
}

export interface PoolAnswer {
  /** takes[l][j]: what line l takes from location j. */
  readonly takes: readonly (readonly number[])[];
  readonly count: number;
  readonly cost: number;
  readonly lowerBound: number;
  /** No plan has fewer pairs. */
  readonly proven: boolean;
  /** And none with as few costs less. */
  readonly costProven: boolean;
}

interface Plan {
  readonly takes: number[][];
  readonly count: number;
  readonly cost: number;
  readonly tie: number;
}

interface Group {
  readonly lines: readonly number[];
  readonly locations: readonly number[];
  readonly need: number;
}

const eps = (a: number, b: number): number => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function better(a: Plan, b: Plan | null): boolean {
  if (b === null) return true;
  if (a.count !== b.count) return a.count < b.count;
  if (Math.abs(a.cost - b.cost) > eps(a.cost, b.cost)) return a.cost < b.cost;
  return a.tie < b.tie - eps(a.tie, b.tie);
}

export function solvePool(input: PoolInput, budget: Allowance): PoolAnswer {
  const { needs, capacity, costs, ranks, free } = input;
  const k = needs.length;
  const m = capacity.length;
  const cheaper = (a: number, b: number) => (costs[a] as number) - (costs[b] as number) || (ranks[a] as number) - (ranks[b] as number);
  const holders = [...Array(m).keys()].filter((j) => !free[j] && (capacity[j] as number) > 0).sort((a, b) => (capacity[b] as number) - (capacity[a] as number) || cheaper(a, b));
  const frees = [...Array(m).keys()].filter((j) => free[j] && (capacity[j] as number) > 0).sort(cheaper);
  const total = needs.reduce((t, q) => t + q, 0);
  const fromFree = Math.min(total, frees.reduce((t, j) => t + (capacity[j] as number), 0));

  /** Lays a structure out: groups take from their locations cheapest first, the rest from the free locations. */
  const build = (groups: readonly Group[], freeOnly: readonly number[]): Plan => {
    const counted = total - fromFree;
    // The cheapest counted units across groups, each group taking at most its need.
    const segments = groups.flatMap((g, i) => g.locations.map((j) => ({ i, j }))).sort((a, b) => cheaper(a.j, b.j));
    const took = new Array<number>(groups.length).fill(0);
    const amount = new Map<number, number>();
    let left = counted;
    for (const { i, j } of segments) {
      if (left <= 0) break;
      const q = Math.min(capacity[j] as number, (groups[i] as Group).need - (took[i] as number), left);
      if (q <= 0) continue;
      amount.set(j, q);
      took[i] = (took[i] as number) + q;
      left -= q;
    }
    const takes = needs.map(() => new Array<number>(m).fill(0));
    const freeLeft = frees.map((j) => capacity[j] as number);
    const fromFrees = (l: number, q: number): number => {
      let want = q;
      frees.forEach((j, f) => {
        const give = Math.min(want, freeLeft[f] as number);
        if (give <= 0) return;
        (takes[l] as number[])[j] = ((takes[l] as number[])[j] as number) + give;
        freeLeft[f] = (freeLeft[f] as number) - give;
        want -= give;
      });
      return q - want;
    };
    for (const l of freeOnly) fromFrees(l, needs[l] as number);
    groups.forEach((g) => {
      // North-west corner: the group's lines in order, its locations cheapest first, then the free ones.
      const columns = [...g.locations].sort(cheaper).map((j) => ({ j, q: amount.get(j) ?? 0 }));
      let c = 0;
      for (const l of g.lines) {
        let want = needs[l] as number;
        while (want > 0 && c < columns.length) {
          const col = columns[c] as { j: number; q: number };
          const q = Math.min(want, col.q);
          if (q > 0) (takes[l] as number[])[col.j] = ((takes[l] as number[])[col.j] as number) + q;
          col.q -= q;
          want -= q;
          if (col.q <= 0) c += 1;
        }
        if (want > 0) fromFrees(l, want);
      }
    });
    return evaluate(takes);
  };

  const evaluate = (takes: number[][]): Plan => {
    let count = 0;
    let cost = 0;
    let tie = 0;
    takes.forEach((row) => row.forEach((q, j) => {
      if (q <= 0) return;
      if (!free[j]) count += 1;
      cost += q * (costs[j] as number);
      tie += q * (ranks[j] as number);
    }));
    return { takes, count, cost, tie };
  };

  let best: Plan | null = incumbentPlan(input, fromFree, evaluate);
  // A plan always exists: every line in order from the free locations, then the largest holders.
  const fallback = build([{ lines: [...Array(k).keys()], locations: holders, need: total }], []);
  if (better(fallback, best)) best = fallback;

  const remaining = new Uint8Array(k).fill(1);
  const used = new Uint8Array(m);
  const groups: Group[] = [];
  const freeOnly: number[] = [];
  let slack = fromFree;
  /** The first pass seeks fewer pairs only; the second runs on its own slice of the budget. */
  let strict = true;
  let allowance = budget;

  /** The fewest largest unused holders covering what the remaining lines need beyond the slack. */
  const bound = (): number => {
    let left = -slack;
    for (let l = 0; l < k; l++) if (remaining[l] === 1) left += needs[l] as number;
    let t = 0;
    for (const j of holders) {
      if (left <= 0) break;
      if (used[j] === 1) continue;
      left -= capacity[j] as number;
      t += 1;
    }
    if (left > 0) return Infinity;
    if (frees.length > 0) return t;
    let lines = 0;
    for (let l = 0; l < k; l++) lines += remaining[l] as number;
    return Math.max(t, lines);
  };

  // What the free locations' units cost (always the same) and the counted holders cheapest first.
  let freeCost = 0;
  let freeTie = 0;
  {
    let want = fromFree;
    for (const j of frees) {
      const q = Math.min(want, capacity[j] as number);
      freeCost += q * (costs[j] as number);
      freeTie += q * (ranks[j] as number);
      want -= q;
    }
  }
  const cheapest = [...holders].sort(cheaper);
  const owner = new Int32Array(m).fill(-1);
  /**
   * The least (cost, tie) any completion can reach: the counted units cheapest first, each
   * group taking at most its need from its own locations, the remaining lines at most
   * theirs from the unused holders.
   */
  const floor = (): { cost: number; tie: number } => {
    let want = total - fromFree;
    let cost = freeCost;
    let tie = freeTie;
    const room = groups.map((g) => g.need);
    let open = 0;
    for (let l = 0; l < k; l++) if (remaining[l] === 1) open += needs[l] as number;
    for (const j of cheapest) {
      if (want <= 0) break;
      const g = owner[j] as number;
      const cap = g >= 0 ? (room[g] as number) : used[j] === 1 ? 0 : open;
      const q = Math.min(want, capacity[j] as number, cap);
      if (q <= 0) continue;
      if (g >= 0) room[g] = cap - q;
      else open -= q;
      cost += q * (costs[j] as number);
      tie += q * (ranks[j] as number);
      want -= q;
    }
    return { cost, tie };
  };
  const root = bound();
  const descend = (count: number): void => {
    const first = remaining.indexOf(1);
    if (first < 0) {
      if (!allowance.step()) return;
      const found = build(groups, freeOnly);
      if (better(found, best)) best = found;
      return;
    }
    const rest = count + bound();
    if (rest > (best as Plan).count || (strict && rest === (best as Plan).count)) return;
    if (rest === (best as Plan).count) {
      const least = floor();
      if (!better({ takes: [], count: rest, cost: least.cost, tie: least.tie }, best)) return;
    }
    remaining[first] = 0;
    const need0 = needs[first] as number;
    if (frees.length > 0 && need0 <= slack) {
      slack -= need0;
      freeOnly.push(first);
      descend(count);
      freeOnly.pop();
      slack += need0;
      if (allowance.exhausted) return void (remaining[first] = 1);
    }
    const others = [...Array(k).keys()].filter((l) => remaining[l] === 1);
    for (let mask = 0; mask < 1 << Math.min(others.length, 20); mask++) {
      if (!allowance.step()) break;
      const members = [first, ...others.filter((_, b) => (mask & (1 << b)) !== 0)];
      const need = members.reduce((t, l) => t + (needs[l] as number), 0);
      for (const l of members) remaining[l] = 0;
      const available = holders.filter((j) => used[j] === 0);
      const most = (best as Plan).count - count - members.length + (strict ? 0 : 1);
      for (let size = 1; size <= Math.min(most, available.length); size++) {
        chooseSets(available, capacity, size, need, slack, allowance, (chosen, held) => {
          const deficit = Math.max(0, need - held);
          slack -= deficit;
          for (const j of chosen) [used[j], owner[j]] = [1, groups.length];
          groups.push({ lines: members, locations: chosen, need });
          descend(count + members.length + chosen.length - 1);
          groups.pop();
          for (const j of chosen) [used[j], owner[j]] = [0, -1];
          slack += deficit;
        });
        if (allowance.exhausted) break;
      }
      for (const l of members) remaining[l] = 1;
      remaining[first] = 0;
      if (allowance.exhausted) break;
    }
    remaining[first] = 1;
  };
  // First pass: fewer pairs only (proves the count); second, on a share of what is left: the cheapest with as few.
  if (k > 0 && root < (best as Plan).count) descend(0);
  const proven = !budget.exhausted;
  let costProven = proven && k === 0;
  if (proven && k > 0) {
    strict = false;
    allowance = budget.slice(0.5);
    descend(0);
    allowance.close();
    costProven = !allowance.exhausted;
  }
  const answer = best as Plan;
  return { takes: answer.takes, count: answer.count, cost: answer.cost, lowerBound: proven ? answer.count : Math.min(answer.count, root), proven, costProven };
}

/**
 * Calls `visit` with every set of `size` of `available` (largest first) that holds `need`
 * with at most `slack` made up elsewhere, and that no smaller set of it already holds
 * outright (dropping its smallest member would still hold `need`: the smaller set is
 * strictly better and visited itself). Each set offered counts as a node.
 */
function chooseSets(available: readonly number[], capacity: readonly number[], size: number, need: number, slack: number, allowance: Allowance, visit: (chosen: number[], held: number) => void): void {
  const chosen: number[] = [];
  const walk = (from: number, held: number): void => {
    if (chosen.length === size) {
      if (!allowance.step()) return;
      if (held + slack < need) return;
      const smallest = capacity[chosen[chosen.length - 1] as number] as number;
      if (size > 1 && held - smallest >= need) return;
      visit([...chosen], held);
      return;
    }
    const missing = size - chosen.length;
    // The largest still to come cannot make up the need: neither can any later ones.
    let most = held;
    for (let i = from; i < from + missing && i < available.length; i++) most += capacity[available[i] as number] as number;
    if (most + slack < need) return;
    for (let i = from; i <= available.length - missing; i++) {
      const j = available[i] as number;
      chosen.push(j);
      walk(i + 1, held + (capacity[j] as number));
      chosen.pop();
      if (allowance.exhausted) return;
    }
  };
  walk(0, 0);
}

/** The caller's plan as a plan of this problem, when it is one (serves every need, free locations first). */
function incumbentPlan(input: PoolInput, fromFree: number, evaluate: (takes: number[][]) => Plan): Plan | null {
  const { needs, capacity, free } = input;
  const m = capacity.length;
  const takes = needs.map((_, l) => Array.from({ length: m }, (_, j) => input.incumbent[l]?.[j] ?? 0));
  const byLine = takes.every((row, l) => row.reduce((t, q) => t + q, 0) === needs[l]);
  const byLocation = capacity.every((c, j) => takes.reduce((t, row) => t + (row[j] as number), 0) <= c);
  const freeGiven = takes.reduce((t, row) => t + row.reduce((s, q, j) => (free[j] ? s + q : s), 0), 0);
  return byLine && byLocation && freeGiven === fromFree && takes.every((row) => row.every((q) => q >= 0)) ? evaluate(takes) : null;
}
