// Inventory models: name, strategy and cutoffs, linking to each model's settings.
import { Link } from 'react-router';
import { getAll } from '../api/client.js';
import type { InventoryModelAttrs } from '../api/types.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Loading } from '../components/loading.js';
import { useLoad } from '../components/use-load.js';

export function InventoryModelsPage() {
  const { data, error } = useLoad(() => getAll<InventoryModelAttrs>('inventory_models', { sort: 'name' }), []);
  if (error) return <ErrorSummary error={error} />;
  if (!data) return <Loading what="Loading inventory models" />;
  return (
    <section>
      <h1>Inventory models</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Strategy</th>
            <th scope="col">Locations cutoff</th>
            <th scope="col">Reservation cutoff (s)</th>
          </tr>
        </thead>
        <tbody>
          {data.data.map((m) => (
            <tr key={m.id}>
              <td><Link to={`/inventory-models/${m.id}`}>{m.attributes.name}</Link></td>
              <td>{m.attributes.strategy.replace(/_/g, ' ')}</td>
              <td className="num">{m.attributes.stock_locations_cutoff}</td>
              <td className="num">{m.attributes.stock_reservation_cutoff}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
