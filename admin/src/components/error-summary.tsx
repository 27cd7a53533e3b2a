// The API's error objects as a readable list, announced to screen readers.
import type { ApiError, ApiErrorObject } from '../api/errors.js';
import { describeError } from '../api/errors.js';

interface Props {
  readonly error: ApiError | undefined;
  readonly only?: readonly ApiErrorObject[];
}

export function ErrorSummary({ error, only }: Props) {
  const errors = only ?? error?.errors ?? [];
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {describeError(e)}
            {e.code ? <span className="code"> ({e.code})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
