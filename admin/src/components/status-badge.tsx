// A status word as a coloured badge (snake_case shown with spaces).
export function StatusBadge({ status }: { readonly status: string | null | undefined }) {
  const s = status ?? 'unknown';
  return <span className={`badge badge-${s}`}>{s.replace(/_/g, ' ')}</span>;
}
