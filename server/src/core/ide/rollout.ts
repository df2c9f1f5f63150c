// The move from `testing` to `enforce`: the enforce version of a clean testing policy and the
// new TXT record value that must follow it (RFC 8461 §8.1: publish the policy, then the id).
// Pure: core only.
import { lint } from '../lint';
import { readPolicy } from '../model/policy';
import { timestampId } from './specText';

export interface Rollout {
  readonly policy: string;
  readonly record: string;
  readonly notes: readonly string[];
}

export type RolloutResult = { readonly ok: true; readonly rollout: Rollout } | { readonly ok: false; readonly reason: string };

/** At least one week once enforcing (rules STS121). */
const MIN_ENFORCE_MAX_AGE = 604800;

export function enforceRollout(text: string, now: Date): RolloutResult {
  const model = readPolicy(text);
  if (model.modeValue !== 'testing' || !model.mode) return { ok: false, reason: `the policy is in mode \`${model.modeValue ?? 'unknown'}\`; the rollout starts from a valid \`testing\` policy` };
  const problems = lint(text, 'policy').diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length) return { ok: false, reason: `fix the ${problems.length} problem${problems.length === 1 ? '' : 's'} of the testing policy first (${problems.map((d) => d.code).join(', ')})` };
  const notes: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [{ start: model.mode.valueSpan.start, end: model.mode.valueSpan.end, text: 'enforce' }];
  if (model.maxAge && (model.maxAgeValue ?? 0) < MIN_ENFORCE_MAX_AGE) {
    edits.push({ start: model.maxAge.valueSpan.start, end: model.maxAge.valueSpan.end, text: String(MIN_ENFORCE_MAX_AGE) });
    notes.push(`max_age raised from ${model.maxAgeValue} to ${MIN_ENFORCE_MAX_AGE} (one week), the least that protects once enforcing`);
  }
  let policy = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) policy = policy.slice(0, e.start) + e.text + policy.slice(e.end);
  notes.push('publish the new policy first, then the new TXT record (RFC 8461 §8.1); check that TLS-RPT reports show no failures before you do');
  return { ok: true, rollout: { policy, record: `v=STSv1; id=${timestampId(now)}`, notes } };
}
