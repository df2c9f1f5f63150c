// Renders the rule catalog as Markdown (docs/rules.md). The test run fails when the committed
// file differs from this rendering. Pure: core only.
import { RULE_AREAS, RULES, ruleAnchor } from './catalog';
import type { Rule } from './types';

function fence(s: string): string {
  const ticks = s.includes('```') ? '````' : '```';
  return `${ticks}\n${s.replace(/\r/g, '␍').replace(/\t/g, '␉').replace(/\ufeff/g, '␣')}\n${ticks}`;
}

function example(s: string): string {
  if (s.length > 300) return fence(s.slice(0, 200) + `\n… (${s.length} characters in all)`);
  if (s.length === 0) return '*(empty file)*';
  return fence(s);
}

function renderRule(r: Rule): string {
  const out = [
    `<a id="${ruleAnchor(r)}"></a>`,
    `### ${r.code} \`${r.name}\``,
    '',
    `**Severity:** ${r.severity} · **Reference:** ${r.docs.reference}`,
    '',
    r.summary,
    '',
    `**What it checks.** ${r.docs.checks}`,
    '',
    `**Why it matters.** ${r.docs.why}`,
    '',
    `**Fix.** ${r.docs.fix}`,
    '',
  ];
  if (r.examples.kind === 'check') {
    out.push(`**Shown by the scenario:** ${r.examples.bad.join('; ')}`, '');
  } else {
    out.push(`**Example** (${r.examples.kind}) that triggers it:`, '', example(r.examples.bad[0] ?? ''), '');
    if (r.examples.good[0] !== undefined) out.push('Corrected:', '', example(r.examples.good[0]), '');
  }
  return out.join('\n');
}

export function renderRulesDoc(): string {
  const out = [
    '# Rules',
    '',
    '<!-- Generated from server/src/core/rules by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every diagnostic of the editor and the `mta-sts lint` CLI, and every finding of `mta-sts check`, has a permanent code and name.',
    'Severities: **error** — a conforming sender rejects or ignores the policy or record, or silently ignores a line the author clearly meant;',
    '**warning** — a SHOULD of the RFC, or a near-certain mistake; **information**/**hint** — advice.',
    'Change a severity with the `mtaSts.severity` setting (by code or name, `"off"` to silence).',
    'At most 100 diagnostics of one code are reported per document; the last one says how many more there were.',
    '',
    '| Code | Name | Severity | Summary |',
    '| --- | --- | --- | --- |',
    ...RULES.map((r) => `| [${r.code}](#${ruleAnchor(r)}) | \`${r.name}\` | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const area of RULE_AREAS) {
    out.push(`## ${area.title}`, '');
    for (const r of [...area.rules].sort((a, b) => a.code.localeCompare(b.code))) out.push(renderRule(r));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
