// Batch re-optimisation of one inventory model: a dry-run preview (the orders that would
// change, shipments before → after), "Re-optimise now", and the last runs.
import { useState } from 'react';
import { Link } from 'react-router';
import { asApiError, type ApiError } from '../api/errors.js';
import { fetchRuns, reoptimize } from '../api/inventory-models.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';

export function ReoptimizationPanel({ modelId }: { modelId: string }) {
  const { data: runs, error, reload } = useLoad(() => fetchRuns(modelId), [modelId]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();

  async function run(dryRun: boolean) {
    setBusy(true);
    setActionError(undefined);
    try {
      await reoptimize(modelId, dryRun);
      reload();
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const preview = runs?.[0]?.attributes.status === 'dry_run' ? runs[0] : undefined;
  return (
    <section aria-labelledby="reoptimize-title" aria-busy={busy}>
      <h2 id="reoptimize-title">Batch re-optimisation</h2>
      <p>Re-plans together the orders the warehouse has not started, to cut shipments; no order is served less.</p>
      <ErrorSummary error={actionError ?? error} />
      <p>
        <button type="button" disabled={busy} onClick={() => void run(true)}>Preview (dry run)</button>{' '}
        <button type="button" disabled={busy} onClick={() => void run(false)}>Re-optimise now</button>
      </p>
      {preview && (
        <div data-testid="reoptimize-preview">
          <p>
            Preview: {preview.attributes.orders_changed} of {preview.attributes.orders_considered} orders would change; shipments{' '}
            {preview.attributes.shipments_before} → {preview.attributes.shipments_after}.
          </p>
          <ul>
            {preview.attributes.changed_orders.map((o) => (
              <li key={o.order_id}>
                <Link to={`/orders/${o.order_id}`}>{o.number}</Link>: {o.shipments_before} → {o.shipments_after} shipments
              </li>
            ))}
          </ul>
        </div>
      )}
      {!runs ? <Loading what="Loading runs" /> : (
        <table>
          <caption>Last runs</caption>
          <thead>
            <tr>
              <th scope="col">When</th><th scope="col">Status</th><th scope="col">Orders changed</th>
              <th scope="col">Shipments before → after</th><th scope="col">Greedy baseline</th><th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.attributes.created_at).toLocaleString()}</td>
                <td>{r.attributes.status}{r.attributes.message ? ` (${r.attributes.message})` : ''}</td>
                <td className="num">{r.attributes.orders_changed} / {r.attributes.orders_considered}</td>
                <td className="num">{r.attributes.shipments_before} → {r.attributes.shipments_after}</td>
                <td className="num">{r.attributes.shipments_baseline}</td>
                <td className="num">{Math.round(r.attributes.elapsed_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
