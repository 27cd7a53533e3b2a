// The order's returns and the stock location each restocks at (named by the return, or the
// model's highest-priority enabled return location).
import type { Included, Resource } from '../api/jsonapi.js';
import type { LocationAttrs, OrderAttrs, ReturnAttrs } from '../api/types.js';
import { formatDate } from '../components/format.js';
import { StatusBadge } from '../components/status-badge.js';

interface Props {
  readonly order: Resource<OrderAttrs>;
  readonly included: Included;
}

export function OrderReturns({ order, included }: Props) {
  const returns = included.many<ReturnAttrs>(order, 'returns');
  if (returns.length === 0) return null;
  return (
    <>
      <h2>Returns</h2>
      <table aria-label="Returns of this order">
        <thead>
          <tr>
            <th scope="col">Return</th>
            <th scope="col">Status</th>
            <th scope="col">Restock location</th>
            <th scope="col">Restocked at</th>
          </tr>
        </thead>
        <tbody>
          {returns.map((r) => {
            const location = included.one<LocationAttrs>(r, 'stock_location');
            return (
              <tr key={r.id}>
                <td>{r.attributes.number}</td>
                <td><StatusBadge status={r.attributes.status} /></td>
                <td>{location ? `${location.attributes.code} (${location.attributes.name})` : 'none yet: the model has no enabled return location'}</td>
                <td>{formatDate(r.attributes.restocked_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
