// The tiny interface every ranking implements: given the candidate locations (already
// enabled and within the cutoff, by priority) and what a distance provider measured, return
// the order in which the fill tries them — or say why it cannot rank, so the selection falls
// back to priority.
import type { DistanceMode, DistanceTable, LocationInput } from '../routing.js';

export interface RankedLocation {
  readonly code: string;
  readonly priority: number;
  readonly onHold: boolean;
  readonly distanceM: number | null;
  readonly durationS: number | null;
}

export interface RankingContext {
  readonly mode: DistanceMode;
  /** Measured beforehand by a provider; undefined when nobody measured. */
  readonly distances: DistanceTable | undefined;
}

export type RankingOutcome =
  | {
      readonly kind: 'ranked';
      readonly order: readonly RankedLocation[];
      readonly explanation: readonly string[];
      /** Ranked, but not by what the algorithm prefers (fewest_shipments without distances). */
      readonly fallbackReason?: string;
    }
  | { readonly kind: 'fallback'; readonly reason: string };

export interface Ranking {
  readonly name: string;
  /** `candidates` come by priority, then code. */
  rank(candidates: readonly LocationInput[], context: RankingContext): RankingOutcome;
}

/** Ties and everything else: priority first, then location code (never locale-dependent). */
export function byPriorityThenCode(a: { priority: number; code: string }, b: { priority: number; code: string }): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** A candidate as ranked, with its measure from the table when there is one. */
export function ranked(location: LocationInput, distances: DistanceTable | undefined): RankedLocation {
  const entry = distances?.kind === 'measured' ? distances.entries.get(location.code) : undefined;
  return {
    code: location.code,
    priority: location.priority,
    onHold: location.onHold,
    distanceM: entry?.distanceM ?? null,
    durationS: entry?.durationS ?? null,
  };
}
