// Lint throughput against mailauth 7.1.0 (the peer): our parser, our full lint and mailauth's
// strict policy parser, alternating in one process on the same inputs. Not a test.
import { createRequire } from 'node:module';
import { bundledCore } from './bundle';
import { fmt, race, median, table, verdict } from './harness';
import { README_POLICY, corpusPolicies, policyOfSize, policyWithMx } from './inputs';

type ParsePolicy = (text: string, opts: { strict: boolean }) => unknown;

function mailauth(): ParsePolicy {
  const require = createRequire(__filename);
  return (require('mailauth/lib/mta-sts') as { parsePolicy: ParsePolicy }).parsePolicy;
}

export interface ThroughputRow {
  readonly input: string;
  readonly docs: number;
  readonly parse: number;
  readonly lint: number;
  readonly peer: number;
  /** Medians of the per-round ratios. */
  readonly parseRatio: number;
  readonly lintRatio: number;
}

export function lintThroughput(rounds = 15): { rows: ThroughputRow[]; markdown: string; met: boolean } {
  const parsePolicy = mailauth();
  const { lint, parsePolicyFile } = bundledCore();
  const sets: [string, string[]][] = [
    ['README policy (5 lines)', [README_POLICY]],
    ['40-mx policy', [policyWithMx(40)]],
    ['64 KiB policy', [policyOfSize(64 * 1024)]],
    [`corpus (${corpusPolicies().length} policies)`, corpusPolicies()],
  ];
  const rows: ThroughputRow[] = [];
  for (const [name, inputs] of sets) {
    if (inputs.length === 0) continue;
    const big = inputs[0]!.length > 10000;
    const { results, ratios } = race(
      [
        { name: 'parse', run: (s) => parsePolicyFile(s).tree.lineCount },
        { name: 'lint', run: (s) => lint(s, 'policy').diagnostics.length },
        {
          name: 'mailauth',
          run: (s) => {
            try {
              return parsePolicy(s, { strict: true });
            } catch {
              return null;
            }
          },
        },
      ],
      inputs,
      big ? Math.max(5, Math.floor(rounds / 2)) : rounds,
      big ? 300 : 40,
    );
    rows.push({ input: name, docs: inputs.length, parse: results[0]!.opsPerSec, lint: results[1]!.opsPerSec, peer: results[2]!.opsPerSec, parseRatio: median(ratios[0]!), lintRatio: median(ratios[1]!) });
  }
  const met = rows.every((r) => r.parseRatio >= 2 && r.lintRatio >= 1);
  const markdown = table(
    ['input', 'our parse (docs/s)', 'our full lint (docs/s)', 'mailauth strict (docs/s)', 'parse ÷ mailauth (target ≥ 2)', 'lint ÷ mailauth (target ≥ 1)'],
    rows.map((r) => [r.input, fmt(r.parse), fmt(r.lint), fmt(r.peer), `${fmt(r.parseRatio, 2)}× ${verdict(r.parseRatio >= 2)}`, `${fmt(r.lintRatio, 2)}× ${verdict(r.lintRatio >= 1)}`]),
  );
  return { rows, markdown, met };
}
