// Inline stock adjustment: the new on-hand quantity and a reason (kept on the movement).
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api/errors.js';
import { isQuantityError, parseQuantity, toDecimal } from '../api/quantity.js';
import { ErrorSummary } from '../components/error-summary.js';
import { formatQty } from '../components/format.js';

interface Props {
  readonly label: string;
  readonly current: number;
  readonly onSave: (quantity: number, reason: string) => Promise<unknown>;
  readonly onDone: () => void;
}

export function AdjustForm({ label, current, onSave, onDone }: Props) {
  const [text, setText] = useState(formatQty(current));
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const id = label.replace(/[^A-Za-z0-9]+/g, '-');

  async function save(e: FormEvent) {
    e.preventDefault();
    const q = parseQuantity(text.trim());
    if (isQuantityError(q) || q < 0) {
      setFieldError('Enter a quantity of 0 or more with at most 4 decimals.');
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      await onSave(toDecimal(q), reason.trim() || 'manual adjustment');
      onDone();
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <form className="adjust" onSubmit={save} aria-label={`Adjust ${label}`}>
      <label htmlFor={`${id}-qty`}>On hand</label>
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
      <label htmlFor={`${id}-reason`}>Reason</label>
      <input id={`${id}-reason`} value={reason} placeholder="e.g. stock count" onChange={(e) => setReason(e.target.value)} />
      <ErrorSummary error={error} />
      <button type="submit" disabled={busy}>Save</button>
      <button type="button" onClick={onDone}>Cancel</button>
    </form>
  );
}
