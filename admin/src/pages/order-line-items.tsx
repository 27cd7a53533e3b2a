// The order's line items: ordered, shipped, backordered, and reserved where (per location).
import type { Included, Resource } from '../api/jsonapi.js';
import type { LocationAttrs, OrderAttrs, ReservationAttrs, StockItemAttrs } from '../api/types.js';
import { relIds } from '../api/jsonapi.js';
import { formatQty } from '../components/format.js';
import type { LineProgress } from '../api/order-progress.js';

interface Props {
  readonly order: Resource<OrderAttrs>;
  readonly included: Included;
  readonly progress: readonly LineProgress[];
}

function reservedWhere(included: Included, reservations: Resource<ReservationAttrs>[]): string {
  if (reservations.length === 0) return '—';
  const byPlace = new Map<string, number>();
  for (const r of reservations) {
    const item = included.one<StockItemAttrs>(r, 'stock_item');
    const location = item ? included.one<LocationAttrs>(item, 'stock_location') : undefined;
    const place = location?.attributes.code ?? 'unknown location';
    byPlace.set(place, (byPlace.get(place) ?? 0) + r.attributes.quantity);
  }
  return [...byPlace].sort(([a], [b]) => a.localeCompare(b)).map(([place, q]) => `${formatQty(q)} at ${place}`).join(', ');
}

export function LineItemsTable({ order, included, progress }: Props) {
  const reservations = included.many<ReservationAttrs>(order, 'stock_reservations');
  return (
    <>
      <h2>Items ordered</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Ordered</th>
            <th scope="col">In shipments</th>
            <th scope="col">Shipped</th>
            <th scope="col">Backordered</th>
            <th scope="col">Reserved</th>
            <th scope="col">To ship</th>
          </tr>
        </thead>
        <tbody>
          {progress.map(({ line: l, inShipments, toShip }) => {
            const mine = reservations.filter((r) => relIds(r, 'line_item')[0]?.id === l.id);
            return (
              <tr key={l.id} data-sku={l.attributes.sku_code}>
                <td>{l.attributes.sku_code}</td>
                <td>{formatQty(l.attributes.quantity)}</td>
                <td>{formatQty(inShipments)}</td>
                <td>{formatQty(l.attributes.shipped_quantity)}</td>
                <td>{formatQty(l.attributes.backordered_quantity)}</td>
                <td>{reservedWhere(included, mine)}</td>
                <td>{formatQty(toShip)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
