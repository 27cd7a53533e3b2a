// Adds a stock location: its address (with coordinates) first, then the location pointing at it.
import { useState, type FormEvent } from 'react';
import { create } from '../api/client.js';
import { asApiError, type ApiError } from '../api/errors.js';
import { ErrorSummary } from '../components/error-summary.js';

const FIELDS = [
  ['code', 'Code'],
  ['name', 'Name'],
  ['line_1', 'Street'],
  ['city', 'City'],
  ['zip_code', 'Postcode'],
  ['country_code', 'Country code'],
  ['lat', 'Latitude'],
  ['lng', 'Longitude'],
] as const;

type Values = Record<(typeof FIELDS)[number][0], string>;
const EMPTY: Values = { code: '', name: '', line_1: '', city: '', zip_code: '', country_code: '', lat: '', lng: '' };

export function LocationForm({ onCreated }: { readonly onCreated: () => void }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const num = (s: string) => (s.trim() === '' ? null : Number(s));
      const address = await create('addresses', {
        attributes: { line_1: values.line_1, city: values.city, zip_code: values.zip_code, country_code: values.country_code, lat: num(values.lat), lng: num(values.lng) },
      });
      await create('stock_locations', {
        attributes: { code: values.code, name: values.name },
        relationships: { address: { data: { type: 'addresses', id: address.data.id } } },
      });
      setValues(EMPTY);
      onCreated();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Add a location">
      <h2>Add a location</h2>
      <div className="form-grid">
        {FIELDS.map(([key, label]) => (
          <div key={key}>
            <label htmlFor={`loc-${key}`}>{label}</label>
            <input
              id={`loc-${key}`}
              value={values[key]}
              required={key === 'code' || key === 'name'}
              inputMode={key === 'lat' || key === 'lng' ? 'decimal' : undefined}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <ErrorSummary error={error} />
      <button type="submit" disabled={busy}>Add location</button>
    </form>
  );
}
