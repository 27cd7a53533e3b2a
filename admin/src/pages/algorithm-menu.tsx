// The Source Selection Algorithm menu: algorithm, and for Distance Priority the computation
// mode (driving, bicycling, walking). Changing either runs the algorithm again.
import { ALGORITHMS, DISTANCE_MODES, type DistanceMode } from '../api/source-selections.js';

interface Props {
  readonly algorithm: string;
  readonly mode: DistanceMode;
  readonly disabled: boolean;
  readonly onChange: (algorithm: string, mode: DistanceMode) => void;
}

export function AlgorithmMenu({ algorithm, mode, disabled, onChange }: Props) {
  return (
    <fieldset className="algorithm-menu">
      <legend>Source Selection Algorithm</legend>
      <label htmlFor="ssa-algorithm">Algorithm</label>
      <select id="ssa-algorithm" value={algorithm} disabled={disabled} onChange={(e) => onChange(e.target.value, mode)}>
        {ALGORITHMS.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </select>
      {algorithm === 'distance' ? (
        <>
          <label htmlFor="ssa-mode">Computation mode</label>
          <select id="ssa-mode" value={mode} disabled={disabled} onChange={(e) => onChange(algorithm, e.target.value as DistanceMode)}>
            {DISTANCE_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </fieldset>
  );
}
