// Strategy `no_split`: the primary location serves the whole order, in one shipment.
// 1. The primary is the first candidate by priority; no other location is tried.
// 2. Every line is filled from the primary alone; whatever it lacks is shortfall (backordered
//    when the SKU allows it, otherwise the order is not available).
// 3. One shipment from the primary, with no shipping category, holds every stock line item;
//    do_not_track lines ride in it, do_not_ship items stay out of it.
import { fill } from '../selection/fill.js';
import { layoutShipments } from './layout.js';
import type { Strategy } from './strategy.js';

export const noSplit: Strategy = {
  name: 'no_split',
  plan({ problem, snapshot, ranked }) {
    const primary = ranked.order.find((l) => l.code === snapshot.primary?.code);
    const order = primary === undefined ? [] : [primary];
    const filled = fill(snapshot, problem.lines, order);
    const layout = layoutShipments(snapshot, filled.lines, { order, shipFrom: null, perLine: false, byCategory: false });
    const choice = primary === undefined ? 'no_split: there is no candidate location' : `no_split: only the primary ${primary.code} serves the order`;
    return { ...layout, lines: filled.lines, explanation: [choice, ...filled.explanation, ...layout.explanation] };
  },
};
