// Every strategy, planned with the fewest_shipments algorithm: the strategy's rules stay,
// but which locations serve is chosen by the exact optimiser (domain/optimise) instead of
// walking the ranking.
// - no_split: the single candidate that serves the most, then costs least (distance or
//   priority rank), then comes first; one shipment with no category.
// - split_shipments: the fewest (location × shipping category) shipments, then the least
//   units × distance; "the primary has everything" is no rule, only what the priority-rank
//   cost prefers on a tie.
// - split_by_line_items: the fewest (line × location) shipments.
// - ship_from_primary: ships from the primary as ever; the fewest transfers bring the rest.
// - ship_from_first_available_or_primary: of the candidates that have everything, the
//   cheapest serves the whole order; if none, ship_from_primary with the fewest transfers.
// do_not_track lines ride in a shipment of their own category when one exists.
import type { Optimality } from '../routing.js';
import type { SearchBudget } from '../optimise/index.js';
import { optimiseLines } from '../optimise/index.js';
import type { Grouping, Optimised } from '../optimise/index.js';
import { unitCosts } from '../optimise/costs.js';
import { fill } from '../selection/fill.js';
import type { RankedLocation } from '../selection/ranking.js';
import { availableAt, byPriority, servesAll, startingWith, trackedDemand } from './demand.js';
import { layoutShipments } from './layout.js';
import type { LayoutOptions } from './layout.js';
import type { StrategyDecision, StrategyInput } from './strategy.js';

export type FewestDecision = StrategyDecision & { readonly optimality: Optimality };

export function planFewest(strategy: string, input: StrategyInput, budget: SearchBudget): FewestDecision {
  const { snapshot, ranked } = input;
  switch (strategy) {
    case 'no_split':
      return singleLocation(input);
    case 'split_shipments':
      return optimised(input, budget, { kind: 'by_category' }, ranked.order, { order: ranked.order, shipFrom: null, perLine: false, byCategory: true });
    case 'split_by_line_items':
      return optimised(input, budget, { kind: 'by_line', free: null }, ranked.order, { order: ranked.order, shipFrom: null, perLine: true, byCategory: true });
    case 'ship_from_first_available_or_primary': {
      const whole = wholeOrder(input);
      if (whole !== null) return whole;
      return fromPrimary(input, budget, ['no single candidate has every SKU: shipping from the primary']);
    }
    case 'ship_from_primary':
      return fromPrimary(input, budget, []);
    default:
      throw new Error(`fewest_shipments: no plan for strategy ${strategy} (snapshot of ${snapshot.candidates.length} candidates)`);
  }
}

function optimised(input: StrategyInput, budget: SearchBudget, grouping: Grouping, greedyOrder: readonly RankedLocation[], layout: LayoutOptions, preface: readonly string[] = []): FewestDecision {
  const { problem, snapshot, ranked } = input;
  const best: Optimised = optimiseLines({ snapshot, lines: problem.lines, order: ranked.order, greedyOrder, grouping }, budget);
  const laid = layoutShipments(snapshot, best.lines, { ...layout, ridersJoinTheirCategory: true });
  const transfers = grouping.kind === 'by_line' && grouping.free !== null;
  const counted = laid.shipments.length + (transfers ? laid.transfers.length : 0);
  const optimality: Optimality = {
    status: best.proven ? 'proven' : 'budget_exhausted',
    shipments: laid.shipments.length,
    ...(transfers ? { transfers: laid.transfers.length } : {}),
    lowerBound: counted - (best.count - best.lowerBound),
  };
  return { ...laid, lines: best.lines, explanation: [...preface, ...best.explanation, ...laid.explanation], optimality };
}

function fromPrimary(input: StrategyInput, budget: SearchBudget, preface: readonly string[]): FewestDecision {
  const order = byPriority(input.ranked.order);
  const primary = order[0] ?? null;
  const choice = primary === null ? 'ship_from_primary: there is no candidate location' : `ship_from_primary: everything ships from ${primary.code}; the fewest transfers bring what it lacks`;
  const grouping: Grouping = { kind: 'by_line', free: primary?.code ?? null };
  return optimised(input, budget, grouping, order, { order, shipFrom: primary, perLine: false, byCategory: true }, [...preface, choice]);
}

/** ship_from_first_available_or_primary when some candidates have everything: the cheapest of them. */
function wholeOrder(input: StrategyInput): FewestDecision | null {
  const { problem, snapshot, ranked } = input;
  const demand = trackedDemand(snapshot, problem.lines);
  const { costs } = unitCosts(ranked.order);
  const units = [...demand.values()].reduce<number>((t, q) => t + q, 0);
  let best = -1;
  ranked.order.forEach((l, p) => {
    if (!servesAll(snapshot, l.code, demand)) return;
    if (best < 0 || (costs[p] as number) * units < (costs[best] as number) * units) best = p;
  });
  if (best < 0) return null;
  const first = ranked.order[best] as RankedLocation;
  const order = startingWith(first, byPriority(ranked.order));
  const filled = fill(snapshot, problem.lines, order);
  const laid = layoutShipments(snapshot, filled.lines, { order, shipFrom: first, perLine: false, byCategory: true, ridersJoinTheirCategory: true });
  const choice = `fewest_shipments: ${first.code} (priority ${first.priority}) has every SKU and costs least: it serves the whole order, with no transfer`;
  const optimality: Optimality = { status: 'proven', shipments: laid.shipments.length, transfers: 0, lowerBound: laid.shipments.length };
  return { ...laid, lines: filled.lines, explanation: [choice, ...filled.explanation, ...laid.explanation], optimality };
}

/** no_split: the candidate serving the most units, then cheapest, then first in the ranking. */
function singleLocation(input: StrategyInput): FewestDecision {
  const { problem, snapshot, ranked } = input;
  const demand = trackedDemand(snapshot, problem.lines);
  const { costs } = unitCosts(ranked.order);
  let best = -1;
  let bestServed = -1;
  let bestCost = Infinity;
  ranked.order.forEach((l, p) => {
    const have = availableAt(snapshot, l.code, demand);
    const served = [...demand].reduce((t, [sku, q]) => t + Math.min(q, have.get(sku) ?? 0), 0);
    const cost = served * (costs[p] as number);
    if (served > bestServed || (served === bestServed && cost < bestCost)) [best, bestServed, bestCost] = [p, served, cost];
  });
  const chosen = ranked.order[best];
  const order = chosen === undefined ? [] : [chosen];
  const filled = fill(snapshot, problem.lines, order);
  const laid = layoutShipments(snapshot, filled.lines, { order, shipFrom: chosen ?? null, perLine: false, byCategory: false });
  const choice = chosen === undefined ? 'no_split: there is no candidate location' : `no_split with fewest_shipments: ${chosen.code} serves the most of the order alone (every candidate compared)`;
  const optimality: Optimality = { status: 'proven', shipments: laid.shipments.length, lowerBound: laid.shipments.length };
  return { ...laid, lines: filled.lines, explanation: [choice, ...filled.explanation, ...laid.explanation], optimality };
}
