// A small offline coordinate preview: locations plotted by lat/lng (equirectangular,
// scaled to their bounding box). No map tiles: the server may have no internet.
export interface Point {
  readonly label: string;
  readonly lat: number;
  readonly lng: number;
  /** Drawn grey (e.g. a disabled location). */
  readonly muted?: boolean;
}

const W = 720;
const H = 320;
const PAD = 28;

export function CoordinateMap({ points }: { readonly points: readonly Point[] }) {
  if (points.length === 0) return <p className="hint">No coordinates to show.</p>;
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  // One scale for both axes (longitude shrunk by cos(latitude)) keeps distances in proportion.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const offX = (W - spanX * scale) / 2;
  const offY = (H - spanY * scale) / 2;
  const x = (lng: number) => offX + (lng - minLng) * k * scale;
  const y = (lat: number) => H - offY - (lat - minLat) * scale;
  return (
    <svg className="coordinate-map" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Map of ${points.length} locations`}>
      <rect x="0" y="0" width={W} height={H} rx="6" className="map-bg" />
      {points.map((p) => (
        <g key={p.label}>
          <circle cx={x(p.lng)} cy={y(p.lat)} r="5" className={p.muted ? 'map-dot muted' : 'map-dot'} />
          <text x={x(p.lng) + (x(p.lng) > W / 2 ? -8 : 8)} y={y(p.lat) + 4} textAnchor={x(p.lng) > W / 2 ? 'end' : 'start'} className="map-label">
            {p.label}
          </text>
          <title>{`${p.label}: ${p.lat.toFixed(4)}, ${p.lng.toFixed(4)}`}</title>
        </g>
      ))}
    </svg>
  );
}
