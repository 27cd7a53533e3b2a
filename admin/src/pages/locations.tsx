// Stock locations with address and coordinates, a coordinate preview, enable/disable and a
// form to add one.
import { useState } from 'react';
import { getAll, update } from '../api/client.js';
import { asApiError, type ApiError } from '../api/errors.js';
import { Included } from '../api/jsonapi.js';
import type { AddressAttrs, LocationAttrs } from '../api/types.js';
import { CoordinateMap, type Point } from '../components/coordinate-map.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';
import { LocationForm } from './location-form.js';

export function LocationsPage() {
  const { data, error, loading, reload } = useLoad(() => getAll<LocationAttrs>('stock_locations', { include: 'address', sort: 'code' }), []);
  const [actionError, setActionError] = useState<ApiError>();

  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading locations" />;
  const included = new Included(data.included);
  const rows = data.data.map((l) => ({ location: l, address: included.one<AddressAttrs>(l, 'address')?.attributes }));
  const points: Point[] = rows
    .filter((r) => r.address?.lat != null && r.address?.lng != null)
    .map((r) => ({ label: r.location.attributes.code, lat: r.address?.lat ?? 0, lng: r.address?.lng ?? 0, muted: !r.location.attributes.enabled }));

  async function toggle(id: string, enabled: boolean) {
    setActionError(undefined);
    try {
      await update('stock_locations', id, { attributes: { enabled } });
      reload();
    } catch (e) {
      setActionError(asApiError(e));
    }
  }

  return (
    <section aria-busy={loading}>
      <h1>Locations</h1>
      <CoordinateMap points={points} />
      <ErrorSummary error={actionError} />
      <table>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Coordinates</th>
            <th scope="col">Enabled</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ location: l, address: a }) => (
            <tr key={l.id} data-location={l.attributes.code}>
              <td>{l.attributes.code}</td>
              <td>{l.attributes.name}</td>
              <td>{a ? [a.line_1, a.zip_code, a.city, a.country_code].filter(Boolean).join(', ') : '—'}</td>
              <td>{a?.lat != null && a?.lng != null ? `${a.lat.toFixed(4)}, ${a.lng.toFixed(4)}` : '—'}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${l.attributes.code} enabled`}
                  checked={l.attributes.enabled}
                  onChange={(e) => void toggle(l.id, e.target.checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LocationForm onCreated={reload} />
    </section>
  );
}
