// Errors from the API as readable data: the JSON:API error objects, with helpers to find the
// one that points at a given field (`source.pointer`).
export interface ApiErrorObject {
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly status?: string | number;
  readonly source?: { readonly pointer?: string };
  readonly meta?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly errors: readonly ApiErrorObject[];

  constructor(status: number, errors: readonly ApiErrorObject[]) {
    super(errors.map(describeError).join('; ') || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }

  /** The error object whose pointer is exactly `pointer`, if any. */
  at(pointer: string): ApiErrorObject | undefined {
    return this.errors.find((e) => e.source?.pointer === pointer);
  }

  /** Error objects not attached to any of the given pointers (shown in a summary). */
  unattached(pointers: readonly string[]): ApiErrorObject[] {
    return this.errors.filter((e) => !e.source?.pointer || !pointers.includes(e.source.pointer));
  }
}

/** One line a person can read: "Quantity to deduct: exceeds the available 3 (VALIDATION_ERROR)". */
export function describeError(e: ApiErrorObject): string {
  const text = e.detail ?? e.title ?? 'Unknown error';
  const title = e.title && e.detail && !e.detail.startsWith(e.title) ? `${e.title}: ` : '';
  return `${title}${text}`;
}

/** Any thrown value as an ApiError (network failures and bugs included). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError(0, [{ title: 'Request failed', detail: message }]);
}
