// The search's time budget. The domain reads no clock: the caller passes its own (flows and
// the CLI pass performance.now) and a number of milliseconds; without a clock only the node
// limit bounds the search, which then gives the same answer for the same input every time.
// The budget bounds the whole call, not only the search: it counts from `startedAt` (the
// caller's clock when planning began; planOrder and selectSources set it on entry), and the
// search stops at SEARCH_SHARE of it, leaving the rest for building the lines and shipments.
// A node is a unit of work: a search step is one, a step that does more (the caller says how
// much) counts as many, so the node limit bounds work, not just branching. The clock is read
// whenever another CHECK_EVERY units have been spent: a set-cover node on 50 lines × 400
// locations costs tens of microseconds, so reading it every 128 let the tail of
// `npm run bench -- routing` overshoot the budget by 20 ms (p99 50 ms at 25 ms); every 8 it
// is 22 ms, and reading a clock costs well under a microsecond.

export interface SearchBudget {
  /** Milliseconds the search may take (default DEFAULT_BUDGET_MS). */
  readonly ms?: number | undefined;
  /** The caller's monotonic clock in milliseconds; omitted: no time limit. */
  readonly now?: () => number;
  /** When the call began on `now`'s clock (default: when the search starts). */
  readonly startedAt?: number | undefined;
  /** Search nodes allowed over the whole order (default DEFAULT_NODE_LIMIT). */
  readonly nodes?: number;
}

export const DEFAULT_BUDGET_MS = 25;
export const DEFAULT_NODE_LIMIT = 200_000;
const CHECK_EVERY = 8;
/** The share of the budget the search may use; the rest is left for laying the plan out. */
export const SEARCH_SHARE = 0.8;

/** One order's allowance, shared by every component the order splits into. */
export class Allowance {
  private visited = 0;
  private nextCheck = CHECK_EVERY;
  private spent = false;
  private deadline: number | null;
  private limit: number;
  private now: (() => number) | undefined;

  constructor(budget: SearchBudget = {}) {
    this.now = budget.now;
    this.deadline = budget.now === undefined ? null : (budget.startedAt ?? budget.now()) + SEARCH_SHARE * (budget.ms ?? DEFAULT_BUDGET_MS);
    this.limit = budget.nodes ?? DEFAULT_NODE_LIMIT;
  }

  /** Counts `work` units (one node by default); false once the budget is spent (and from then on). */
  step(work = 1): boolean {
    if (this.spent) return false;
    this.visited += work;
    if (this.visited > this.limit) this.spent = true;
    else if (this.visited >= this.nextCheck) {
      this.nextCheck = this.visited + CHECK_EVERY;
      if (this.deadline !== null && this.now !== undefined && this.now() > this.deadline) this.spent = true;
    }
    return !this.spent;
  }

  /**
   * A share of what is left (time and nodes) for work that may be cut short without
   * spending the rest: its nodes count here too, but its running out does not exhaust this.
   */
  slice(fraction: number): Allowance {
    const child = new Allowance({});
    child.limit = Math.floor((this.limit - this.visited) * fraction);
    child.now = this.now;
    if (this.deadline !== null && this.now !== undefined) {
      const now = this.now();
      child.deadline = now + (this.deadline - now) * fraction;
    }
    child.parent = this;
    child.spent = this.spent;
    return child;
  }

  private parent: Allowance | null = null;

  /** Gives a slice's nodes back to its parent (call once, when the slice is done). */
  close(): void {
    if (this.parent === null) return;
    this.parent.visited += this.visited;
    this.parent = null;
  }

  get exhausted(): boolean {
    return this.spent;
  }

  get nodes(): number {
    return this.visited;
  }
}
