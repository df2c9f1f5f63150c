// Inputs for the benchmarks: the README's policy, a 40-mx policy, a 64 KiB policy, the real-world
// corpus, documents of each kind at given sizes, and pathological lines. Not a test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../../server/src/core/index';

export const ROOT = join(__dirname, '..', '..');
const CORPUS = [join(ROOT, '..', 'shared', 'corpus'), join(ROOT, 'shared', 'corpus')].find((p) => existsSync(p)) ?? '';

/** The five-field policy the README and examples/ show. */
export const README_POLICY = readFileSync(join(ROOT, 'examples', 'mta-sts.example.com', '.well-known', 'mta-sts.txt'), 'utf8');

export function policyWithMx(n: number): string {
  return ['version: STSv1', 'mode: enforce', ...Array.from({ length: n }, (_, i) => `mx: mx${i}.mail${i % 7}.example.com`), 'max_age: 604800', ''].join('\n');
}

/** A valid policy of about `bytes` bytes (mx lines). */
export function policyOfSize(bytes: number): string {
  let s = 'version: STSv1\nmode: enforce\nmax_age: 604800\n';
  for (let i = 0; s.length < bytes; i++) s += `mx: mx${i}.mail.example.com\n`;
  return s;
}

export function corpusPolicies(): string[] {
  const dir = join(CORPUS, 'policies');
  if (!CORPUS || !existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

export const KINDS: readonly DocumentKind[] = ['policy', 'sts-record', 'tlsrpt-record', 'zone'];

// `{i}` becomes a running number, so that no two lines are equal (the record linter reuses the
// diagnostics of a line equal to the one before, which a benchmark must not measure).
const UNIT: Record<string, string> = {
  'sts-record': 'v=STSv1; id=20240101T{i}\n',
  'tlsrpt-record': 'v=TLSRPTv1; rua=mailto:tlsrpt{i}@example.com,https://r.example.net/v{i}\n',
  zone: '_mta-sts.h{i} IN TXT "v=STSv1; id=20240101T{i}"\n_smtp._tls.h{i} IN TXT "v=TLSRPTv1; rua=mailto:r{i}@example.com"\nh{i} IN MX 10 mx{i}.example.com.\n',
};

/** `unit` repeated with `{i}` as a running number until the text has `bytes` characters. */
function numbered(unit: string, bytes: number, start = ''): string {
  let s = start;
  for (let i = 0; s.length < bytes; i++) s += unit.replace(/\{i\}/g, String(i));
  return s;
}

/** A realistic document of `kind` of about `bytes` bytes, no two lines alike. */
export function documentOfSize(kind: DocumentKind, bytes: number): string {
  if (kind === 'policy') return policyOfSize(bytes);
  return numbered(UNIT[kind]!, bytes, kind === 'zone' ? '$ORIGIN example.com.\n$TTL 3600\n' : '');
}

/** Pathological inputs of about 1 MiB, the same for every kind. */
export function pathological(): { name: string; text: string }[] {
  const MiB = 1 << 20;
  return [
    { name: 'one 1 MiB line', text: 'x'.repeat(MiB) },
    { name: '100,000 colons', text: ':'.repeat(100_000) },
    { name: 'deep `*.` run (1 MiB)', text: 'mx: ' + '*.'.repeat(MiB / 2) },
    { name: 'mx + 1 MiB of dots', text: 'mx: a' + '.'.repeat(MiB) },
    { name: 'v=STSv1 + 1 MiB of `;`', text: 'v=STSv1' + ';'.repeat(MiB) },
    { name: '1 MiB of `"`', text: '"'.repeat(MiB) },
    { name: '1 MiB of `\\`', text: '\\'.repeat(MiB) },
    { name: '1 MiB of `(`', text: '('.repeat(MiB) },
    { name: '100,000 newlines', text: '\n'.repeat(100_000) },
    { name: '100,000 `mx: *.` lines', text: 'mx: *.\n'.repeat(100_000) },
    { name: '1 MiB TXT string', text: 'x IN TXT "v=STSv1; id=' + 'a'.repeat(MiB) + '"' },
    { name: '50,000 escapes in a TXT', text: 'x IN TXT "v=TLSRPTv1; rua=mailto:' + '\\065'.repeat(50_000) + '"' },
    { name: '100,000 rua URIs', text: 'v=TLSRPTv1; rua=' + 'mailto:a@b.c,'.repeat(100_000) },
    { name: '20,000 fields', text: 'v=STSv1; ' + 'id=1; '.repeat(20_000) },
    // Every line or record wrong, no two alike: the path of findings, past the cap on each code.
    { name: 'wrong records, one a line (1 MiB)', text: numbered('v=STSv1; id=2024-01-01T{i}; mode=enforce\nv=TLSRPTv1; rua=mailto:r{i}@example.com; https://r.example.net/{i}\n', MiB) },
    { name: 'wrong policy lines (1 MiB)', text: numbered('mx: mx_{i}.example.com\nfoo{i}: bar\nmode: tseting{i}\n', MiB) },
    { name: 'wrong TXT records in a zone (1 MiB)', text: numbered('_mta-sts.h{i} IN TXT "v=STSv1; id=2024-01-01T{i}; mode=enforce"\n_smtp._tls.h{i} IN TXT "v=TLSRPTv1; rua=r{i}@example.com"\n', MiB) },
  ];
}
