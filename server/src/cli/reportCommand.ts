// `mta-sts report [--json] <file|folder>...`: reads TLS-RPT reports (.json, .json.gz; gunzip
// capped at 10 MB per file), prints a summary table or JSON. Exit status: 1 when any failed
// session was reported, 0 otherwise, 2 for usage errors or when no report could be read.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import {
  createLineIndex, formatCount, isReportFileName, lintReportJson, looksLikeReport, readReport, summarizeReports,
  type Diagnostic, type ReportSummary, type TlsRptReport,
} from '../core/index';
import { UsageError, walkFiles } from './files';
import type { Io } from './lintCommand';

export const REPORT_USAGE = `Usage: mta-sts report [--json] <file|folder>...

Summarises TLS-RPT reports (RFC 8460): .json and .json.gz files, or folders holding them
(searched recursively for *.json and *.json.gz reports). Prints who reported, the dates,
sessions and failures per policy, failures by result type and MX, per day and per reporter.
--json prints the summary, each report's validation findings and the skipped files as JSON.
Unreadable or malformed files are named on stderr and skipped.
Exit status: 1 when any failed session was reported, 0 otherwise, 2 for usage errors or
when no report could be read.`;

/** The most a report may take up, compressed or not (receivers commonly accept 10 MB). */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

class BadFile extends Error {}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const mb = (n: number) => (n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MB` : `${n} bytes`);

/** Reads a report file, gunzipping it when it starts with the gzip magic bytes. */
export function readReportFile(path: string, cap = MAX_REPORT_BYTES): string {
  let buf: Buffer;
  try {
    if (statSync(path).size > cap) throw new BadFile(`larger than ${mb(cap)}; skipped`);
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof BadFile) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadFile(code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? 'error'})`);
  }
  if (isGzip(buf)) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: cap });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new BadFile(`decompresses to more than ${mb(cap)} (a gzip bomb?); skipped`);
      throw new BadFile(`not a valid gzip file (${err.message.replace(/\s+/g, ' ')})`);
    }
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
}

/** Expands folders into report candidates; `explicit` marks files named on the command line. */
function expand(args: readonly string[], bad: (file: string, problem: string) => void): { path: string; explicit: boolean }[] {
  const out: { path: string; explicit: boolean }[] = [];
  const walk = (dir: string) => {
    const found = walkFiles(dir, (_p, name) => /\.json(\.gz)?$/i.test(name) || isReportFileName(name), (d, code) => bad(d, `cannot read folder (${code})`));
    for (const path of found) out.push({ path, explicit: false });
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      bad(a, 'no such file or folder');
      continue;
    }
    if (st.isDirectory()) walk(a);
    else out.push({ path: a, explicit: true });
  }
  return out;
}

interface FileResult {
  readonly file: string;
  readonly report: TlsRptReport;
  readonly diagnostics: readonly (Diagnostic & { line: number; column: number })[];
}

function table(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

const day = (iso: string | null, end = false) => (iso ? new Date(Date.parse(iso) - (end ? 1 : 0)).toISOString().slice(0, 10) : '?');
const n = formatCount;

function renderText(s: ReportSummary, files: readonly FileResult[]): string {
  const out: string[] = [];
  const reporters = s.reporters.length;
  out.push(`TLS-RPT: ${n(s.reports)} report${s.reports === 1 ? '' : 's'} from ${reporters} reporter${reporters === 1 ? '' : 's'}, ${day(s.start)} to ${day(s.end, true)}`);
  out.push(`Sessions: ${n(s.successfulSessions)} successful, ${n(s.failedSessions)} failed`);
  if (s.duplicates.length) out.push(`Skipped ${s.duplicates.length} duplicate report${s.duplicates.length === 1 ? '' : 's'} (same reporter and report-id): ${s.duplicates.map((d) => d.source ?? d.reportId).join(', ')}`);
  const R = new Set([1, 2, 3]);
  out.push('', table(['Policy', 'Reports', 'Successful', 'Failed'], s.policies.map((p) => [`${p.policyDomain} (${p.policyType})`, n(p.reports), n(p.successfulSessions), n(p.failedSessions)]), R));
  if (s.failures.length) {
    out.push('', table(['Policy domain', 'Result type', 'Receiving MX', 'Sessions', 'Reason'], s.failures.map((f) => [f.policyDomain, f.resultType, f.receivingMx ?? '-', n(f.sessions), f.reasons.join('; ').slice(0, 60)]), new Set([3])));
  }
  out.push('', table(['Reporter', 'Reports', 'Successful', 'Failed', 'Days'], s.reporters.map((r) => [r.reporter, n(r.reports), n(r.successfulSessions), n(r.failedSessions), r.firstDay === r.lastDay ? (r.firstDay ?? '?') : `${r.firstDay} to ${r.lastDay}`]), R));
  out.push('', table(['Day (UTC)', 'Reports', 'Successful', 'Failed'], s.days.map((d) => [d.day, n(d.reports), n(d.successfulSessions), n(d.failedSessions)]), R));
  out.push('', 'In plain words:', ...s.readings.map((r) => `  ${r}`));
  const findings = files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `  ${f.file}:${d.line}:${d.column}: ${d.code} ${d.severity} ${d.message}`));
  if (findings.length) {
    out.push('', 'Report validation (errors and warnings):', ...findings.slice(0, 20));
    if (findings.length > 20) out.push(`  … and ${findings.length - 20} more (see --json)`);
  }
  return out.join('\n');
}

export function runReport(argv: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(REPORT_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('mta-sts report needs at least one report file or folder');
  const skipped: { file: string; problem: string }[] = [];
  const bad = (file: string, problem: string) => {
    skipped.push({ file, problem });
    io.err(`mta-sts report: ${file}: ${problem}`);
  };
  const results: FileResult[] = [];
  for (const { path, explicit } of expand(positionals, bad)) {
    let text: string;
    try {
      text = readReportFile(path);
    } catch (e) {
      if (!(e instanceof BadFile)) throw e;
      bad(path, e.message);
      continue;
    }
    if (!explicit && !/\.gz$/i.test(path) && !isReportFileName(path) && !looksLikeReport(text)) continue;
    const { report, problem, json } = readReport(text, path);
    const syntax = json.problems.find((p) => p.kind === 'syntax');
    if (!report || syntax) {
      const where = syntax ? createLineIndex(text).positionAt(syntax.span.start) : null;
      bad(path, report && syntax ? `not valid JSON: ${syntax.message} (line ${where!.line + 1}, column ${where!.character + 1})` : problem!);
      continue;
    }
    const index = createLineIndex(text);
    const diagnostics = lintReportJson(text, json).map((d) => {
      const p = index.positionAt(d.span.start);
      return { ...d, line: p.line + 1, column: p.character + 1 };
    });
    results.push({ file: path, report, diagnostics });
  }
  const summary = summarizeReports(results.map((r) => r.report));
  if (values.json) {
    io.out(JSON.stringify({
      summary,
      files: results.map((r) => ({ file: r.file, reporter: r.report.organizationName, reportId: r.report.reportId, diagnostics: r.diagnostics.map((d) => ({ code: d.code, name: d.name, severity: d.severity, message: d.message, line: d.line, column: d.column })) })),
      skipped,
    }, null, 2));
  } else if (results.length) io.out(renderText(summary, results));
  if (results.length === 0) {
    if (!values.json) io.err('mta-sts report: no TLS-RPT report could be read');
    return 2;
  }
  const anyFailure = summary.failedSessions > 0 || summary.failures.some((f) => f.sessions > 0);
  return anyFailure ? 1 : 0;
}
