// Order placement planning: the inventory model's strategy turns a source selection into
// planned shipments, unshipped (do_not_ship) items and stock transfers. Registry by name;
// every strategy takes the same prepared snapshot and ranking and obeys one contract suite.
import { validation } from '../errors.js';
import type { DistanceTable, Plan, RoutingProblem } from '../routing.js';
import { rankCandidates, selectionOf } from '../selection/index.js';
import { snapshotOf } from '../selection/snapshot.js';
import type { SearchBudget } from '../optimise/index.js';
import { FEWEST_SHIPMENTS } from '../selection/fewest-shipments.js';
import { planFewest } from './fewest-shipments.js';
import { noSplit } from './no-split.js';
import { shipFromFirstAvailableOrPrimary } from './ship-from-first-available-or-primary.js';
import { shipFromPrimary } from './ship-from-primary.js';
import { splitByLineItems } from './split-by-line-items.js';
import { splitShipments } from './split-shipments.js';
import type { Strategy } from './strategy.js';

export type { Strategy, StrategyDecision, StrategyInput } from './strategy.js';

const STRATEGIES: readonly Strategy[] = [noSplit, splitShipments, splitByLineItems, shipFromPrimary, shipFromFirstAvailableOrPrimary];

/** The names a problem's `strategy` may take. */
export function strategyNames(): string[] {
  return STRATEGIES.map((s) => s.name);
}

/**
 * Plans an order with `problem.strategy`; throws validation('strategy') for an unknown one.
 * `budget` bounds a fewest_shipments call (the caller's clock and milliseconds), counted from entry.
 */
export function planOrder(problem: RoutingProblem, distances?: DistanceTable, budget: SearchBudget = {}): Plan {
  const startedAt = budget.startedAt ?? budget.now?.();
  const strategy = STRATEGIES.find((s) => s.name === problem.strategy);
  if (strategy === undefined) {
    const asked = problem.strategy === null ? 'a plan needs a strategy' : `unknown strategy "${problem.strategy}"`;
    throw validation('strategy', `${asked}; expected one of ${strategyNames().join(', ')}`);
  }
  const snapshot = snapshotOf(problem);
  const ranked = rankCandidates(problem, snapshot, distances);
  const input = { problem, snapshot, ranked };
  const decision = ranked.algorithm === FEWEST_SHIPMENTS ? planFewest(strategy.name, input, { ...budget, startedAt, ms: budget.ms ?? problem.timeBudgetMs }) : strategy.plan(input);
  const preface = [...snapshot.skipped, ...ranked.explanation];
  const selection = selectionOf(ranked, decision.lines, [...preface, ...decision.explanation], decision.optimality);
  return {
    strategy: strategy.name,
    selection,
    shipments: decision.shipments,
    unshippedItems: decision.unshippedItems,
    transfers: decision.transfers,
    explanation: selection.explanation,
  };
}
