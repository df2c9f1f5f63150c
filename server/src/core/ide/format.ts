// Formatting of policy files to the canonical form: `key: value`, version first, then mode,
// mx lines, max_age, then other fields in their order; non-field lines kept at the end; no
// blank lines, no trailing spaces, one final LF. Never changes which fields count. Pure: core only.
import { parsePolicyFile } from '../syntax/policyFile';
import type { TextEdit } from '../rules/types';

const ORDER: Record<string, number> = { version: 0, mode: 1, mx: 2, max_age: 3 };

/** The canonical text of a policy. Idempotent. */
export function formatPolicy(text: string): string {
  const { tree } = parsePolicyFile(text);
  const fields: { rank: number; index: number; line: string }[] = [];
  const others: string[] = [];
  for (const l of tree.lines) {
    if (l.kind === 'blank') continue;
    if (l.kind === 'field') {
      const key = text.slice(l.key.start, l.key.end);
      const value = text.slice(l.value.start, l.value.end);
      fields.push({ rank: ORDER[key] ?? 4, index: fields.length, line: value.length ? `${key}: ${value}` : `${key}:` });
    } else {
      others.push(text.slice(l.key.start, l.key.end));
    }
  }
  // A stable sort keeps the relative order of repeated keys, so the first one still wins.
  fields.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const out = [...fields.map((f) => f.line), ...others];
  // The BOM is dropped. A U+FEFF that was part of a key would read as a BOM (and any blanks
  // after it as indentation) once it starts the file, so the first line loses those too:
  // formatting twice must give the same text.
  while (out.length > 0) {
    const first = out[0]!.replace(/^\ufeff[\ufeff \t]*/, '');
    if (first) {
      out[0] = first;
      break;
    }
    out.shift();
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** One edit that replaces the whole document with its canonical form, or none. */
export function formatPolicyEdits(text: string): TextEdit[] {
  const formatted = formatPolicy(text);
  return formatted === text ? [] : [{ span: { start: 0, end: text.length }, newText: formatted }];
}
