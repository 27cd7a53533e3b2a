// The movement history of one stock item: every change to its on-hand quantity, newest first.
import { Link, useParams } from 'react-router';
import { getAll, getDoc } from '../api/client.js';
import type { Resource } from '../api/jsonapi.js';
import type { MovementAttrs, StockItemAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatDate, formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';

async function load(stockItemId: string) {
  const [item, movements] = await Promise.all([
    getDoc<Resource<StockItemAttrs>>(`stock_items/${stockItemId}`, { include: 'stock_location' }),
    getAll<MovementAttrs>('stock_movements', { 'filter[q][stock_item_id_eq]': stockItemId, sort: '-created_at' }),
  ]);
  return { item: item.data, location: item.included?.[0]?.attributes.code as string | undefined, movements: movements.data };
}

export function MovementsPage() {
  const { stockItemId = '' } = useParams();
  const { data, error } = useLoad(() => load(stockItemId), [stockItemId]);
  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading movements" />;
  return (
    <section>
      <h1>
        Movements of {data.item.attributes.sku_code}
        {data.location ? ` at ${data.location}` : ''}
      </h1>
      <p>
        On hand now: <strong>{formatQty(data.item.attributes.quantity)}</strong> · <Link to="/inventory">Back to inventory</Link>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">On hand after</th>
            <th scope="col">Reason</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {data.movements.map((m) => (
            <tr key={m.id}>
              <td>{formatDate(m.attributes.created_at)}</td>
              <td className="num">{m.attributes.delta > 0 ? '+' : ''}{formatQty(m.attributes.delta)}</td>
              <td className="num">{formatQty(m.attributes.quantity_after)}</td>
              <td>{m.attributes.reason.replace(/_/g, ' ')}</td>
              <td>{m.attributes.reference ?? (m.attributes.metadata?.reason as string | undefined) ?? ''}</td>
            </tr>
          ))}
          {data.movements.length === 0 ? (
            <tr>
              <td colSpan={5}>No movements yet.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
