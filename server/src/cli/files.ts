// File input for the CLI: expands folders to the files the linter understands, reads files
// and standard input, and reports IO problems as one-line messages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isReportFileName, looksLikeReport } from '../core/index';

export class UsageError extends Error {}
export class InputError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/** True for files the linter recognises by name or, for `.txt`, by their first line. */
function isLintable(path: string, name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'mta-sts.txt' || n.endsWith('.zone') || n.startsWith('db.')) return true;
  if (n.endsWith('.json')) {
    try {
      return isReportFileName(name) || looksLikeReport(readFileSync(path, 'utf8'));
    } catch {
      return false;
    }
  }
  if (n.endsWith('.txt')) {
    try {
      const head = readFileSync(path, { encoding: 'utf8', flag: 'r' }).slice(0, 200).trimStart().replace(/^"/, '');
      return /^v=(stsv1|tlsrptv1)/i.test(head);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Walks a folder (sorted, skipping hidden folders but `.well-known`, node_modules and build
 * output) and collects the files `accept` takes. An unreadable folder is passed to `onError`.
 */
export function walkFiles(dir: string, accept: (path: string, name: string) => boolean, onError: (dir: string, code: string) => void, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    onError(dir, (e as NodeJS.ErrnoException).code ?? 'error');
    return out;
  }
  for (const name of names) {
    if ((name.startsWith('.') && name !== '.well-known') || SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walkFiles(p, accept, onError, out);
    else if (st.isFile() && accept(p, name)) out.push(p);
  }
  return out;
}

/** Expands arguments into file paths (folders recursively); `-` stays as standard input. */
export function expandInputs(args: readonly string[]): string[] {
  const out: string[] = [];
  const fail = (dir: string, code: string) => {
    throw new InputError(`${dir}: cannot read folder (${code})`);
  };
  for (const a of args) {
    if (a === '-') {
      out.push(a);
      continue;
    }
    let st;
    try {
      st = statSync(a);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${a}: no such file or folder` : `${a}: cannot read (${code ?? 'error'})`);
    }
    if (st.isDirectory()) walkFiles(a, isLintable, fail, out);
    else out.push(a);
  }
  return out;
}

export function readInput(path: string): string {
  try {
    const buf = path === '-' ? readFileSync(0) : readFileSync(path);
    return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path}: is a folder` : `${path}: cannot read (${code ?? 'error'})`);
  }
}
