// Answers one routing problem the way `stockroute route` does: for distance ranking, measure
// the destination → enabled locations through the distance provider first (the engine
// itself is pure), then ask the engine for a plan (with a strategy) or a plain selection.
// A provider that fails returns (or, if badly behaved, throws) "unavailable": the engine then
// falls back to priority and says why.
import type { DistanceProvider } from '../../domain/distance/provider.js';
import type { DistanceTable, RoutingProblem } from '../../domain/routing.js';
import { rankingNames, selectSources } from '../../domain/selection/index.js';
import { planOrder, strategyNames } from '../../domain/strategies/index.js';
import type { Registries } from './input.js';
import type { RouteAnswer } from './output.js';

/** The ranking that needs distances measured before the engine runs. */
export const DISTANCE_RANKING = 'distance';
/** The rankings that use measured distances (fewest_shipments breaks ties by them). */
export const MEASURED_RANKINGS: readonly string[] = [DISTANCE_RANKING, 'fewest_shipments'];

export function engineRegistries(): Registries {
  return { strategies: strategyNames(), rankings: rankingNames() };
}

export async function solve(problem: RoutingProblem, provider: DistanceProvider): Promise<RouteAnswer> {
  const distances = MEASURED_RANKINGS.includes(problem.algorithm) ? await measure(problem, provider) : undefined;
  const budget = { now: () => performance.now() };
  return problem.strategy === null
    ? { kind: 'selection', selection: selectSources(problem, distances, budget) }
    : { kind: 'plan', plan: planOrder(problem, distances, budget) };
}

async function measure(problem: RoutingProblem, provider: DistanceProvider): Promise<DistanceTable> {
  const destination = problem.destination;
  if (destination === null) return { kind: 'unavailable', provider: provider.name, reason: 'the order has no shipping address' };
  try {
    return await provider.measure(destination, problem.locations.filter((l) => l.enabled), problem.distanceMode);
  } catch (error) {
    return { kind: 'unavailable', provider: provider.name, reason: `${provider.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
