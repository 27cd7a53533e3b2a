// The tiny interface every inventory-model strategy implements: given the prepared problem
// and the ranked candidates, choose the order the fill walks and how the stock line items
// become shipments, unshipped items and transfers. Pure: a snapshot in, a decision out.
import type { LineSelection, Optimality, PlannedShipment, PlannedTransfer, RoutingProblem, StrategyName, UnshippedItem } from '../routing.js';
import type { Ranked } from '../selection/rankings.js';
import type { Snapshot } from '../selection/snapshot.js';

export interface StrategyInput {
  readonly problem: RoutingProblem;
  readonly snapshot: Snapshot;
  readonly ranked: Ranked;
}

export interface StrategyDecision {
  readonly lines: readonly LineSelection[];
  readonly shipments: readonly PlannedShipment[];
  readonly unshippedItems: readonly UnshippedItem[];
  readonly transfers: readonly PlannedTransfer[];
  /** The strategy's own steps and the fill's, in the order they happened. */
  readonly explanation: readonly string[];
  /** How good the plan is (fewest_shipments only). */
  readonly optimality?: Optimality;
}

export interface Strategy {
  readonly name: StrategyName;
  plan(input: StrategyInput): StrategyDecision;
}
