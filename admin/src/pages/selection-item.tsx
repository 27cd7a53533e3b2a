// One line item of the Source Selection page: its candidate sources with Qty Available and an
// editable Qty to Deduct, errors shown at the field they concern.
import type { SelectionItem } from '../api/source-selections.js';
import { deductPointer } from '../api/source-selections.js';
import { formatDistance, formatQty } from '../components/format.js';
import { itemPointer } from './selection-validation.js';

interface Props {
  readonly index: number;
  readonly item: SelectionItem;
  readonly edits: readonly string[];
  readonly errors: ReadonlyMap<string, string>;
  readonly showDistance: boolean;
  readonly onEdit: (source: number, text: string) => void;
}

export function SelectionItemTable({ index, item, edits, errors, showDistance, onEdit }: Props) {
  const lineError = errors.get(itemPointer(index));
  const caption = `${item.sku_code}: ${formatQty(item.quantity)} to ship`;
  return (
    <div className="selection-item" data-sku={item.sku_code}>
      <table>
        <caption>
          {caption}
          {item.shortfall > 0 ? <span className="shortfall"> · shortfall {formatQty(item.shortfall)} (ships later)</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Priority</th>
            {showDistance ? <th scope="col">Distance</th> : null}
            <th scope="col">Qty Available</th>
            <th scope="col">Qty to Deduct</th>
          </tr>
        </thead>
        <tbody>
          {item.sources.map((s, j) => {
            const pointer = deductPointer(index, j);
            const id = `deduct-${index}-${j}`;
            const error = errors.get(pointer);
            return (
              <tr key={s.stock_location_code} data-source={s.stock_location_code}>
                <th scope="row">{s.stock_location_code}</th>
                <td>{s.priority}</td>
                {showDistance ? <td>{formatDistance(s.distance_m)}</td> : null}
                <td className="num">{formatQty(s.quantity_available)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={id}>
                    Qty to Deduct of {item.sku_code} from {s.stock_location_code}
                  </label>
                  <input
                    id={id}
                    className="qty"
                    inputMode="decimal"
                    value={edits[j] ?? ''}
                    aria-invalid={error || lineError ? true : undefined}
                    aria-describedby={error ? `${id}-error` : lineError ? `line-${index}-error` : undefined}
                    onChange={(e) => onEdit(j, e.target.value)}
                  />
                  {error ? (
                    <span id={`${id}-error`} className="field-error" role="alert">
                      {error}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {lineError ? (
        <p id={`line-${index}-error`} className="field-error" role="alert">
          {lineError}
        </p>
      ) : null}
    </div>
  );
}
