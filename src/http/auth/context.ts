// Who is calling: decoded from the bearer token on every /api request.
export interface AuthContext {
  readonly applicationId: string;
  readonly kind: 'integration' | 'sales_channel';
  /** Integrations only. */
  readonly role: 'admin' | 'read_only' | null;
  /** Sales channels only: the one market they act in. */
  readonly marketId: string | null;
  readonly marketCode: string | null;
  readonly scope: string;
}

/** May this caller use `method` on a resource with these access rules? */
export function permits(
  auth: AuthContext,
  method: string,
  access: { salesChannel?: 'none' | 'read' | 'write'; adminOnly?: boolean } = {},
): boolean {
  const reading = method === 'GET' || method === 'HEAD';
  if (auth.kind === 'integration') {
    if (auth.role === 'admin') return true;
    return reading && !access.adminOnly;
  }
  if (access.adminOnly) return false;
  const level = access.salesChannel ?? 'none';
  if (level === 'none') return false;
  if (level === 'read') return reading;
  return method !== 'DELETE';
}
