// One shipment: what it carries, from where, its status history, and buttons for the
// transitions allowed from its current status (each a PATCH trigger).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getDoc, trigger } from '../api/client.js';
import { asApiError, type ApiError } from '../api/errors.js';
import { Included, type Resource } from '../api/jsonapi.js';
import { transitionsFrom } from '../api/shipments.js';
import type { LocationAttrs, OrderAttrs, ShipmentAttrs, StockLineItemAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatDate, formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { StatusBadge } from '../components/status-badge.js';
import { useLoad } from '../components/use-load.js';

const STAMPS = ['upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship', 'shipped', 'delivered', 'cancelled'];

export function ShipmentPage() {
  const { shipmentId = '' } = useParams();
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { data, error, loading, reload } = useLoad(
    () => getDoc<Resource<ShipmentAttrs>>(`shipments/${shipmentId}`, { include: 'order,stock_location,stock_line_items' }),
    [shipmentId],
  );

  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading shipment" />;
  const shipment = data.data;
  const included = new Included(data.included);
  const order = included.one<OrderAttrs>(shipment, 'order');
  const location = included.one<LocationAttrs>(shipment, 'stock_location');
  const lines = included.many<StockLineItemAttrs>(shipment, 'stock_line_items');
  const attrs = shipment.attributes as ShipmentAttrs & Record<string, unknown>;

  async function fire(name: string) {
    setBusy(true);
    setActionError(undefined);
    try {
      await trigger('shipments', shipmentId, name);
      reload();
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-busy={loading || busy}>
      <h1>Shipment {attrs.number}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd><StatusBadge status={attrs.status} /></dd>
        <dt>Order</dt>
        <dd>{order ? <Link to={`/orders/${order.id}`}>#{order.attributes.number}</Link> : '—'}</dd>
        <dt>Ships from</dt>
        <dd>{location ? `${location.attributes.code} (${location.attributes.name})` : '—'}</dd>
        {STAMPS.filter((s) => attrs[`${s}_at`]).map((s) => (
          <div key={s} className="stamp">
            <dt>{s.replace(/_/g, ' ')}</dt>
            <dd>{formatDate(attrs[`${s}_at`] as string)}</dd>
          </div>
        ))}
      </dl>
      <div className="actions" role="group" aria-label="Move the shipment">
        {transitionsFrom(attrs.status).map((t) => (
          <button key={t.trigger} type="button" disabled={busy || loading} onClick={() => void fire(t.trigger)}>
            {t.label}
          </button>
        ))}
        {transitionsFrom(attrs.status).length === 0 ? <span className="hint">No further steps from {attrs.status.replace(/_/g, ' ')}.</span> : null}
      </div>
      <ErrorSummary error={actionError} />
      <h2>Items</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Quantity</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{l.attributes.sku_code}</td>
              <td className="num">{formatQty(l.attributes.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
