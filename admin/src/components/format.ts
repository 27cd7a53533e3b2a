// Display helpers: dates and quantities.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function formatQty(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n * 10_000) / 10_000);
}

export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined) return '—';
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}
