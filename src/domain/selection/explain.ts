// Wording shared by the explanation lines of rankings, the fill and the strategies, so one
// plan reads as one text: quantities as plain decimals, locations with their priority and,
// when measured, their distance or travel time.
import { toDecimal } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { RankedLocation } from './ranking.js';

/** How many locations an explanation line names before it summarises the rest. */
export const NAMED_LIMIT = 10;

export const amount = (q: Quantity): string => String(toDecimal(q));

export function measureText(location: Pick<RankedLocation, 'distanceM' | 'durationS'>): string | null {
  if (location.durationS !== null) return `${(location.durationS / 60).toFixed(1)} min`;
  if (location.distanceM !== null) return `${(location.distanceM / 1000).toFixed(1)} km`;
  return null;
}

/** "eu-1 (priority 1)" or "eu-1 (priority 1, 12.3 km)". */
export function describe(location: RankedLocation): string {
  const measure = measureText(location);
  return `${location.code} (priority ${location.priority}${measure === null ? '' : `, ${measure}`})`;
}

/** Names up to NAMED_LIMIT items, then "… and N more" (only the named ones are formatted). */
export function listed<T>(items: readonly T[], name: (item: T) => string): string {
  const named = items.slice(0, NAMED_LIMIT).map(name).join(', ');
  return items.length <= NAMED_LIMIT ? named : `${named}, … and ${items.length - NAMED_LIMIT} more`;
}

export const code = (location: { readonly code: string }): string => location.code;
