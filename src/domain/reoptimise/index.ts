// Batch re-optimisation (issue 12): re-plan together the orders not yet released to the
// warehouse. See batch.ts for the algorithm.
export { better, reoptimiseBatch } from './batch.js';
export type { BatchBudget, BatchInput, BatchModel, BatchOrder, BatchResult, OrderOutcome, Take, Totals } from './batch.js';
