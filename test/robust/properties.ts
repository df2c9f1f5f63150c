// The robustness properties of the core, shared by the property tests (a fixed number of runs in
// `npm test`) and the long fuzz run (`npm run fuzz`): arbitrary and mutated inputs for every
// parser, the linter of every kind, the editor features and the formatter. Not a test itself.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  complete, documentSymbols, findRule, formatPolicy, hover, lint, parseJson, parsePolicyFile, parseTagRecord, parseZoneFile,
  printPolicyFile, printTagRecord, printZoneFile, type Diagnostic, type DocumentKind, type Span,
} from '../../server/src/core/index';
import { corpusFiles } from '../support/corpus';

export const KINDS: readonly DocumentKind[] = ['policy', 'sts-record', 'tlsrpt-record', 'zone', 'tlsrpt-report'];
const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

// ---------------------------------------------------------------------------------------------
// Inputs

/** Pieces that mean something to one of the grammars, so random text hits the interesting paths. */
const TOKENS = [
  ':', ';', '"', '\\', '(', ')', '*.', '.', '=', ',', '#', ' ', '\t', '\n', '\r\n', '\r', '\ufeff', '\u00a0', '\u0000', '\u007f',
  '\ud800', '\udc00', '😀', 'ü', 'version', 'mode', 'mx', 'max_age', 'Mode', 'max-age', 'STSv1', 'enforce', 'testing', 'none',
  'v=STSv1', 'v=TLSRPTv1', 'id=', 'rua=', 'mailto:', 'https://', '!10m', '%21', 'example.com', '_mta-sts', '_smtp._tls', '@',
  '$ORIGIN', '$TTL', 'IN', 'TXT', 'MX', '10', '86400', '31557601', '\\065', '\\"', '{', '}', '[', ']', '"version"', 'null', '1e999',
  '"policies"', '"failure-details"', 'x'.repeat(70),
  // Whole zone lines for the zone-wide rules (an SOA makes a whole zone; CNAMEs, NS cuts, wildcards).
  '@ IN SOA ns1.example.com. h.example.com. 1 7200 3600 1209600 3600\n', '_mta-sts IN TXT "v=STSv1; id=1"\n',
  'mta-sts IN CNAME p.example.net.\n', '_mta-sts IN CNAME p.example.net.\n', 'sub IN NS ns.example.net.\n', '* IN A 192.0.2.1\n',
  '$INCLUDE', 'SOA', 'CNAME', 'mta-sts', 'mx: mail', '*.com',
];

const token = fc.constantFrom(...TOKENS);
const anyChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);

/** Arbitrary text: full unicode, UTF-16 code units (lone surrogates), control characters, CR/LF mixes and grammar tokens. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 120 }),
  fc.string({ unit: fc.constantFrom('\r', '\n', ' ', '\t', 'a', ':', ';', '"'), maxLength: 80 }),
  fc.array(fc.oneof({ weight: 4, arbitrary: token }, { weight: 1, arbitrary: anyChar }), { maxLength: 60 }).map((a) => a.join('')),
);

let corpusCache: string[] | null = null;

/** Every corpus text: policies, record values (one per line of the TSVs), zones, reports. */
export function corpusTexts(): string[] {
  if (corpusCache) return corpusCache;
  const out: string[] = [];
  for (const f of corpusFiles()) {
    if (/MANIFEST|README|peer-tests/i.test(f)) continue;
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.tsv')) out.push(...text.split('\n').slice(1).map((l) => l.split('\t')[0]!).filter(Boolean));
    else out.push(text);
  }
  corpusCache = out.length ? out : ['version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n'];
  return corpusCache;
}

type Mutation = (s: string) => string;
const at = (s: string, r: number) => Math.floor(r * (s.length + 1));
const INSERTS = [':', ';', '"', '\\', '(', ')', '*.', '\n', '\r\n', '\r', '=', ' ', '\t', '\ufeff', '\ud800'];

/** One mutation of a text; the parameters come from fast-check so that shrinking works. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 15 })).map(([r, bit]): Mutation => (s) => {
    if (!s.length) return s;
    const i = Math.min(s.length - 1, Math.floor(r * s.length));
    return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << bit)) + s.slice(i + 1);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INSERTS), fc.integer({ min: 1, max: 3 })).map(([r, t, n]): Mutation => (s) => {
    const i = at(s, r);
    return s.slice(0, i) + t.repeat(n) + s.slice(i);
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (s) => {
    const lines = s.split(/(?<=\n)/);
    const i = Math.min(lines.length - 1, Math.floor(r * lines.length));
    lines.splice(i, 0, lines[i]!);
    return lines.join('');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (s) => s.slice(0, at(s, r))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20 })).map(([r, n]): Mutation => (s) => {
    const i = at(s, r);
    return s.slice(0, i) + s.slice(i + n);
  }),
);

/** A corpus file with one to eight mutations. */
export const mutatedCorpus: fc.Arbitrary<string> = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([i, ms]) => {
    const texts = corpusTexts();
    return ms.reduce((s, m) => m(s), texts[i % texts.length]!);
  });

export const anyInput: fc.Arbitrary<string> = fc.oneof(anyText, mutatedCorpus);

// ---------------------------------------------------------------------------------------------
// Properties (each throws an Error with a precise message when it does not hold)

function inside(s: Span, n: number, what: string): void {
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= n)) {
    throw new Error(`${what}: span ${JSON.stringify(s)} outside the document of length ${n}`);
  }
}

/** Every parser returns a tree that prints back to the exact input. */
export function roundTrips(text: string): void {
  if (printPolicyFile(parsePolicyFile(text).tree) !== text) throw new Error('policy file does not round-trip');
  if (printTagRecord(parseTagRecord(text)) !== text) throw new Error('tag record does not round-trip');
  if (printZoneFile(parseZoneFile(text).tree) !== text) throw new Error('zone file does not round-trip');
  for (const p of parseJson(text).problems) inside(p.span, text.length, `json problem "${p.message}"`);
}

/** Checks the diagnostics of one kind: known codes, spans and edits inside the document. */
export function checkDiagnostics(text: string, kind: DocumentKind, ds: readonly Diagnostic[]): void {
  const n = text.length;
  for (const d of ds) {
    const what = `${kind} ${d.code}`;
    if (!findRule(d.code)) throw new Error(`${what}: not in the rule catalog`);
    if (typeof d.message !== 'string' || d.message.length === 0) throw new Error(`${what}: empty message`);
    inside(d.span, n, what);
    for (const r of d.related ?? []) inside(r.span, n, `${what} related`);
    for (const e of d.suggestion?.edits ?? []) inside(e.span, n, `${what} suggestion edit`);
  }
}

/** lint never throws for any kind, and every diagnostic, related span and edit lies inside the document. */
export function lintsSafely(text: string): Record<string, readonly Diagnostic[]> {
  const out: Record<string, readonly Diagnostic[]> = {};
  for (const kind of KINDS) {
    const ds = lint(text, kind).diagnostics;
    checkDiagnostics(text, kind, ds);
    out[kind] = ds;
  }
  return out;
}

/** Completion, hover and outline never throw at any offset, and their spans lie inside the document. */
export function editorFeaturesAreSafe(text: string, where: number): void {
  const offset = Math.floor(where * (text.length + 1));
  for (const kind of KINDS) {
    for (const c of complete(text, kind, offset, NOW)) inside(c.replace, text.length, `${kind} completion ${c.label}`);
    const h = hover(text, kind, offset);
    if (h) inside(h.span, text.length, `${kind} hover`);
    for (const s of documentSymbols(text, kind)) {
      inside(s.span, text.length, `${kind} symbol ${s.name}`);
      inside(s.selection, text.length, `${kind} symbol selection ${s.name}`);
    }
  }
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').length;

/** formatPolicy is idempotent and never leaves more errors than there were. */
export function formatsSafely(text: string, before?: readonly Diagnostic[]): void {
  const once = formatPolicy(text);
  const twice = formatPolicy(once);
  if (twice !== once) throw new Error(`formatPolicy is not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
  const b = before ?? lint(text, 'policy').diagnostics;
  const a = lint(once, 'policy').diagnostics;
  if (errors(a) > errors(b)) {
    const codes = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.code).join(',');
    throw new Error(`formatting made lint results worse: errors ${codes(b)} → ${codes(a)} for ${JSON.stringify(once)}`);
  }
}

/** Everything at once, for the long fuzz run. */
export function allProperties(text: string, where: number): void {
  roundTrips(text);
  const ds = lintsSafely(text);
  formatsSafely(text, ds.policy);
  editorFeaturesAreSafe(text, where);
}
