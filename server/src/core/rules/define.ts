// Helpers for declaring rules. Pure: core only.
import type { Rule } from './types';

/** Declares a rule; the object is the catalog entry. */
export function rule(r: Rule): Rule {
  return r;
}

/** Joins lines with LF, for readable multi-line examples. */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}
