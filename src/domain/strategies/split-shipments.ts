// Strategy `split_shipments` (Commerce Layer): as many shipments as availability needs.
// 1. If the primary alone has every SKU of the order, everything ships from the primary.
// 2. Otherwise every line is filled over the ranked candidates (priority, or distance),
//    one line possibly split across locations; what nobody has is shortfall.
// 3. One shipment per location × shipping category that has items; do_not_track lines ride in
//    their category's shipment from the first location that ships anything; do_not_ship items
//    go in no shipment.
import { fill } from '../selection/fill.js';
import type { RankedLocation } from '../selection/ranking.js';
import { servesAll, startingWith, trackedDemand } from './demand.js';
import { layoutShipments } from './layout.js';
import type { Strategy, StrategyDecision, StrategyInput } from './strategy.js';

export const splitShipments: Strategy = {
  name: 'split_shipments',
  plan: (input) => planSplit(input, false),
};

/** split_shipments, and split_by_line_items with `perLine`. */
export function planSplit({ problem, snapshot, ranked }: StrategyInput, perLine: boolean): StrategyDecision {
  const { order, choice } = splitOrder({ problem, snapshot, ranked });
  const filled = fill(snapshot, problem.lines, order);
  const layout = layoutShipments(snapshot, filled.lines, { order, shipFrom: null, perLine, byCategory: true });
  return { ...layout, lines: filled.lines, explanation: [choice, ...filled.explanation, ...layout.explanation] };
}

function splitOrder({ problem, snapshot, ranked }: StrategyInput): { order: readonly RankedLocation[]; choice: string } {
  const primary = ranked.order.find((l) => l.code === snapshot.primary?.code);
  if (primary !== undefined && servesAll(snapshot, primary.code, trackedDemand(snapshot, problem.lines))) {
    return { order: startingWith(primary, ranked.order), choice: `the primary ${primary.code} has every SKU: everything ships from it` };
  }
  const who = primary === undefined ? 'there is no candidate location' : `the primary ${primary.code} lacks some SKUs`;
  return { order: ranked.order, choice: `${who}: filling over the candidates in ${ranked.algorithmUsed} order` };
}
