// Which algorithm actually ran: a Distance Priority request that had no route data falls back
// to Source Priority, and says why. Also the readable explanation steps.
import type { Selection } from '../api/source-selections.js';
import { ALGORITHMS } from '../api/source-selections.js';

function label(algorithm: string): string {
  return ALGORITHMS.find((a) => a.value === algorithm)?.label ?? algorithm;
}

function step(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object' && 'message' in entry) return String((entry as { message: unknown }).message);
  return JSON.stringify(entry);
}

export function FallbackNotice({ selection }: { readonly selection: Selection }) {
  const a = selection.attributes;
  const fellBack = a.algorithm_used !== a.algorithm;
  return (
    <>
      <p className="used" role="status">
        Recommendation by <strong>{label(a.algorithm_used)}</strong>
        {a.algorithm_used === 'distance' ? ` (${a.distance_mode})` : ''}
        {a.shippable ? '' : ' · not everything is available: the rest ships later'}
      </p>
      {fellBack ? (
        <div className="notice fallback" role="alert">
          {label(a.algorithm)} ({a.distance_mode}) could not be used, so {label(a.algorithm_used)} was used instead
          {a.fallback_reason ? `: ${a.fallback_reason}` : '.'}
        </div>
      ) : null}
      {a.explanation?.length ? (
        <details className="explanation">
          <summary>How this was recommended</summary>
          <ol>
            {a.explanation.map((e, i) => (
              <li key={i}>{step(e)}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}
