// Shipments: a filterable, paged list with the order and the location each ships from.
import { Link, useSearchParams } from 'react-router';
import { getDoc } from '../api/client.js';
import { Included, type Resource } from '../api/jsonapi.js';
import { SHIPMENT_STATUSES } from '../api/shipments.js';
import type { LocationAttrs, OrderAttrs, ShipmentAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatDate } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { Pager } from '../components/pager.js';
import { StatusBadge } from '../components/status-badge.js';
import { useLoad } from '../components/use-load.js';

const PAGE_SIZE = 20;

export function ShipmentsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const { data, error, loading } = useLoad(
    () =>
      getDoc<Resource<ShipmentAttrs>[]>('shipments', {
        'filter[q][status_eq]': status || undefined,
        include: 'order,stock_location',
        'page[number]': page,
        'page[size]': PAGE_SIZE,
        sort: '-created_at',
      }),
    [status, page],
  );
  const included = new Included(data?.included);

  function go(next: { status?: string; page?: number }) {
    const p = new URLSearchParams();
    const s = next.status ?? status;
    if (s) p.set('status', s);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p);
  }

  return (
    <section>
      <h1>Shipments</h1>
      <div className="filters">
        <label htmlFor="shipment-status">Status</label>
        <select id="shipment-status" value={status} onChange={(e) => go({ status: e.target.value })}>
          <option value="">Any</option>
          {SHIPMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </div>
      <ErrorSummary error={error} />
      {loading && !data ? <Loading what="Loading shipments" /> : null}
      {data ? (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Shipment</th>
                <th scope="col">Order</th>
                <th scope="col">Ships from</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((s) => {
                const order = included.one<OrderAttrs>(s, 'order');
                return (
                  <tr key={s.id}>
                    <td><Link to={`/shipments/${s.id}`}>{s.attributes.number}</Link></td>
                    <td>{order ? <Link to={`/orders/${order.id}`}>#{order.attributes.number}</Link> : '—'}</td>
                    <td>{included.one<LocationAttrs>(s, 'stock_location')?.attributes.code ?? '—'}</td>
                    <td><StatusBadge status={s.attributes.status} /></td>
                    <td>{formatDate(s.attributes.created_at)}</td>
                  </tr>
                );
              })}
              {data.data.length === 0 ? (
                <tr>
                  <td colSpan={5}>No shipments.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <Pager page={page} pageCount={data.meta?.page_count ?? 1} recordCount={data.meta?.record_count ?? 0} onPage={(p) => go({ page: p })} />
        </>
      ) : null}
    </section>
  );
}
