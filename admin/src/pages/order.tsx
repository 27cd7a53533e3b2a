// One order: its line items (ordered, shipped, backordered, reserved where), shipments,
// transfers and returns, and the Ship button that opens the Source Selection page.
import { Link, useLocation, useParams } from 'react-router';
import { cannotShipReason, fetchOrder } from '../api/orders.js';
import { lineProgress } from '../api/order-progress.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatDate, formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { StatusBadge } from '../components/status-badge.js';
import { useLoad } from '../components/use-load.js';
import { LineItemsTable } from './order-line-items.js';
import { OrderReturns } from './order-returns.js';
import { OrderShipments } from './order-shipments.js';
import { OrderTransfers } from './order-transfers.js';

export function OrderPage() {
  const { orderId = '' } = useParams();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const { data, error, loading } = useLoad(() => fetchOrder(orderId), [orderId]);

  if (error) return <ErrorSummary error={error} />;
  if (loading || !data) return <Loading what="Loading order" />;
  const { order, included } = data;
  const progress = lineProgress(order, included);
  const unshipped = progress.reduce((n, p) => n + p.toShip, 0);
  const reason = cannotShipReason(order.attributes, unshipped);

  return (
    <section>
      <h1>Order #{order.attributes.number}</h1>
      {flash ? <p className="notice success" role="status">{flash}</p> : null}
      <dl className="facts">
        <dt>Status</dt>
        <dd><StatusBadge status={order.attributes.status} /></dd>
        <dt>Payment</dt>
        <dd><StatusBadge status={order.attributes.payment_status} /></dd>
        <dt>Fulfilment</dt>
        <dd><StatusBadge status={order.attributes.fulfillment_status} /></dd>
        <dt>Placed at</dt>
        <dd>{formatDate(order.attributes.placed_at)}</dd>
        <dt>Left to ship</dt>
        <dd>{formatQty(unshipped)}</dd>
      </dl>
      <div className="actions">
        {reason ? (
          <>
            <button type="button" disabled aria-describedby="ship-reason">Ship</button>
            <span id="ship-reason" className="hint">{reason}</span>
          </>
        ) : (
          <Link className="button primary" to={`/orders/${order.id}/ship`}>Ship</Link>
        )}
      </div>
      <LineItemsTable order={order} included={included} progress={progress} />
      <OrderShipments order={order} included={included} />
      <OrderTransfers order={order} included={included} />
      <OrderReturns order={order} included={included} />
    </section>
  );
}
