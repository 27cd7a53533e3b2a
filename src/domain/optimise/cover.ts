// Exact branch-and-bound for one group of shipments: the fewest locations that together
// cover every need, then the cheapest (Σ units × unit cost, each need taken from the
// cheapest chosen locations first, equal costs by rank), then the best ranks (least
// Σ units × rank: ranks are the candidates' places by priority then code), and of sets
// equal on all three the first the search finds.
// Used for one shipping category (split_shipments, a plain selection) and for one line
// whose SKU no other line asks for (split_by_line_items, the transfer strategies).
// 1. The incumbent is the better of the caller's plan (the greedy fill) and a greedy cover
//    (most of what is still needed first): the answer is never worse than either.
// 2. Lower bound of a node: the chosen locations plus, for the hardest need, how many of the
//    largest remaining holders it takes to cover what it still lacks; and, when that ties
//    the incumbent's count, the (cost, Σ units × rank) of serving every need from all the
//    allowed locations.
// 3. Branch on the hardest uncovered need: one of its holders must be chosen, so child b
//    chooses holder b and excludes holders 1…b−1. A holder is skipped when an excluded
//    location dominates it (holds at least as much of every need, costs no more, ranks
//    first): swapping them gives a plan no worse that an earlier child already explores.
// 4. Two passes: the first looks only for fewer locations (nodes whose bound ties the
//    incumbent are cut), which proves the count; the second, on a share of what is left of
//    the budget, looks for the cheapest among as many. Past the budget the best plan found
//    is returned, its count marked unproven (first pass) or only its cost (second pass).
import type { Allowance } from './budget.js';

export interface CoverInput {
  /** What each need still lacks after the free locations (ten-thousandths, > 0). */
  readonly needs: readonly number[];
  /** avail[i * m + j]: what location j can give need i. */
  readonly avail: Float64Array;
  /** Cost of one ten-thousandth from location j, and its rank by priority then code (lower first). */
  readonly costs: readonly number[];
  readonly ranks: readonly number[];
  /** Locations of the first incumbent (they cover every need). */
  readonly incumbent: readonly number[];
}

export interface CoverAnswer {
  /** The locations chosen, cheapest first. */
  readonly chosen: readonly number[];
  readonly cost: number;
  /** The bound at the root; equal to chosen.length when proven. */
  readonly lowerBound: number;
  /** No cover has fewer locations. */
  readonly proven: boolean;
  /** And none as small costs less. */
  readonly costProven: boolean;
}

export function solveCover(input: CoverInput, allowance: Allowance): CoverAnswer {
  const s = new Search(input);
  const start = [s.evaluate(input.incumbent), s.evaluate(s.greedy())].sort(better)[0] as Candidate;
  s.best = start;
  const root = s.countBound();
  if (!s.best.covers) throw new Error('cover: the needs exceed what the locations hold');
  let proven = true;
  if (root < s.best.chosen.length) {
    s.strict = true;
    s.descend(allowance);
    proven = !allowance.exhausted;
  }
  let costProven = false;
  if (proven) {
    const share = allowance.slice(0.5);
    s.strict = false;
    s.descend(share);
    share.close();
    costProven = !share.exhausted;
  }
  return { chosen: s.best.chosen, cost: s.best.cost, lowerBound: proven ? s.best.chosen.length : root, proven, costProven };
}

interface Candidate {
  readonly chosen: number[];
  readonly cost: number;
  /** Σ units × rank. */
  readonly tie: number;
  /** False for an incumbent that does not cover every need (never chosen over one that does). */
  readonly covers: boolean;
}

function better(a: Candidate, b: Candidate): number {
  if (a.covers !== b.covers) return a.covers ? -1 : 1;
  if (a.chosen.length !== b.chosen.length) return a.chosen.length - b.chosen.length;
  if (Math.abs(a.cost - b.cost) > epsilon(a.cost, b.cost)) return a.cost - b.cost;
  if (Math.abs(a.tie - b.tie) > epsilon(a.tie, b.tie)) return a.tie - b.tie;
  return 0;
}

const epsilon = (a: number, b: number): number => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

class Search {
  best: Candidate = { chosen: [], cost: Infinity, tie: Infinity, covers: false };
  /** Only fewer locations than the incumbent are sought (the first pass). */
  strict = false;
  private readonly n: number;
  private readonly m: number;
  private readonly remaining: Float64Array;
  private readonly chosen: number[] = [];
  private readonly inSet: Uint8Array;
  private readonly excluded: Uint8Array;
  private readonly excludedList: number[] = [];
  /** Per need: its holders by capacity (largest first), and by (cost, rank). */
  private readonly bySize: number[][];
  private readonly byCost: number[][];

  constructor(private readonly input: CoverInput) {
    this.n = input.needs.length;
    this.m = input.costs.length;
    this.remaining = Float64Array.from(input.needs);
    this.inSet = new Uint8Array(this.m);
    this.excluded = new Uint8Array(this.m);
    const { avail, costs, ranks } = input;
    const cheaper = (a: number, b: number) => (costs[a] as number) - (costs[b] as number) || (ranks[a] as number) - (ranks[b] as number);
    this.bySize = [];
    this.byCost = [];
    for (let i = 0; i < this.n; i++) {
      const holders: number[] = [];
      for (let j = 0; j < this.m; j++) if ((avail[i * this.m + j] as number) > 0) holders.push(j);
      this.byCost.push([...holders].sort(cheaper));
      this.bySize.push(holders.sort((a, b) => (avail[i * this.m + b] as number) - (avail[i * this.m + a] as number) || cheaper(a, b)));
    }
  }

  private at(i: number, j: number): number {
    return this.input.avail[i * this.m + j] as number;
  }

  /** (Σ units × cost, Σ units × rank) of taking every need from the cheapest of `allowed` first (the least of both, in that order). */
  private costOver(allowed: (j: number) => boolean): { cost: number; tie: number } {
    let cost = 0;
    let tie = 0;
    for (let i = 0; i < this.n; i++) {
      let left = this.input.needs[i] as number;
      for (const j of this.byCost[i] as number[]) {
        if (left <= 0) break;
        if (!allowed(j)) continue;
        const take = Math.min(left, this.at(i, j));
        cost += take * (this.input.costs[j] as number);
        tie += take * (this.input.ranks[j] as number);
        left -= take;
      }
    }
    return { cost, tie };
  }

  evaluate(locations: readonly number[]): Candidate {
    const set = new Uint8Array(this.m);
    for (const j of locations) set[j] = 1;
    const chosen = [...set.keys()].filter((j) => set[j] === 1);
    const { costs, ranks } = this.input;
    chosen.sort((a, b) => (costs[a] as number) - (costs[b] as number) || (ranks[a] as number) - (ranks[b] as number));
    let covers = true;
    for (let i = 0; i < this.n && covers; i++) {
      let got = 0;
      for (const j of chosen) got += this.at(i, j);
      covers = got >= (this.input.needs[i] as number);
    }
    return { chosen, ...this.costOver((j) => set[j] === 1), covers };
  }

  /** Greedy cover: repeatedly the location giving the largest share of what is still needed. */
  greedy(): number[] {
    const left = Float64Array.from(this.input.needs);
    const picked: number[] = [];
    const used = new Uint8Array(this.m);
    for (;;) {
      let bestJ = -1;
      let bestScore = 0;
      for (let j = 0; j < this.m; j++) {
        if (used[j] === 1) continue;
        let score = 0;
        for (let i = 0; i < this.n; i++) if ((left[i] as number) > 0) score += Math.min(left[i] as number, this.at(i, j)) / (this.input.needs[i] as number);
        if (score > bestScore + 1e-12 || (bestJ >= 0 && Math.abs(score - bestScore) <= 1e-12 && this.cheaper(j, bestJ))) [bestJ, bestScore] = [j, score];
      }
      if (bestJ < 0 || bestScore <= 0) return picked;
      used[bestJ] = 1;
      picked.push(bestJ);
      for (let i = 0; i < this.n; i++) left[i] = (left[i] as number) - this.at(i, bestJ);
    }
  }

  private cheaper(a: number, b: number): boolean {
    const { costs, ranks } = this.input;
    return (costs[a] as number) < (costs[b] as number) || (costs[a] === costs[b] && (ranks[a] as number) < (ranks[b] as number));
  }

  /** How many more of the largest allowed holders need i takes; Infinity if they cannot. */
  private moreFor(i: number): number {
    let left = this.remaining[i] as number;
    if (left <= 0) return 0;
    let k = 0;
    for (const j of this.bySize[i] as number[]) {
      if (this.inSet[j] === 1 || this.excluded[j] === 1) continue;
      left -= this.at(i, j);
      k += 1;
      if (left <= 0) return k;
    }
    return Infinity;
  }

  countBound(): number {
    let most = 0;
    for (let i = 0; i < this.n; i++) most = Math.max(most, this.moreFor(i));
    return this.chosen.length + most;
  }

  descend(allowance: Allowance): void {
    if (!allowance.step()) return;
    let hardest = -1;
    let most = 0;
    for (let i = 0; i < this.n; i++) {
      const k = this.moreFor(i);
      if (k > most) [hardest, most] = [i, k];
    }
    if (hardest < 0) {
      const found = this.evaluate(this.chosen);
      if (better(found, this.best) < 0) this.best = found;
      return;
    }
    const bound = this.chosen.length + most;
    if (bound > this.best.chosen.length || (this.strict && bound === this.best.chosen.length)) return;
    if (bound === this.best.chosen.length) {
      const floor = this.costOver((j) => this.excluded[j] !== 1);
      if (better({ chosen: this.best.chosen, covers: true, ...floor }, this.best) >= 0) return;
    }
    // A better plan may add just one more location: it must hold all that every need still
    // lacks, which a plain scan decides (the common last level of the search, made cheap).
    if (most === 1 && this.best.chosen.length - this.chosen.length - (this.strict ? 1 : 0) === 1) {
      for (const j of this.bySize[hardest] as number[]) {
        if (this.inSet[j] === 1 || this.excluded[j] === 1) continue;
        if (!allowance.step()) return;
        let covers = true;
        for (let i = 0; i < this.n && covers; i++) covers = (this.remaining[i] as number) <= this.at(i, j);
        if (!covers) continue;
        this.include(j);
        const found = this.evaluate(this.chosen);
        if (better(found, this.best) < 0) this.best = found;
        this.exclude(j);
      }
      return;
    }
    const children = this.branchesFor(hardest);
    const mark = this.excludedList.length;
    for (const j of children) {
      if (!this.dominated(j)) {
        this.include(j);
        this.descend(allowance);
        this.exclude(j);
        if (allowance.exhausted) break;
      }
      this.excluded[j] = 1;
      this.excludedList.push(j);
    }
    while (this.excludedList.length > mark) this.excluded[this.excludedList.pop() as number] = 0;
  }

  /** The allowed holders of need i, the most useful (share of what is still needed) first. */
  private branchesFor(i: number): number[] {
    const holders = (this.bySize[i] as number[]).filter((j) => this.inSet[j] !== 1 && this.excluded[j] !== 1);
    const score = new Map<number, number>();
    for (const j of holders) {
      let s = 0;
      for (let k = 0; k < this.n; k++) if ((this.remaining[k] as number) > 0) s += Math.min(this.remaining[k] as number, this.at(k, j)) / (this.input.needs[k] as number);
      score.set(j, s);
    }
    return holders.sort((a, b) => (score.get(b) as number) - (score.get(a) as number) || (this.cheaper(a, b) ? -1 : this.cheaper(b, a) ? 1 : 0));
  }

  private dominated(j: number): boolean {
    for (const k of this.excludedList) {
      if (!this.cheaper(k, j)) continue;
      let covers = true;
      for (let i = 0; i < this.n && covers; i++) covers = this.at(i, k) >= Math.min(this.at(i, j), this.input.needs[i] as number);
      if (covers) return true;
    }
    return false;
  }

  private include(j: number): void {
    this.inSet[j] = 1;
    this.chosen.push(j);
    for (let i = 0; i < this.n; i++) this.remaining[i] = (this.remaining[i] as number) - this.at(i, j);
  }

  private exclude(j: number): void {
    this.inSet[j] = 0;
    this.chosen.pop();
    for (let i = 0; i < this.n; i++) this.remaining[i] = (this.remaining[i] as number) + this.at(i, j);
  }
}
