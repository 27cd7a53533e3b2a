// Inventory: SKUs × locations with on hand, reserved and available per cell, the SKU's
// salable quantity, inline Receive / Remove / Count and a link to each stock item's movement
// history.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { cellKey, changeStock, countStock, createStockItem, fetchGrid, type Cell } from '../api/inventory.js';
import { Pager } from '../components/pager.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatQty } from '../components/format.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';
import { StockChangeForm, type ChangeKind, type ChangeRequest } from './stock-change-form.js';

/** Sends a change from a cell's form: a delta for receipts and removals, a compared count otherwise. */
function saveChange(cell: Cell | undefined, skuId: string, locationId: string, c: ChangeRequest) {
  if (!cell) return createStockItem(skuId, locationId, c.quantity, c.note);
  if (c.kind === 'count') return countStock(cell.item.id, c.quantity, c.expected, c.note);
  return changeStock(cell.item.id, c.kind === 'receive' ? c.quantity : -c.quantity, c.reason, c.note);
}

export function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const search = params.get('sku') ?? '';
  const [searchInput, setSearchInput] = useState(search);
  const { data, error, loading, reload } = useLoad(() => fetchGrid(page, search), [page, search]);
  const [editing, setEditing] = useState<{ key: string; kind: ChangeKind }>();

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
                      {editing?.key === key ? (
                        <StockChangeForm
                          kind={editing.kind}
                          label={label}
                          current={cell?.onHand ?? 0}
                          onSave={(c) => saveChange(cell, sku.id, loc.id, c)}
                          onDone={() => {
                            setEditing(undefined);
                            reload();
                          }}
                        />
                      ) : (
                        <div className="cell-actions">
                          {(cell ? (['receive', 'remove', 'count'] as const) : (['count'] as const)).map((kind) => (
                            <button key={kind} type="button" className="link" aria-label={`${kind[0]!.toUpperCase()}${kind.slice(1)} ${label}`} onClick={() => setEditing({ key, kind })}>
                              {kind[0]!.toUpperCase()}{kind.slice(1)}
                            </button>
                          ))}
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
