// Inline stock change in an inventory cell, one of three kinds:
// - Receive: adds a quantity (reason `received`), as a delta the server applies atomically;
// - Remove: takes a quantity away with a reason (damaged, lost, adjustment), never below what
//   orders hold (the server says how much can go);
// - Count: sets the counted on-hand, sent with the on-hand shown when the form opened
//   (expected_quantity). If stock moved meanwhile the server refuses (409 STALE_QUANTITY):
//   the form shows the current on-hand and asks to count again before saving.
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api/errors.js';
import { REMOVAL_REASONS } from '../api/inventory.js';
import { isQuantityError, parseQuantity, toDecimal } from '../api/quantity.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatQty } from '../components/format.js';

export type ChangeKind = 'receive' | 'remove' | 'count';

export interface ChangeRequest {
  readonly kind: ChangeKind;
  readonly quantity: number;
  readonly reason: string;
  readonly note: string;
  /** Count only: the on-hand the counter saw. */
  readonly expected: number;
}

interface Props {
  readonly kind: ChangeKind;
  readonly label: string;
  readonly current: number;
  readonly onSave: (change: ChangeRequest) => Promise<unknown>;
  readonly onDone: () => void;
}

const FIELD: Record<ChangeKind, string> = { receive: 'Quantity received', remove: 'Quantity removed', count: 'On hand counted' };
const TITLE: Record<ChangeKind, string> = { receive: 'Receive', remove: 'Remove', count: 'Count' };

export function StockChangeForm({ kind, label, current, onSave, onDone }: Props) {
  const [text, setText] = useState(kind === 'count' ? formatQty(current) : '');
  const [reason, setReason] = useState<string>(REMOVAL_REASONS[0]);
  const [note, setNote] = useState('');
  const [expected, setExpected] = useState(current);
  const [stale, setStale] = useState<number>();
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const id = `${kind}-${label.replace(/[^A-Za-z0-9]+/g, '-')}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    const q = parseQuantity(text.trim());
    const positive = kind !== 'count';
    if (isQuantityError(q) || q < 0 || (positive && q === 0)) {
      setFieldError(positive ? 'Enter a quantity greater than 0 with at most 4 decimals.' : 'Enter a quantity of 0 or more with at most 4 decimals.');
      return;
    }
    setFieldError(undefined);
    setError(undefined);
    setBusy(true);
    try {
      await onSave({ kind, quantity: toDecimal(q), reason: kind === 'receive' ? 'received' : kind === 'remove' ? reason : 'count_correction', note: note.trim(), expected });
      onDone();
    } catch (err) {
      const failure = asApiError(err);
      const staleError = failure.errors.find((x) => x.code === 'STALE_QUANTITY');
      if (staleError) {
        // Someone else changed on-hand: show it, compare the next save with it, ask to count again.
        const now = Number(staleError.meta?.current_quantity);
        setExpected(now);
        setStale(now);
      } else {
        setError(failure);
      }
      setBusy(false);
    }
  }

  return (
    <form className="adjust" onSubmit={save} aria-label={`${TITLE[kind]} ${label}`}>
      {stale !== undefined ? (
        <p className="field-error" role="alert">
          On hand changed to {formatQty(stale)} while you were counting. Count again and save.
        </p>
      ) : null}
      <label htmlFor={`${id}-qty`}>{FIELD[kind]}</label>
      <input
        id={`${id}-qty`}
        className="qty"
        inputMode="decimal"
        value={text}
        autoFocus
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-qty-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {fieldError ? <span id={`${id}-qty-error`} className="field-error" role="alert">{fieldError}</span> : null}
      {kind === 'remove' ? (
        <>
          <label htmlFor={`${id}-reason`}>Reason</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
            {REMOVAL_REASONS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </>
      ) : null}
      <label htmlFor={`${id}-note`}>Note</label>
      <input id={`${id}-note`} value={note} placeholder={kind === 'receive' ? 'e.g. delivery note' : 'optional'} onChange={(e) => setNote(e.target.value)} />
      <ErrorSummary error={error} />
      <button type="submit" disabled={busy}>Save</button>
      <button type="button" onClick={onDone}>Cancel</button>
    </form>
  );
}
