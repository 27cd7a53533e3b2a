// Inventory: SKUs × locations with on hand, reserved and available per cell, the SKU's
// salable quantity, inline adjustments and a link to each stock item's movement history.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { adjustStock, cellKey, createStockItem, fetchGrid } from '../api/inventory.js';
import { Pager } from '../components/pager.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';
import { AdjustForm } from './adjust-form.js';

export function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const search = params.get('sku') ?? '';
  const [searchInput, setSearchInput] = useState(search);
  const { data, error, loading, reload } = useLoad(() => fetchGrid(page, search), [page, search]);
  const [editing, setEditing] = useState<string>();

  function go(next: { page?: number; sku?: string }) {
    const p = new URLSearchParams();
    const sku = next.sku ?? search;
    if (sku) p.set('sku', sku);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p);
  }

  function find(e: FormEvent) {
    e.preventDefault();
    go({ sku: searchInput.trim() });
  }

  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading inventory" />;

  return (
    <section aria-busy={loading}>
      <h1>Inventory</h1>
      <form className="filters" onSubmit={find} aria-label="Find SKUs">
        <label htmlFor="inventory-sku">SKU code contains</label>
        <input id="inventory-sku" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} />
        <button type="submit">Find</button>
      </form>
      <p className="hint">Each cell: on hand / reserved / available. Salable is what the SKU can still sell (all enabled locations, less open backorders).</p>
      <div className="scroll">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Salable</th>
              {data.locations.map((l) => (
                <th scope="col" key={l.id}>{l.attributes.code}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.skus.map((sku) => (
              <tr key={sku.id} data-sku={sku.attributes.code}>
                <th scope="row">
                  {sku.attributes.code}
                  <div className="sub">{sku.attributes.name}</div>
                </th>
                <td className="num salable">{sku.attributes.do_not_track || sku.attributes.inventory?.quantity === null ? 'not tracked' : formatQty(sku.attributes.inventory?.quantity)}</td>
                {data.locations.map((loc) => {
                  const key = cellKey(sku.attributes.code, loc.id);
                  const cell = data.cells.get(key);
                  const label = `${sku.attributes.code} at ${loc.attributes.code}`;
                  return (
                    <td key={loc.id} data-location={loc.attributes.code} className="cell">
                      {cell ? (
                        <span className="levels" aria-label={`${label}: on hand ${formatQty(cell.onHand)}, reserved ${formatQty(cell.reserved)}, available ${formatQty(cell.available)}`}>
                          <span className="on-hand">{formatQty(cell.onHand)}</span> / <span className="reserved">{formatQty(cell.reserved)}</span> /{' '}
                          <span className="available">{formatQty(cell.available)}</span>
                        </span>
                      ) : (
                        <span className="empty">—</span>
                      )}
                      {editing === key ? (
                        <AdjustForm
                          label={label}
                          current={cell?.onHand ?? 0}
                          onSave={(q, reason) => (cell ? adjustStock(cell.item.id, q, reason) : createStockItem(sku.id, loc.id, q, reason))}
                          onDone={() => {
                            setEditing(undefined);
                            reload();
                          }}
                        />
                      ) : (
                        <div className="cell-actions">
                          <button type="button" className="link" aria-label={`Adjust ${label}`} onClick={() => setEditing(key)}>
                            Adjust
                          </button>
                          {cell ? (
                            <Link to={`/inventory/${cell.item.id}/movements`} aria-label={`Movement history of ${label}`}>
                              History
                            </Link>
                          ) : null}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageCount={data.pageCount} recordCount={data.recordCount} onPage={(p) => go({ page: p })} />
    </section>
  );
}
