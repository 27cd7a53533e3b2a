// The Source Selection page (Magento's "Ship"): run an algorithm for the order's unshipped
// quantities, keep or edit each Qty to Deduct (or ship everything from one source), then
// Proceed to Shipment, which saves the quantities and opens the New Shipment review.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, asApiError } from '../api/errors.js';
import { shipsFromSingleSource } from '../api/orders.js';
import { createSelection, saveItems, type DistanceMode, type Selection } from '../api/source-selections.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Loading } from '../components/loading.js';
import { AlgorithmMenu } from './algorithm-menu.js';
import { FallbackNotice } from './fallback-notice.js';
import { SelectionItemTable } from './selection-item.js';
import { allFrom, checkEdits, editsOf, locationsOf, type Edits } from './selection-validation.js';

export function SourceSelectionPage() {
  const { orderId = '' } = useParams();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<{ algorithm: string; mode: DistanceMode }>({ algorithm: 'priority', mode: 'driving' });
  const [selection, setSelection] = useState<Selection>();
  const [edits, setEdits] = useState<Edits>([]);
  const [source, setSource] = useState('');
  const [fieldErrors, setFieldErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(true);
  const singleSource = useRef<Promise<boolean>>(undefined);
  singleSource.current ??= shipsFromSingleSource(orderId).catch(() => false);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(undefined);
    Promise.all([createSelection(orderId, choice.algorithm, choice.mode), singleSource.current]).then(
      ([s, single]) => {
        if (!live) return;
        // Single-source model: nothing to choose, go straight to the review.
        if (single) {
          void navigate(`/orders/${orderId}/ship/${s.id}`, { replace: true });
          return;
        }
        setSelection(s);
        setEdits(editsOf(s.attributes.items));
        setSource('');
        setFieldErrors(new Map());
        setBusy(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(asApiError(e));
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, [orderId, choice, navigate]);

  const items = selection?.attributes.items ?? [];

  function edit(i: number, j: number, text: string) {
    setEdits((prev) => prev.map((row, r) => (r === i ? row.map((t, c) => (c === j ? text : t)) : row)));
    setSource('');
    const next = new Map(fieldErrors);
    next.delete(`/data/attributes/items/${i}/sources/${j}/quantity_to_deduct`);
    next.delete(`/data/attributes/items/${i}`);
    setFieldErrors(next);
  }

  function pickSource(code: string) {
    setSource(code);
    setEdits(code ? allFrom(items, code) : editsOf(items));
    setFieldErrors(new Map());
  }

  async function proceed() {
    if (!selection) return;
    const checked = checkEdits(items, edits);
    setError(undefined);
    if (checked.errors.size === 0 && checked.total <= 0) {
      setError(new ApiError(0, [{ title: 'Nothing to ship', detail: 'Enter a Qty to Deduct for at least one item.' }]));
      return;
    }
    setFieldErrors(checked.errors);
    if (checked.errors.size > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      await saveItems(selection.id, checked.items);
      void navigate(`/orders/${orderId}/ship/${selection.id}`);
    } catch (e) {
      const err = asApiError(e);
      const pointers = new Map(err.errors.filter((x) => x.source?.pointer).map((x) => [x.source?.pointer ?? '', x.detail ?? x.title ?? 'Invalid']));
      const known = [...pointers.keys()].filter((p) => FIELD_POINTER.test(p));
      setFieldErrors(new Map(known.map((p) => [p, pointers.get(p) ?? ''])));
      const rest = err.unattached(known);
      setError(rest.length > 0 ? new ApiError(err.status, rest) : undefined);
      setBusy(false);
      focusFirstInvalid();
    }
  }

  return (
    <section>
      <h1>Source Selection</h1>
      <p>
        <Link to={`/orders/${orderId}`}>Back to the order</Link>
      </p>
      <AlgorithmMenu algorithm={choice.algorithm} mode={choice.mode} disabled={busy} onChange={(algorithm, mode) => setChoice({ algorithm, mode })} />
      {selection ? <FallbackNotice selection={selection} /> : null}
      <ErrorSummary error={error} />
      {busy && !selection ? <Loading what="Running the source selection algorithm" /> : null}
      {selection ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void proceed();
          }}
          aria-busy={busy}
        >
          <label htmlFor="ship-from">Select a Source to Ship from</label>
          <select id="ship-from" value={source} onChange={(e) => pickSource(e.target.value)}>
            <option value="">Recommended quantities</option>
            {locationsOf(items).map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          {items.map((item, i) => (
            <SelectionItemTable
              key={item.line_item_id ?? i}
              index={i}
              item={item}
              edits={edits[i] ?? []}
              errors={fieldErrors}
              showDistance={selection.attributes.algorithm_used === 'distance'}
              onEdit={(j, text) => edit(i, j, text)}
            />
          ))}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Proceed to Shipment'}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const FIELD_POINTER = /^\/data\/attributes\/items\/\d+(\/sources\/\d+\/quantity_to_deduct)?$/;

/** Focuses the first field with an error of its own, else the first field of a line in error. */
function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const own = document.querySelector<HTMLInputElement>('input[aria-invalid="true"][aria-describedby^="deduct-"]');
    (own ?? document.querySelector<HTMLInputElement>('input[aria-invalid="true"]'))?.focus();
  });
}
