// The New Shipment review: per source, the products, total ordered quantity and quantity to
// ship; Submit Shipment creates one shipment per source and returns to the order.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { asApiError, type ApiError } from '../api/errors.js';
import { fetchOrder } from '../api/orders.js';
import { fetchSelection, submitSelection } from '../api/source-selections.js';
import type { LineItemAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';
import { FallbackNotice } from './fallback-notice.js';
import { shipmentsBySource } from './review-groups.js';

export function NewShipmentPage() {
  const { orderId = '', selectionId = '' } = useParams();
  const navigate = useNavigate();
  const [submitError, setSubmitError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { data, error, loading } = useLoad(
    async () => ({ selection: await fetchSelection(selectionId), order: await fetchOrder(orderId) }),
    [orderId, selectionId],
  );

  if (error) return <ErrorSummary error={error} />;
  if (loading || !data) return <Loading what="Loading the shipment" />;
  const { selection, order } = data;
  const lines = order.included.many<LineItemAttrs>(order.order, 'line_items');
  const ordered = new Map(lines.map((l) => [l.id, l.attributes.quantity]));
  const groups = shipmentsBySource(selection.attributes.items);
  const submitted = selection.attributes.status === 'submitted';

  async function submit() {
    setBusy(true);
    setSubmitError(undefined);
    try {
      await submitSelection(selectionId);
      void navigate(`/orders/${orderId}`, { state: { flash: `Shipment submitted: ${groups.length} shipment(s) created.` } });
    } catch (e) {
      setSubmitError(asApiError(e));
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>New Shipment for Order #{order.order.attributes.number}</h1>
      <FallbackNotice selection={selection} />
      <h2>Inventory</h2>
      {groups.length === 0 ? <p>No quantity to deduct from any source.</p> : null}
      {groups.map((g) => (
        <table key={g.code} className="review" data-source={g.code}>
          <caption>Source: {g.code}</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Total Qty Ordered</th>
              <th scope="col">Qty to Ship</th>
            </tr>
          </thead>
          <tbody>
            {g.lines.map((l) => (
              <tr key={l.sku_code}>
                <td>{l.sku_code}</td>
                <td className="num">{formatQty(ordered.get(l.line_item_id) ?? l.ordered)}</td>
                <td className="num">{formatQty(l.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <ErrorSummary error={submitError} />
      <div className="actions">
        {submitted ? (
          <p>This selection was already submitted.</p>
        ) : (
          <button type="button" className="primary" disabled={busy || groups.length === 0} onClick={() => void submit()}>
            {busy ? 'Submitting…' : 'Submit Shipment'}
          </button>
        )}
        <Link to={`/orders/${orderId}/ship`}>Back to Source Selection</Link>
        <Link to={`/orders/${orderId}`}>Cancel</Link>
      </div>
    </section>
  );
}
