// Helpers for declaring rules. Pure: core only.
import { withSlot, type Rule } from './types';

/** Declares a rule; the object is the catalog entry (with its counter slot for the sinks). */
export function rule(r: Rule): Rule {
  return withSlot(r);
}

/** Joins lines with LF, for readable multi-line examples. */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}
