// Which strategy × algorithm combinations a run compares. With neither list given: every
// strategy with priority ranking, plus split_shipments with distance ranking. With one list,
// the other defaults (all strategies, or priority); with both, their cross product.
import type { Scenario } from './types.js';

export interface ScenarioChoice {
  readonly strategies?: readonly string[] | undefined;
  readonly algorithms?: readonly string[] | undefined;
}

export type ScenariosResult = { readonly ok: true; readonly scenarios: readonly Scenario[] } | { readonly ok: false; readonly error: string };

export function chooseScenarios(choice: ScenarioChoice, known: { strategies: readonly string[]; rankings: readonly string[] }): ScenariosResult {
  for (const [option, names, valid] of [
    ['--strategies', choice.strategies, known.strategies],
    ['--algorithms', choice.algorithms, known.rankings],
  ] as const) {
    if (names === undefined) continue;
    if (names.length === 0) return { ok: false, error: `${option}: give at least one name (one of ${valid.join(', ')})` };
    const unknown = names.find((n) => !valid.includes(n));
    if (unknown !== undefined) return { ok: false, error: `${option}: "${unknown}" is not one of ${valid.join(', ')}` };
  }
  if (choice.strategies === undefined && choice.algorithms === undefined) {
    const scenarios: Scenario[] = known.strategies.map((strategy) => ({ strategy, algorithm: 'priority' }));
    if (known.strategies.includes('split_shipments') && known.rankings.includes('distance')) scenarios.push({ strategy: 'split_shipments', algorithm: 'distance' });
    return { ok: true, scenarios };
  }
  const strategies = choice.strategies ?? known.strategies;
  const algorithms = choice.algorithms ?? ['priority'];
  const unique = [...new Set(strategies)].flatMap((strategy) => [...new Set(algorithms)].map((algorithm) => ({ strategy, algorithm })));
  return { ok: true, scenarios: unique };
}

/** "a, b,c" → ['a', 'b', 'c'] (commander option parser). */
export const commaList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s !== '');
