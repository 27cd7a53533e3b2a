// One inventory model: its settings form, its locations in priority order (reorder,
// on-hold flags) and its batch re-optimisation (preview, run, last runs).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError, type ApiError } from '../api/errors.js';
import { fetchModel, setOnHold, swapPriorities } from '../api/inventory-models.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';
import { ModelSettingsForm } from './model-settings-form.js';
import { ReoptimizationPanel } from './reoptimization-panel.js';

export function InventoryModelPage() {
  const { modelId = '' } = useParams();
  const { data, error, loading, reload } = useLoad(() => fetchModel(modelId), [modelId]);
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading inventory model" />;
  const { model, rows } = data;

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setActionError(undefined);
    try {
      await run();
      reload();
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-busy={loading || busy}>
      <p>
        <Link to="/inventory-models">All inventory models</Link>
      </p>
      <h1>Inventory model: {model.attributes.name}</h1>
      <ModelSettingsForm key={model.id} model={model} onSaved={reload} />
      <h2>Locations by priority</h2>
      <ErrorSummary error={actionError} />
      <table>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">Location</th>
            <th scope="col">On hold</th>
            <th scope="col">Reorder</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const code = row.location?.attributes.code ?? row.link.id;
            const prev = rows[i - 1];
            const next = rows[i + 1];
            return (
              <tr key={row.link.id} data-location={code}>
                <td className="num">{row.link.attributes.priority}</td>
                <td>{code}{row.location && !row.location.attributes.enabled ? ' (disabled)' : ''}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${code} on hold`}
                    checked={row.link.attributes.on_hold}
                    disabled={busy}
                    onChange={(e) => void act(() => setOnHold(row, e.target.checked))}
                  />
                </td>
                <td>
                  <button type="button" aria-label={`Move ${code} up`} disabled={busy || !prev} onClick={() => prev && void act(() => swapPriorities(row, prev))}>
                    ↑
                  </button>
                  <button type="button" aria-label={`Move ${code} down`} disabled={busy || !next} onClick={() => next && void act(() => swapPriorities(row, next))}>
                    ↓
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ReoptimizationPanel modelId={model.id} />
    </section>
  );
}
