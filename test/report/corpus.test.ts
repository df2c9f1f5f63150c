// Every real report in ../shared/corpus/tlsrpt-reports validates as reviewed: the verdicts are a
// snapshot (test/snapshots/corpus-reports.tsv), and no real report gets an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createLineIndex, isReportFileName, lint, looksLikeReport, readReport } from '../../server/src/core/index';
import { CORPUS, corpusFiles } from '../support/corpus';
import { matchSnapshot } from '../support/snapshot';

const files = CORPUS ? corpusFiles('tlsrpt-reports').filter((f) => f.endsWith('.json')) : [];
const skip = !CORPUS && 'corpus not present';

test('the corpus holds the 18 reports of its manifest', { skip }, () => {
  assert.equal(files.length, 18);
});

test('corpus reports: reviewed verdict snapshot', { skip }, () => {
  const rows = files.map((f) => {
    const text = readFileSync(f, 'utf8');
    const idx = createLineIndex(text);
    const ds = lint(text, 'tlsrpt-report').diagnostics;
    const verdict = ds.length ? ds.map((d) => `${d.code}@${idx.positionAt(d.span.start).line + 1}`).join(' ') : 'clean';
    return `${basename(f)}\t${verdict}`;
  });
  matchSnapshot(join(__dirname, '..', 'snapshots', 'corpus-reports.tsv'), rows.join('\n') + '\n');
});

test('no real report gets an error', { skip }, () => {
  for (const f of files) {
    const errors = lint(readFileSync(f, 'utf8'), 'tlsrpt-report').diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], basename(f));
  }
});

test('every real report is read, recognised by content, and its counts are numbers', { skip }, () => {
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.ok(looksLikeReport(text), basename(f));
    const { report, problem, json } = readReport(text);
    assert.equal(problem, null, basename(f));
    assert.deepEqual(json.problems, [], basename(f));
    assert.ok(report!.policies.length >= 1, basename(f));
    for (const p of report!.policies) assert.ok(Number.isInteger(p.successfulSessions) && Number.isInteger(p.failedSessions));
    // Corpus files are named after their source, not by RFC 8460 §5.1.
    assert.equal(isReportFileName(basename(f)), false);
  }
});
