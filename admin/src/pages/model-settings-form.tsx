// The settings of an inventory model: strategy (the five of Commerce Layer), routing algorithm
// and its time budget (fewest_shipments), cutoffs and flags.
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api/errors.js';
import { saveModel, STRATEGY_NAMES } from '../api/inventory-models.js';
import { ALGORITHMS } from '../api/source-selections.js';
import type { Resource } from '../api/jsonapi.js';
import type { InventoryModelAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';

interface Props {
  readonly model: Resource<InventoryModelAttrs>;
  readonly onSaved: () => void;
}

export function ModelSettingsForm({ model, onSaved }: Props) {
  const a = model.attributes;
  const [strategy, setStrategy] = useState(a.strategy);
  const [algorithm, setAlgorithm] = useState(a.routing_algorithm);
  const [budget, setBudget] = useState(String(a.routing_time_budget_ms));
  const [cutoff, setCutoff] = useState(String(a.stock_locations_cutoff));
  const [reservationCutoff, setReservationCutoff] = useState(String(a.stock_reservation_cutoff));
  const [transfersOnHold, setTransfersOnHold] = useState(a.put_stock_transfers_on_hold);
  const [manual, setManual] = useState(a.manual_stock_decrement);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const strategies = STRATEGY_NAMES.includes(a.strategy as (typeof STRATEGY_NAMES)[number]) ? [...STRATEGY_NAMES] : [...STRATEGY_NAMES, a.strategy];
  const fieldError = (name: string) => error?.at(`/data/attributes/${name}`)?.detail;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await saveModel(model.id, {
        strategy,
        routing_algorithm: algorithm,
        routing_time_budget_ms: Number(budget),
        stock_locations_cutoff: Number(cutoff),
        stock_reservation_cutoff: Number(reservationCutoff),
        put_stock_transfers_on_hold: transfersOnHold,
        manual_stock_decrement: manual,
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Inventory model settings">
      <div className="form-grid">
        <div>
          <label htmlFor="model-strategy">Strategy</label>
          <select id="model-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            {strategies.map((s) => (
              <option key={s} value={s}>{s.replace(/_/g, ' ')}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="model-routing-algorithm">Routing algorithm</label>
          <select id="model-routing-algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)} aria-invalid={fieldError('routing_algorithm') ? true : undefined}>
            {ALGORITHMS.map((x) => (
              <option key={x.value} value={x.value}>{x.label}</option>
            ))}
          </select>
          {fieldError('routing_algorithm') ? <span className="field-error" role="alert">{fieldError('routing_algorithm')}</span> : null}
        </div>
        <div>
          <label htmlFor="model-routing-budget">Routing time budget (ms, Fewest Shipments)</label>
          <input id="model-routing-budget" type="number" min={1} max={10000} value={budget} onChange={(e) => setBudget(e.target.value)} aria-invalid={fieldError('routing_time_budget_ms') ? true : undefined} />
          {fieldError('routing_time_budget_ms') ? <span className="field-error" role="alert">{fieldError('routing_time_budget_ms')}</span> : null}
        </div>
        <div>
          <label htmlFor="model-cutoff">Stock locations cutoff</label>
          <input id="model-cutoff" type="number" min={1} max={50} value={cutoff} onChange={(e) => setCutoff(e.target.value)} aria-invalid={fieldError('stock_locations_cutoff') ? true : undefined} />
          {fieldError('stock_locations_cutoff') ? <span className="field-error" role="alert">{fieldError('stock_locations_cutoff')}</span> : null}
        </div>
        <div>
          <label htmlFor="model-reservation-cutoff">Reservation cutoff (seconds)</label>
          <input id="model-reservation-cutoff" type="number" min={1} value={reservationCutoff} onChange={(e) => setReservationCutoff(e.target.value)} />
        </div>
        <div className="checkbox">
          <input id="model-transfers-on-hold" type="checkbox" checked={transfersOnHold} onChange={(e) => setTransfersOnHold(e.target.checked)} />
          <label htmlFor="model-transfers-on-hold">Put stock transfers on hold</label>
        </div>
        <div className="checkbox">
          <input id="model-manual" type="checkbox" checked={manual} onChange={(e) => setManual(e.target.checked)} />
          <label htmlFor="model-manual">Manual stock decrement (deduct when shipping)</label>
        </div>
      </div>
      <ErrorSummary error={error} />
      {saved ? <p role="status" className="notice success">Saved.</p> : null}
      <button type="submit">Save settings</button>
    </form>
  );
}
