// Strategy `ship_from_first_available_or_primary`:
// 1. Walk the candidates by priority; the first one that has every tracked SKU of the order in
//    the quantity asked serves the whole order: one shipment from it per shipping category
//    (do_not_track lines ride in it, do_not_ship items go in no shipment).
// 2. If no single location can, behave as ship_from_primary: ship from the primary, with
//    transfers from the other candidates by priority for what it lacks.
import { fill } from '../selection/fill.js';
import { byPriority, servesAll, startingWith, trackedDemand } from './demand.js';
import { layoutShipments } from './layout.js';
import { planFromPrimary } from './ship-from-primary.js';
import type { Strategy } from './strategy.js';

export const shipFromFirstAvailableOrPrimary: Strategy = {
  name: 'ship_from_first_available_or_primary',
  plan(input) {
    const { problem, snapshot, ranked } = input;
    const demand = trackedDemand(snapshot, problem.lines);
    const candidates = byPriority(ranked.order);
    const first = candidates.find((l) => servesAll(snapshot, l.code, demand));
    if (first === undefined) {
      return planFromPrimary(input, ['no single candidate has every SKU: shipping from the primary']);
    }
    const order = startingWith(first, candidates);
    const filled = fill(snapshot, problem.lines, order);
    const layout = layoutShipments(snapshot, filled.lines, { order, shipFrom: first, perLine: false, byCategory: true });
    const choice = `${first.code} (priority ${first.priority}) is the first candidate with every SKU: it serves the whole order`;
    return { ...layout, lines: filled.lines, explanation: [choice, ...filled.explanation, ...layout.explanation] };
  },
};
