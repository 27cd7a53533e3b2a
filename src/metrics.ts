// Prometheus metrics shared by flows and HTTP (served at GET /metrics).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'stockroute_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const placements = new Counter({
  name: 'stockroute_order_placements_total',
  help: 'Orders placed, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const oversellRefused = new Counter({
  name: 'stockroute_oversell_refused_total',
  help: 'Reservations or placements refused because stock was insufficient',
  registers: [registry],
});

export const activeReservations = new Gauge({
  name: 'stockroute_reservations_active',
  help: 'Active stock reservations (sampled at scrape time)',
  registers: [registry],
});
