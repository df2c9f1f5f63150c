// The rule catalog: every rule of every area, by code and by name. Codes and names are
// permanent; a retired code is never reused. Pure: core only.
import { CHECK_RULES } from './checkRules';
import { POLICY_FIELD_RULES } from './policyFields';
import { POLICY_LINE_RULES } from './policyLines';
import { POLICY_MX_RULES } from './policyMx';
import { REPORT_RULES } from './reportRules';
import { STS_RECORD_RULES } from './stsRecord';
import { TAG_SYNTAX_RULES } from './tagSyntax';
import { TLSRPT_RECORD_RULES } from './tlsrptRecord';
import type { Rule } from './types';
import { WORKSPACE_RULES } from './workspaceRules';
import { ZONE_RULES } from './zone';

export interface RuleArea {
  readonly title: string;
  readonly rules: readonly Rule[];
}

export const RULE_AREAS: readonly RuleArea[] = [
  { title: 'Policy file: structure', rules: POLICY_LINE_RULES },
  { title: 'Policy file: fields', rules: POLICY_FIELD_RULES },
  { title: 'Policy file: mx patterns', rules: POLICY_MX_RULES },
  { title: 'TXT records: shared syntax', rules: TAG_SYNTAX_RULES },
  { title: 'MTA-STS TXT record (`_mta-sts`)', rules: STS_RECORD_RULES },
  { title: 'TLS-RPT TXT record (`_smtp._tls`)', rules: TLSRPT_RECORD_RULES },
  { title: 'Zone files', rules: ZONE_RULES },
  { title: 'TLS-RPT reports (JSON)', rules: REPORT_RULES },
  { title: 'Workspace: policy files against zone files', rules: WORKSPACE_RULES },
  { title: 'Live check (mta-sts check)', rules: CHECK_RULES },
];

export const RULES: readonly Rule[] = RULE_AREAS.flatMap((a) => a.rules).sort((a, b) => a.code.localeCompare(b.code));

const byKey = new Map<string, Rule>();
for (const r of RULES) {
  byKey.set(r.code, r);
  byKey.set(r.name, r);
}

/** A rule by code (`STS103`) or name (`max-age-too-large`). */
export function findRule(codeOrName: string): Rule | undefined {
  return byKey.get(codeOrName) ?? byKey.get(codeOrName.toUpperCase());
}

/** The anchor of a rule's section in docs/rules.md. */
export function ruleAnchor(r: Rule): string {
  return `${r.code.toLowerCase()}-${r.name}`;
}
