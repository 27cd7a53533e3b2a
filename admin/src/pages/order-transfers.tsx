// The order's stock transfers (stock moving to the location that ships it).
import type { Included, Resource } from '../api/jsonapi.js';
import type { LocationAttrs, OrderAttrs, TransferAttrs } from '../api/types.js';
import { formatQty } from '../components/format.js';
import { StatusBadge } from '../components/status-badge.js';

interface Props {
  readonly order: Resource<OrderAttrs>;
  readonly included: Included;
}

export function OrderTransfers({ order, included }: Props) {
  const transfers = included.many<TransferAttrs>(order, 'stock_transfers');
  if (transfers.length === 0) return null;
  return (
    <>
      <h2>Stock transfers</h2>
      <table aria-label="Stock transfers of this order">
        <thead>
          <tr>
            <th scope="col">Transfer</th>
            <th scope="col">SKU</th>
            <th scope="col">Quantity</th>
            <th scope="col">From → to</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {transfers.map((t) => (
            <tr key={t.id}>
              <td>{t.attributes.number}</td>
              <td>{t.attributes.sku_code}</td>
              <td>{formatQty(t.attributes.quantity)}</td>
              <td>
                {included.one<LocationAttrs>(t, 'origin_stock_location')?.attributes.code ?? '?'} →{' '}
                {included.one<LocationAttrs>(t, 'destination_stock_location')?.attributes.code ?? '?'}
              </td>
              <td><StatusBadge status={t.attributes.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
