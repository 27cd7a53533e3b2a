// Orders: a filterable, paged list (status, number) linking to each order.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getDoc } from '../api/client.js';
import type { Resource } from '../api/jsonapi.js';
import type { OrderAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatDate } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { Pager } from '../components/pager.js';
import { StatusBadge } from '../components/status-badge.js';
import { useLoad } from '../components/use-load.js';

const STATUSES = ['draft', 'placed', 'approved', 'fulfilled', 'cancelled'];
const PAGE_SIZE = 20;

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const number = params.get('number') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [numberInput, setNumberInput] = useState(number);

  const { data, error, loading } = useLoad(
    () =>
      getDoc<Resource<OrderAttrs>[]>('orders', {
        'filter[q][status_eq]': status || undefined,
        'filter[q][number_cont]': number || undefined,
        'page[number]': page,
        'page[size]': PAGE_SIZE,
        sort: '-created_at',
      }),
    [status, number, page],
  );

  function go(next: { status?: string; number?: string; page?: number }) {
    const p = new URLSearchParams();
    const s = next.status ?? status;
    const n = next.number ?? number;
    if (s) p.set('status', s);
    if (n) p.set('number', n);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p);
  }

  function search(e: FormEvent) {
    e.preventDefault();
    go({ number: numberInput.trim() });
  }

  return (
    <section>
      <h1>Orders</h1>
      <form className="filters" onSubmit={search} aria-label="Filter orders">
        <label htmlFor="order-status">Status</label>
        <select id="order-status" value={status} onChange={(e) => go({ status: e.target.value })}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor="order-number">Number</label>
        <input id="order-number" value={numberInput} onChange={(e) => setNumberInput(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ErrorSummary error={error} />
      {loading && !data ? <Loading what="Loading orders" /> : null}
      {data ? (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Status</th>
                <th scope="col">Payment</th>
                <th scope="col">Fulfilment</th>
                <th scope="col">Placed at</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.attributes.number}</Link>
                  </td>
                  <td><StatusBadge status={o.attributes.status} /></td>
                  <td><StatusBadge status={o.attributes.payment_status} /></td>
                  <td><StatusBadge status={o.attributes.fulfillment_status} /></td>
                  <td>{formatDate(o.attributes.placed_at)}</td>
                </tr>
              ))}
              {data.data.length === 0 ? (
                <tr>
                  <td colSpan={5}>No orders match.</td>
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
