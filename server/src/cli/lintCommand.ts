// `mta-sts lint [--json] [--kind K] <file|folder|->…`: lints files and prints code frames or JSON.
// Exit status: 0 no errors, 1 any error, 2 usage or input problems.
import { parseArgs } from 'node:util';
import { createLineIndex, detectKind, lint, type Diagnostic, type DocumentKind } from '../core/index';
import { renderDiagnostic } from './codeFrame';
import { expandInputs, InputError, readInput, UsageError } from './files';

const KINDS: readonly DocumentKind[] = ['policy', 'sts-record', 'tlsrpt-record', 'zone', 'tlsrpt-report'];

export const LINT_USAGE = `Usage: mta-sts lint [--json] [--kind policy|sts-record|tlsrpt-record|zone|tlsrpt-report] <file|folder|->...

Lints MTA-STS policy files, _mta-sts and _smtp._tls TXT records, zone files and
TLS-RPT reports (JSON).
The kind comes from the file name (mta-sts.txt, *.zone, db.*, RFC 8460 report
names) or the content;
--kind overrides it. "-" reads standard input. Folders are searched for files
the linter recognises.`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
  color: boolean;
}

function jsonDiagnostic(text: string, d: Diagnostic, index = createLineIndex(text)) {
  return {
    code: d.code,
    name: d.name,
    severity: d.severity,
    message: d.message,
    range: { start: index.positionAt(d.span.start), end: index.positionAt(d.span.end) },
    ...(d.suggestion ? { fix: d.suggestion.title } : {}),
  };
}

export function runLint(argv: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, kind: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(LINT_USAGE);
    return 0;
  }
  if (values.kind !== undefined && !KINDS.includes(values.kind as DocumentKind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}; got "${values.kind}"`);
  if (positionals.length === 0) throw new UsageError('mta-sts lint needs at least one file, folder or "-"');
  const files = expandInputs(positionals);
  const results: { file: string; kind: DocumentKind; diagnostics: unknown[] }[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let ioProblems = 0;
  const frames: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readInput(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`mta-sts: ${e.message}`);
      ioProblems++;
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    const kind = (values.kind as DocumentKind | undefined) ?? detectKind(file === '-' ? '' : file, text);
    const { diagnostics } = lint(text, kind);
    const index = createLineIndex(text);
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else others++;
    }
    if (values.json) results.push({ file: name, kind, diagnostics: diagnostics.map((d) => jsonDiagnostic(text, d, index)) });
    else for (const d of diagnostics) frames.push(renderDiagnostic(name, text, index, d, { color: io.color }));
  }
  if (values.json) io.out(JSON.stringify(results, null, 2));
  else {
    if (frames.length) io.out(frames.join('\n\n') + '\n');
    const n = files.length - ioProblems;
    io.out(`${n} file${n === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} note${others === 1 ? '' : 's'}`);
  }
  if (ioProblems > 0) return 2;
  return errors > 0 ? 1 : 0;
}
