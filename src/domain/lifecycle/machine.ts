// A status machine as a table: each trigger lists the states it may fire from and the state
// it leads to (or `stay` for triggers that act on stock without moving the status). `decide`
// answers the next state for (state, trigger) or the ILLEGAL_TRANSITION error naming both.
import { illegalTransition, type DomainError } from '../errors.js';

export interface Rule<S extends string> {
  readonly from: readonly S[];
  /** The state after the trigger; 'stay' keeps the current one. */
  readonly to: S | 'stay';
}

export type Machine<S extends string, T extends string> = Readonly<Record<T, Rule<S>>>;

export type Decision<S extends string> =
  | { readonly ok: true; readonly from: S; readonly to: S }
  | { readonly ok: false; readonly error: DomainError };

export function decide<S extends string, T extends string>(resource: string, machine: Machine<S, T>, state: S, trigger: T): Decision<S> {
  const rule = machine[trigger] as Rule<S> | undefined;
  if (rule === undefined || !rule.from.includes(state)) return { ok: false, error: illegalTransition(resource, state, trigger).error };
  return { ok: true, from: state, to: rule.to === 'stay' ? state : rule.to };
}

/** The triggers that may fire from `state`, in table order (for UIs and error hints). */
export function allowedTriggers<S extends string, T extends string>(machine: Machine<S, T>, state: S): T[] {
  return (Object.keys(machine) as T[]).filter((t) => machine[t].from.includes(state));
}

export function isTrigger<T extends string>(machine: Machine<string, T>, value: string): value is T {
  return Object.prototype.hasOwnProperty.call(machine, value);
}

/** Tells a decision's error from its change (changes never carry a `code`). */
export function isDomainError(value: object): value is DomainError {
  return 'code' in value;
}
