// The routing engine's public API: pure functions from a RoutingProblem (and, for distance
// ranking, a measured DistanceTable) to a Selection or a Plan.
export * from './routing.js';
export * from './quantity.js';
export * from './errors.js';
export type { DistanceProvider } from './distance/provider.js';
export { GREAT_CIRCLE, greatCircleTable, haversineMetres } from './distance/great-circle.js';
export type { LatLng } from './distance/great-circle.js';
export { rankingNames, selectSources } from './selection/index.js';
export type { RankedLocation, Ranking, RankingContext, RankingOutcome } from './selection/index.js';
export { planOrder, strategyNames } from './strategies/index.js';
export type { Strategy } from './strategies/index.js';
