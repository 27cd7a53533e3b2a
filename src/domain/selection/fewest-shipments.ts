// Ranking `fewest_shipments`: the candidates cheapest first for the optimiser
// (domain/optimise): by measured travel time or distance, exactly as `distance` ranks them,
// or — when nothing could be measured — by priority, saying why. The ranking only orders;
// which locations serve is then decided by the exact search, not by walking this order.
import { distanceRanking } from './distance.js';
import { priorityRanking } from './priority.js';
import type { Ranking } from './ranking.js';

export const FEWEST_SHIPMENTS = 'fewest_shipments';

export const fewestShipmentsRanking: Ranking = {
  name: FEWEST_SHIPMENTS,
  rank(candidates, context) {
    const measured = distanceRanking.rank(candidates, context);
    if (measured.kind === 'ranked') return measured;
    const byPriority = priorityRanking.rank(candidates, context);
    if (byPriority.kind !== 'ranked') throw new Error('the priority ranking always ranks');
    return {
      kind: 'ranked',
      order: byPriority.order,
      explanation: [`fewest_shipments breaks ties by priority: ${measured.reason}`, ...byPriority.explanation],
      fallbackReason: measured.reason,
    };
  },
};
