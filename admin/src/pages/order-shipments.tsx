// The order's shipments: number, status, location and what each carries.
import { Link } from 'react-router';
import type { Included, Resource } from '../api/jsonapi.js';
import { relIds } from '../api/jsonapi.js';
import type { LocationAttrs, OrderAttrs, ShipmentAttrs, StockLineItemAttrs } from '../api/types.js';
import { formatQty } from '../components/format.js';
import { StatusBadge } from '../components/status-badge.js';

interface Props {
  readonly order: Resource<OrderAttrs>;
  readonly included: Included;
}

export function OrderShipments({ order, included }: Props) {
  const shipments = included.many<ShipmentAttrs>(order, 'shipments').sort((a, b) => a.attributes.number.localeCompare(b.attributes.number, undefined, { numeric: true }));
  const stockLines = included.many<StockLineItemAttrs>(order, 'stock_line_items');
  return (
    <>
      <h2>Shipments</h2>
      {shipments.length === 0 ? (
        <p>No shipments yet.</p>
      ) : (
        <table aria-label="Shipments of this order">
          <thead>
            <tr>
              <th scope="col">Shipment</th>
              <th scope="col">Status</th>
              <th scope="col">Ships from</th>
              <th scope="col">Items</th>
            </tr>
          </thead>
          <tbody>
            {shipments.map((s) => {
              const location = included.one<LocationAttrs>(s, 'stock_location');
              const lines = stockLines.filter((l) => relIds(l, 'shipment')[0]?.id === s.id);
              return (
                <tr key={s.id}>
                  <td><Link to={`/shipments/${s.id}`}>{s.attributes.number}</Link></td>
                  <td><StatusBadge status={s.attributes.status} /></td>
                  <td>{location?.attributes.code ?? relIds(s, 'stock_location')[0]?.id ?? '—'}</td>
                  <td>{lines.map((l) => `${formatQty(l.attributes.quantity)} × ${l.attributes.sku_code}`).sort().join(', ') || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
