// Verdicts on real-world files from ../shared/corpus, recorded as reviewed snapshots
// (test/snapshots/). A policy that real senders accept must not get an error from us unless
// the RFC is clear.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createLineIndex, lint, type Diagnostic, type DocumentKind } from '../../server/src/core/index';
import { CORPUS, corpusFiles } from '../support/corpus';
import { matchSnapshot } from '../support/snapshot';

const SNAP = join(__dirname, '..', 'snapshots');

function summary(text: string, ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return 'clean';
  const idx = createLineIndex(text);
  return ds.map((d) => `${d.code}@${idx.positionAt(d.span.start).line + 1}`).join(' ');
}

function verdicts(files: string[], kind: DocumentKind): string {
  return files.map((f) => {
    const text = readFileSync(f, 'utf8');
    return `${basename(f)}\t${summary(text, lint(text, kind).diagnostics)}`;
  }).join('\n') + '\n';
}

test('corpus policies: reviewed verdict snapshot', { skip: !CORPUS && 'corpus not present' }, () => {
  const files = corpusFiles('policies').filter((f) => f.endsWith('.txt'));
  matchSnapshot(join(SNAP, 'corpus-policies.tsv'), verdicts(files, 'policy'));
});

test('corpus zone files: reviewed verdict snapshot', { skip: !CORPUS && 'corpus not present' }, () => {
  const files = corpusFiles('records/zones').filter((f) => f.endsWith('.zone'));
  matchSnapshot(join(SNAP, 'corpus-zones.tsv'), verdicts(files, 'zone'));
});

test('corpus TXT record values: reviewed verdict snapshot', { skip: !CORPUS && 'corpus not present' }, () => {
  const out: string[] = [];
  for (const [file, kind] of [['sts-records.tsv', 'sts-record'], ['tlsrpt-records.tsv', 'tlsrpt-record']] as const) {
    const rows = readFileSync(join(CORPUS, 'records', file), 'utf8').split('\n').slice(1).filter(Boolean);
    for (const row of rows) {
      const [value = '', , , context = ''] = row.split('\t');
      // octoDNS YAML escapes ";" as "\;"; the published value has a plain ";".
      const published = context === 'yaml' ? value.replace(/\\;/g, ';') : value;
      out.push(`${kind}\t${published}\t${summary(published, lint(published, kind).diagnostics)}`);
    }
  }
  matchSnapshot(join(SNAP, 'corpus-records.tsv'), out.join('\n') + '\n');
});
