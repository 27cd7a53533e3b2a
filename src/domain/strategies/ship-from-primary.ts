// Strategy `ship_from_primary`: every shipment leaves from the primary location.
// 1. Every line is filled from the primary first, then from the other candidates by priority
//    (the selection names these origins: that is where stock is taken).
// 2. What comes from another location travels to the primary by a stock transfer.
// 3. One shipment from the primary per shipping category; do_not_track lines ride in it;
//    do_not_ship items stay at their origin, in no shipment and with no transfer.
import { fill } from '../selection/fill.js';
import { byPriority } from './demand.js';
import { layoutShipments } from './layout.js';
import type { Strategy, StrategyDecision, StrategyInput } from './strategy.js';

export const shipFromPrimary: Strategy = {
  name: 'ship_from_primary',
  plan: (input) => planFromPrimary(input, []),
};

/** ship_from_primary, with `preface` lines explaining how the strategy got here. */
export function planFromPrimary({ problem, snapshot, ranked }: StrategyInput, preface: readonly string[]): StrategyDecision {
  const order = byPriority(ranked.order);
  const primary = order[0] ?? null;
  const filled = fill(snapshot, problem.lines, order);
  const layout = layoutShipments(snapshot, filled.lines, { order, shipFrom: primary, perLine: false, byCategory: true });
  const choice =
    primary === null
      ? 'ship_from_primary: there is no candidate location'
      : `ship_from_primary: everything ships from ${primary.code}; what it lacks comes by transfer from the other candidates by priority`;
  return { ...layout, lines: filled.lines, explanation: [...preface, choice, ...filled.explanation, ...layout.explanation] };
}
