// Hover text for TLS-RPT reports: what each field means, and for each result type what failed,
// its likely cause and the fix; policy types, counts and date-times explained. Returns Markdown
// and the span hovered. Pure: core only.
import { rfcLink } from '../ide/specText';
import { formatCount } from './summary';
import { checkDateTime } from './formats';
import { parseJson, pathAt, type JsonNode } from './json';
import { POLICY_TYPES, REPORT_FIELDS, RESULT_TYPES } from './spec';

export interface ReportHover {
  /** Markdown. */
  readonly contents: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** Markdown explaining one result type, or a note that it is not registered. */
export function describeResultType(value: string): string {
  const d = RESULT_TYPES[value];
  if (!d) return `**${value}** is not a registered result type. The IANA registry can grow, so it may be new; check the reporter's documentation and the \`failure-reason-code\`. ${rfcLink(8460, '4.3')}`;
  return [
    `**${value}** (${d.group} failure) — ${d.meaning}`,
    '',
    `**Likely cause:** ${d.cause}`,
    '',
    `**Fix:** ${d.fix}`,
    '',
    rfcLink(8460, d.section),
  ].join('\n');
}

function fieldDoc(name: string): string | null {
  const f = REPORT_FIELDS[name];
  return f ? `**${name}** — ${f.text} ${rfcLink(8460, f.section)}` : null;
}

function valueHover(name: string, v: JsonNode): string | null {
  if (name === 'result-type' && v.kind === 'string') return describeResultType(v.value);
  if (name === 'policy-type' && v.kind === 'string') {
    const d = POLICY_TYPES[v.value];
    return d ? `**${v.value}** — ${d}. ${rfcLink(8460, '4.4')}` : `\`${v.value}\` is not a policy type; RFC 8460 allows \`sts\`, \`tlsa\` and \`no-policy-found\`.`;
  }
  if ((name === 'start-datetime' || name === 'end-datetime') && v.kind === 'string') {
    const c = checkDateTime(v.value);
    if (c.problem) return `\`${v.value}\` is not an RFC 3339 date-time: ${c.problem}.`;
    const at = new Date(c.epochMs).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ' UTC');
    return `${fieldDoc(name)}\n\n${at}${c.noOffset ? ' (no offset given; read as UTC)' : ''}`;
  }
  if (v.kind === 'number' && /count$/.test(name)) return `${fieldDoc(name)}\n\n${formatCount(v.value)} session${v.value === 1 ? '' : 's'}.`;
  return fieldDoc(name);
}

/** Hover at `offset` in report text, or null where there is nothing to explain. */
export function hoverReport(text: string, offset: number): ReportHover | null {
  const o = Math.max(0, Math.min(offset, text.length));
  const path = pathAt(parseJson(text).root, o);
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    if (typeof step.key === 'number') {
      // An item of `policy-string`, `mx-host` or a list: explain the list it belongs to.
      const owner = path[i - 1];
      if (i === path.length - 1 && owner && typeof owner.key === 'string' && step.node && step.node.kind !== 'object') {
        const doc = fieldDoc(owner.key);
        if (doc) return { contents: doc, span: step.node.span };
      }
      continue;
    }
    const onKey = step.keySpan !== undefined && o >= step.keySpan.start && o <= step.keySpan.end;
    if (onKey) {
      const doc = fieldDoc(step.key) ?? (step.key === 'additional-info-uri' ? 'The JSON key is `additional-information`; `additional-info-uri` is only its name in the RFC text.' : `\`${step.key}\` is not a field of RFC 8460 reports; readers ignore it.`);
      return { contents: doc, span: step.keySpan! };
    }
    if (i === path.length - 1 && step.node && step.node.kind !== 'object' && step.node.kind !== 'array') {
      const doc = valueHover(step.key, step.node);
      if (doc) return { contents: doc, span: step.node.span };
    }
    return null;
  }
  return null;
}
