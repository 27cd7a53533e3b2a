// Batch re-optimisation of the orders not yet released to the warehouse, pure. The caller
// releases the batch's pending reservations in memory: `stock` is what is on hand less what
// orders OUTSIDE the batch hold; each order says what it holds now (`current`). Steps:
// 1. Before: every order keeps what it holds. Its served units per line are a floor: no
//    order may end with less of a line than it has now.
// 2. Baseline: re-plan every order greedily, in placement order, with the model's strategy
//    and fewest_shipments (planOrder) on the stock the orders before it left.
// 3. Start from the better of before and a feasible baseline, then local search
//    (ruin and recreate): for an order A with more shipments (or, as many, more km) than it
//    would have alone, largest gap first,
//    release A and the orders holding the stock A's ideal plan needs (together, then each
//    alone), re-plan A first and the others after it; keep the move only if every order
//    keeps its floor and the batch's (unserved, shipments, Σ units × km) goes down.
//    Repeat until a full pass finds nothing or the budget is spent.
// 4. An order whose final takes equal what it holds now is unchanged (nothing rewritten).
// The objective, lexicographic: units not served, shipments (plus transfers), Σ units × km.
import { SCALE, type Quantity } from '../quantity.js';
import type { DistanceTable, LocationInput, OrderLine, Plan, RoutingProblem, SkuInput, StockInput } from '../routing.js';
import { planOrder } from '../strategies/index.js';
import { FEWEST_SHIPMENTS } from '../selection/fewest-shipments.js';

export interface BatchModel {
  readonly strategy: string;
  readonly stockLocationsCutoff: number | null;
  readonly locations: readonly LocationInput[];
  readonly skus: readonly SkuInput[];
}

export interface Take {
  readonly line: string;
  readonly sku: string;
  readonly location: string;
  readonly quantity: Quantity;
}

export interface BatchOrder {
  readonly id: string;
  readonly lines: readonly OrderLine[];
  readonly destination: RoutingProblem['destination'];
  readonly distances?: DistanceTable | undefined;
  /** What the order holds now (tracked SKUs) and how many shipments (plus transfers) it has. */
  readonly current: { readonly takes: readonly Take[]; readonly shipments: number };
}

export interface BatchBudget {
  /** The caller's monotonic clock (ms); without it only `moves` bounds the search. */
  readonly now?: () => number;
  /** Milliseconds for the whole batch. */
  readonly ms?: number;
  /** Milliseconds each single-order plan may take (fewest_shipments' own budget). */
  readonly perOrderMs?: number;
  /** Ruin-and-recreate moves allowed (default 2000). */
  readonly moves?: number;
}

export interface BatchInput {
  readonly model: BatchModel;
  /** On hand less what orders outside the batch hold (`reserved`). */
  readonly stock: readonly StockInput[];
  /** In placement order. */
  readonly orders: readonly BatchOrder[];
}

export interface Totals {
  readonly unserved: number;
  readonly shipments: number;
  readonly km: number;
}

export interface OrderOutcome {
  readonly id: string;
  readonly changed: boolean;
  /** The new plan (only when changed). */
  readonly plan: Plan | null;
  readonly takes: readonly Take[];
  readonly before: { readonly shipments: number; readonly km: number };
  readonly after: { readonly shipments: number; readonly km: number };
}

export interface BatchResult {
  readonly before: Totals;
  /** The greedy baseline; `feasible` false when it serves some order less than now. */
  readonly baseline: Totals & { readonly feasible: boolean };
  readonly after: Totals;
  readonly orders: readonly OrderOutcome[];
  readonly search: { readonly moves: number; readonly accepted: number; readonly stopped: 'converged' | 'budget' };
}

interface Assignment {
  readonly plan: Plan | null;
  readonly takes: readonly Take[];
  readonly served: ReadonlyMap<string, number>;
  readonly unserved: number;
  readonly shipments: number;
  readonly km: number;
}

const key = (location: string, sku: string) => `${location}|${sku}`;

export function reoptimiseBatch(input: BatchInput, budget: BatchBudget = {}): BatchResult {
  const world = new BatchWorld(input, budget);
  return world.run();
}

class BatchWorld {
  private readonly free = new Map<string, number>();
  private readonly stockBySku = new Map<string, StockInput[]>();
  private readonly start: number | null;
  private moves = 0;
  private accepted = 0;

  constructor(private readonly input: BatchInput, private readonly budget: BatchBudget) {
    this.start = budget.now ? budget.now() : null;
    for (const s of input.stock) {
      const rows = this.stockBySku.get(s.sku);
      if (rows === undefined) this.stockBySku.set(s.sku, [s]);
      else rows.push(s);
    }
    for (const s of input.stock) this.free.set(key(s.location, s.sku), (this.free.get(key(s.location, s.sku)) ?? 0) + s.quantity - s.reserved);
  }

  run(): BatchResult {
    const { orders } = this.input;
    const current = orders.map((o) => this.currentOf(o));
    const floors = current.map((a) => a.served);
    const baseline = this.sequence(orders.map((_, i) => i), floors, false);
    const baselineTotals = totals(baseline.assignments);
    let state = current;
    if (baseline.feasible && better(baselineTotals, totals(current))) state = baseline.assignments;
    for (const a of state) this.hold(a, -1);
    const ideal = this.ideals(state);
    const wanted = ideal.map((a) => new Set(a.takes.map((t) => key(t.location, t.sku))));
    let stopped: 'converged' | 'budget' = 'converged';
    let improved = true;
    while (improved) {
      improved = false;
      const gap = (i: number) => ({ ships: (state[i] as Assignment).shipments - (ideal[i] as Assignment).shipments, km: (state[i] as Assignment).km - (ideal[i] as Assignment).km });
      const order = state.map((_, i) => i).filter((i) => gap(i).ships > 0 || (gap(i).ships === 0 && gap(i).km > 1e-3))
        .sort((x, y) => gap(y).ships - gap(x).ships || gap(y).km - gap(x).km || x - y);
      for (const a of order) {
        const blockers = blockersOf(a, state, wanted[a] as Set<string>);
        const tries: number[][] = [[a], ...(blockers.length > 0 ? [[a, ...blockers]] : []), ...blockers.map((b) => [a, b])];
        for (const group of tries) {
          if (this.spent()) { stopped = 'budget'; break; }
          const next = this.ruinAndRecreate(state, group, floors);
          if (next !== null) { state = next; improved = true; this.accepted++; break; }
        }
        if (stopped === 'budget') break;
      }
      if (stopped === 'budget') break;
    }
    const outcomes = orders.map((o, i): OrderOutcome => {
      const before = current[i] as Assignment;
      const after = state[i] as Assignment;
      const changed = after.plan !== null && !sameTakes(before.takes, after.takes);
      const final = changed ? after : before;
      return {
        id: o.id, changed, plan: changed ? after.plan : null, takes: final.takes,
        before: { shipments: before.shipments, km: before.km }, after: { shipments: final.shipments, km: final.km },
      };
    });
    const finalTotals = { unserved: totals(state).unserved, shipments: sum(outcomes.map((o) => o.after.shipments)), km: sum(outcomes.map((o) => o.after.km)) };
    return {
      before: totals(current), baseline: { ...baselineTotals, feasible: baseline.feasible }, after: finalTotals, orders: outcomes,
      search: { moves: this.moves, accepted: this.accepted, stopped },
    };
  }

  /** Plans the orders in `indexes` one after the other on the free stock; puts it back afterwards. */
  private sequence(indexes: readonly number[], floors: readonly ReadonlyMap<string, number>[], stopAtShort: boolean): { assignments: Assignment[]; feasible: boolean } {
    const assignments: Assignment[] = [];
    let feasible = true;
    for (const i of indexes) {
      const a = this.planned(this.input.orders[i] as BatchOrder);
      assignments.push(a);
      this.hold(a, -1);
      if (!meetsFloor(a, floors[i] as ReadonlyMap<string, number>)) {
        feasible = false;
        if (stopAtShort) break;
      }
    }
    for (const a of assignments) this.hold(a, +1);
    return { assignments, feasible };
  }

  private ruinAndRecreate(state: readonly Assignment[], group: readonly number[], floors: readonly ReadonlyMap<string, number>[]): Assignment[] | null {
    this.moves++;
    for (const i of group) this.hold(state[i] as Assignment, +1);
    const { assignments, feasible } = this.sequence(group, floors, true);
    const before = totals(group.map((i) => state[i] as Assignment));
    const keep = feasible && assignments.length === group.length && better(totals(assignments), before);
    const next = [...state];
    if (keep) group.forEach((i, k) => { next[i] = assignments[k] as Assignment; });
    for (const i of group) this.hold(next[i] as Assignment, -1);
    return keep ? next : null;
  }

  /** Shipments each order would have if it had the whole released stock to itself. */
  private ideals(state: readonly Assignment[]): Assignment[] {
    for (const a of state) this.hold(a, +1);
    const ideal = this.input.orders.map((o) => this.planned(o));
    for (const a of state) this.hold(a, -1);
    return ideal;
  }

  private planned(order: BatchOrder): Assignment {
    const { model } = this.input;
    const stock = [...new Set(order.lines.map((l) => l.sku))].flatMap((sku) => this.stockBySku.get(sku) ?? []);
    const problem: RoutingProblem = {
      strategy: model.strategy, algorithm: FEWEST_SHIPMENTS, distanceMode: 'driving', stockLocationsCutoff: model.stockLocationsCutoff,
      locations: model.locations, skus: model.skus, lines: order.lines, destination: order.destination,
      stock: stock.map((s) => ({ ...s, reserved: Math.max(0, s.quantity - (this.free.get(key(s.location, s.sku)) ?? 0)) as Quantity })),
      ...(this.budget.perOrderMs !== undefined ? { timeBudgetMs: this.budget.perOrderMs } : {}),
    };
    const plan = planOrder(problem, order.distances, this.budget.now ? { now: this.budget.now } : { nodes: 20_000 });
    const takes = plan.selection.lines.flatMap((l) => l.sources.filter((s) => s.quantityToDeduct > 0)
      .map((s) => ({ line: l.line, sku: l.sku, location: s.location, quantity: s.quantityToDeduct })));
    const served = new Map<string, number>();
    for (const l of plan.selection.lines) served.set(l.line, l.quantity - l.shortfall);
    return {
      plan, takes, served, unserved: sum(plan.selection.lines.map((l) => l.shortfall)),
      shipments: plan.shipments.length + plan.transfers.length, km: this.km(order, takes),
    };
  }

  private currentOf(order: BatchOrder): Assignment {
    const served = new Map<string, number>();
    const untracked = new Set(this.input.model.skus.filter((s) => s.doNotTrack).map((s) => s.code));
    for (const l of order.lines) served.set(l.id, untracked.has(l.sku) ? l.quantity : 0);
    for (const t of order.current.takes) served.set(t.line, (served.get(t.line) ?? 0) + t.quantity);
    const unserved = sum(order.lines.map((l) => Math.max(0, l.quantity - (served.get(l.id) ?? 0))));
    return { plan: null, takes: order.current.takes, served, unserved, shipments: order.current.shipments, km: this.km(order, order.current.takes) };
  }

  private km(order: BatchOrder, takes: readonly Take[]): number {
    const d = order.distances;
    if (d === undefined || d.kind !== 'measured') return 0;
    return sum(takes.map((t) => ((d.entries.get(t.location)?.distanceM ?? 0) / 1000) * (t.quantity / SCALE)));
  }

  /** sign −1 takes the assignment's stock from the free pool, +1 gives it back. */
  private hold(a: Assignment, sign: 1 | -1): void {
    for (const t of a.takes) this.free.set(key(t.location, t.sku), (this.free.get(key(t.location, t.sku)) ?? 0) + sign * t.quantity);
  }

  private spent(): boolean {
    if (this.moves >= (this.budget.moves ?? 2000)) return true;
    const { now, ms } = this.budget;
    return now !== undefined && ms !== undefined && this.start !== null && now() - this.start > ms;
  }
}

/** The other orders holding stock at the (location, SKU) pairs order a's ideal plan would use. */
function blockersOf(a: number, state: readonly Assignment[], wanted: ReadonlySet<string>): number[] {
  return state.map((_, i) => i).filter((i) => i !== a && (state[i] as Assignment).takes.some((t) => wanted.has(key(t.location, t.sku))));
}

function meetsFloor(a: Assignment, floor: ReadonlyMap<string, number>): boolean {
  for (const [line, served] of floor) if ((a.served.get(line) ?? 0) < served) return false;
  return true;
}

function totals(as: readonly Assignment[]): Totals {
  return { unserved: sum(as.map((a) => a.unserved)), shipments: sum(as.map((a) => a.shipments)), km: sum(as.map((a) => a.km)) };
}

/** Lexicographically better; km differences under a metre are ties (float sums). */
export function better(a: Totals, b: Totals): boolean {
  if (a.unserved !== b.unserved) return a.unserved < b.unserved;
  if (a.shipments !== b.shipments) return a.shipments < b.shipments;
  return a.km < b.km - 1e-3;
}

function sameTakes(a: readonly Take[], b: readonly Take[]): boolean {
  const canon = (ts: readonly Take[]) => {
    const m = new Map<string, number>();
    for (const t of ts) m.set(`${t.line}|${t.location}`, (m.get(`${t.line}|${t.location}`) ?? 0) + t.quantity);
    return [...m].filter(([, q]) => q !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, q]) => `${k}=${q}`).join(',');
  };
  return canon(a) === canon(b);
}

const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);
