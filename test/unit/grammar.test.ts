// TextMate grammars, language configurations and snippets (syntaxes/, snippets/).
// The scope assertions live in test/grammar/ and are run by the vscode-tmgrammar-test CLI;
// this file runs that CLI, checks it really ran them, and proves that a broken grammar fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint, type Diagnostic, type DocumentKind } from '../../server/src/core/index';

const ROOT = join(__dirname, '..', '..');
const TOOL_CONFIG = 'test/grammar/tmgrammar-test.config.json';

interface LanguageFiles {
  readonly id: string;
  readonly scopeName: string;
  readonly grammar: string;
  readonly configuration: string;
  readonly snippets: string;
  /** Relative to ROOT, forward slashes: the CLI globs it and echoes it back. */
  readonly testFile: string;
  /** A scope the test file asserts; renaming it in a copy of the grammar must fail the run. */
  readonly canary: string;
}

const LANGUAGES: readonly LanguageFiles[] = [
  {
    id: 'mta-sts',
    scopeName: 'source.mta-sts',
    grammar: 'syntaxes/mta-sts.tmLanguage.json',
    configuration: 'syntaxes/mta-sts.language-configuration.json',
    snippets: 'snippets/mta-sts.json',
    testFile: 'test/grammar/policy.test.mta-sts',
    canary: 'constant.language.mode.mta-sts',
  },
  {
    id: 'dns-zone',
    scopeName: 'source.dns-zone',
    grammar: 'syntaxes/dns-zone.tmLanguage.json',
    configuration: 'syntaxes/dns-zone.language-configuration.json',
    snippets: 'snippets/dns-zone.json',
    testFile: 'test/grammar/zone.test.zone',
    canary: 'support.constant.label.mta-sts.dns-zone',
  },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function readJson(rel: string): JsonObject {
  const value = JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as Json;
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${rel} is not a JSON object`);
  return value;
}

/** Visits every object in a JSON tree. */
function eachObject(node: Json, visit: (o: JsonObject) => void): void {
  if (Array.isArray(node)) node.forEach((n) => eachObject(n, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node);
    Object.values(node).forEach((n) => eachObject(n, visit));
  }
}

/** Every scope name a grammar can produce (`name` / `contentName`). */
function grammarScopes(grammar: JsonObject): Set<string> {
  const scopes = new Set<string>();
  eachObject(grammar, (o) => {
    for (const k of ['name', 'contentName']) {
      const v = o[k];
      if (typeof v === 'string' && o !== grammar) v.split(/\s+/).forEach((s) => s && scopes.add(s));
    }
  });
  return scopes;
}

interface ParsedTestFile {
  readonly scope: string;
  readonly assertions: number;
  /** Scopes required (not excluded) by at least one assertion. */
  readonly required: Set<string>;
}

/** Parses a vscode-tmgrammar-test file the way the tool does (header, then `<token> ^^^ scopes - excluded`). */
function parseTestFile(rel: string): ParsedTestFile {
  const lines = readFileSync(join(ROOT, rel), 'utf8').split(/\r?\n/);
  const header = /^(\S+)\s+SYNTAX\s+TEST\s+"([^"]+)"(?:\s+"([^"]+)")?\s*$/.exec(lines[0] ?? '');
  assert.ok(header, `${rel}: bad header line`);
  const token = header[1]!;
  const required = new Set<string>();
  let assertions = 0;
  for (const line of lines.slice(1)) {
    if (!line.startsWith(token)) continue;
    const m = /^\s*(?:\^+|<~*-+)\s*(.*)$/.exec(line.slice(token.length));
    if (!m) continue;
    assertions++;
    const [req = ''] = m[1]!.split(/\s+-\s+|^-\s+/);
    req.split(/\s+/).forEach((s) => s && required.add(s));
  }
  return { scope: header[2]!, assertions, required };
}

function toolCli(): string {
  const dir = join(ROOT, 'node_modules', 'vscode-tmgrammar-test');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin['vscode-tmgrammar-test'];
  assert.ok(bin, 'vscode-tmgrammar-test has no CLI entry');
  return join(dir, bin);
}

/** Runs the vscode-tmgrammar-test CLI; `grammars` and `files` are relative to ROOT or absolute. */
function runTool(grammars: readonly string[], files: readonly string[]): { status: number | null; out: string } {
  const args = [toolCli(), '--compact', '--config', TOOL_CONFIG, ...grammars.flatMap((g) => ['-g', g]), ...files];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) throw r.error;
  // eslint-disable-next-line no-control-regex
  const out = `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: r.status, out };
}

// ------------------------------------------------------------------ grammar files

for (const lang of LANGUAGES) {
  test(`${lang.grammar} parses, has scopeName ${lang.scopeName} and resolvable includes`, () => {
    const g = readJson(lang.grammar);
    assert.equal(g.scopeName, lang.scopeName);
    assert.equal(typeof g.name, 'string');
    assert.ok(Array.isArray(g.patterns) && g.patterns.length > 0, 'top-level patterns');
    const repo = g.repository;
    assert.ok(repo && typeof repo === 'object' && !Array.isArray(repo), 'repository');
    const missing: string[] = [];
    eachObject(g, (o) => {
      const inc = o.include;
      if (typeof inc === 'string' && inc.startsWith('#') && !(inc.slice(1) in repo)) missing.push(inc);
    });
    // vscode-textmate silently ignores a dangling include, so only this check would notice one.
    assert.deepEqual(missing, [], 'includes that name no repository entry');
  });

  test(`${lang.grammar}: no accidental back-references in end patterns`, () => {
    // vscode-textmate treats /\\(\d+)/ in an end/while regex as a back-reference to the begin
    // match, even after an escaped backslash (e.g. "\\\\059"), which silently breaks the rule.
    const bad: string[] = [];
    eachObject(readJson(lang.grammar), (o) => {
      for (const k of ['end', 'while']) {
        const v = o[k];
        if (typeof v === 'string' && /\\(\d+)/.test(v)) bad.push(v);
      }
    });
    assert.deepEqual(bad, []);
  });

  test(`${lang.testFile} targets ${lang.scopeName} and asserts every scope the grammar produces`, () => {
    const parsed = parseTestFile(lang.testFile);
    assert.equal(parsed.scope, lang.scopeName);
    assert.ok(parsed.assertions >= 40, `only ${parsed.assertions} assertions`);
    const unasserted = [...grammarScopes(readJson(lang.grammar))].filter((s) => !parsed.required.has(s));
    assert.deepEqual(unasserted, [], 'grammar scopes that no assertion requires');
  });
}

// ------------------------------------------------------------------ the CLI run

test('vscode-tmgrammar-test passes on test/grammar with both grammars', () => {
  const { status, out } = runTool(
    LANGUAGES.map((l) => l.grammar),
    LANGUAGES.map((l) => l.testFile),
  );
  assert.equal(status, 0, out);
  assert.doesNotMatch(out, /ERROR|aborted|no test cases/, out);
  for (const l of LANGUAGES) assert.ok(out.includes(`${l.testFile} run successfuly`), `${l.testFile} was not run:\n${out}`);
});

for (const lang of LANGUAGES) {
  test(`a broken ${lang.id} grammar fails the grammar test (negative control)`, () => {
    const src = readFileSync(join(ROOT, lang.grammar), 'utf8');
    assert.ok(src.includes(`"${lang.canary}"`), `canary scope ${lang.canary} not in ${lang.grammar}`);
    const dir = mkdtempSync(join(tmpdir(), 'grammar-test-'));
    try {
      const broken = join(dir, 'broken.tmLanguage.json');
      writeFileSync(broken, src.split(`"${lang.canary}"`).join(`"${lang.canary}-broken"`));
      const { status, out } = runTool([broken], [lang.testFile]);
      assert.notEqual(status, 0, `the CLI accepted a broken grammar:\n${out}`);
      assert.match(out, new RegExp(`ERROR ${lang.testFile.replace(/\./g, '\\.')}:\\d+:\\d+:\\d+ Missing required scopes: \\[ ${lang.canary.replace(/\./g, '\\.')} \\]`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// ------------------------------------------------------------------ language configurations

function wordsOf(configuration: string, text: string): string[] {
  const wordPattern = readJson(configuration).wordPattern;
  assert.equal(typeof wordPattern, 'string', `${configuration} wordPattern`);
  return text.match(new RegExp(wordPattern as string, 'g')) ?? [];
}

test('mta-sts language configuration: no comments, host names are words', () => {
  const conf = readJson('syntaxes/mta-sts.language-configuration.json');
  assert.equal(conf.comments, undefined, 'policy files have no comment syntax');
  const words = wordsOf('syntaxes/mta-sts.language-configuration.json', 'mx: mail.example.com\nmx: *.mx.example.net\nmax_age: 604800\nx: _mta-sts');
  for (const w of ['mx', 'mail.example.com', '*.mx.example.net', 'max_age', '604800', '_mta-sts']) assert.ok(words.includes(w), `${w} not one word: ${JSON.stringify(words)}`);
});

test('dns-zone language configuration: ; comments, quotes and parens pair, names are words', () => {
  const conf = readJson('syntaxes/dns-zone.language-configuration.json');
  assert.deepEqual(conf.comments, { lineComment: ';' });
  assert.deepEqual(conf.brackets, [['(', ')']]);
  const pairs = (conf.autoClosingPairs as JsonObject[]).map((p) => `${String(p.open)}${String(p.close)}`);
  assert.deepEqual(pairs.sort(), ['""', '()']);
  const words = wordsOf(
    'syntaxes/dns-zone.language-configuration.json',
    '$ORIGIN example.com.\n_mta-sts IN TXT "v=STSv1; id=abc"\n_smtp._tls.example.com. TXT "v=TLSRPTv1; rua=mailto:r@mail.example.com"\n@ MX 10 mx-1.example.com.',
  );
  for (const w of ['$ORIGIN', 'example.com.', '_mta-sts', '_smtp._tls.example.com.', 'mail.example.com', 'STSv1', '@', 'mx-1.example.com.']) {
    assert.ok(words.includes(w), `${w} not one word: ${JSON.stringify(words)}`);
  }
  assert.ok(!words.includes('r@mail.example.com') && !words.includes('@mail'), 'an address @ is not the origin word');
});

// ------------------------------------------------------------------ snippets

const SNIPPET_VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '02',
  CURRENT_HOUR: '03',
  CURRENT_MINUTE: '04',
  CURRENT_SECOND: '05',
};

/** Expands a VS Code snippet body, taking choice number `pick` (clamped) of every choice. */
function expandSnippet(body: string, pick: number): string {
  let text = body;
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text
      .replace(/\$\{([A-Z_]+)\}|\$([A-Z_]+)/g, (m, a: string | undefined, b: string | undefined) => SNIPPET_VARIABLES[(a ?? b)!] ?? m)
      .replace(/\$\{\d+\|([^|}]*)\|\}/g, (_m, list: string) => {
        const options = list.split(',');
        return options[Math.min(pick, options.length - 1)]!;
      })
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  assert.ok(!/\$[{\d]/.test(text), `unexpanded snippet syntax in ${JSON.stringify(text)}`);
  return text;
}

/** Snippet name -> the document kind its expansion must lint cleanly as (undefined: a fragment). */
const SNIPPET_KINDS: Record<string, DocumentKind | undefined> = {
  'MTA-STS policy': 'policy',
  'mx line': undefined,
  'MTA-STS TXT record': 'zone',
  'TLS-RPT TXT record': 'zone',
  'MTA-STS TXT value': 'sts-record',
  'TLS-RPT TXT value': 'tlsrpt-record',
};

for (const lang of LANGUAGES) {
  test(`${lang.snippets}: well-formed, and each expansion lints without errors`, () => {
    const snippets = readJson(lang.snippets);
    assert.ok(Object.keys(snippets).length > 0);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s && typeof s === 'object' && !Array.isArray(s), name);
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && p.length > 0), `${name} prefix`);
      assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name} description`);
      const lines = Array.isArray(s.body) ? s.body : [s.body];
      assert.ok(lines.length > 0 && lines.every((l) => typeof l === 'string'), `${name} body`);
      assert.ok(name in SNIPPET_KINDS, `add ${name} to SNIPPET_KINDS`);
      const kind = SNIPPET_KINDS[name];
      if (!kind) continue;
      const body = (lines as string[]).join('\n');
      const choiceCount = Math.max(1, ...[...body.matchAll(/\$\{\d+\|([^|}]*)\|\}/g)].map((m) => m[1]!.split(',').length));
      for (let pick = 0; pick < choiceCount; pick++) {
        const text = expandSnippet(body, pick);
        const errors: Diagnostic[] = lint(text, kind).diagnostics.filter((d: Diagnostic) => d.severity === 'error');
        assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], `${name} expands to:\n${text}`);
      }
    }
  });
}

// ------------------------------------------------------------------ package.json wiring

const pkg = readJson('package.json');
const contributes = (pkg.contributes ?? {}) as JsonObject;
const wired = Array.isArray(contributes.grammars) && (contributes.grammars as JsonObject[]).some((g) => g.language === 'mta-sts');

test('package.json contributes the languages, grammars and snippets', { skip: wired ? false : 'package.json contributes not wired yet' }, () => {
  for (const lang of LANGUAGES) {
    const l = (contributes.languages as JsonObject[]).find((x) => x.id === lang.id);
    assert.ok(l, `language ${lang.id}`);
    assert.equal(String(l.configuration).replace(/^\.\//, ''), lang.configuration);
    const g = (contributes.grammars as JsonObject[]).find((x) => x.language === lang.id);
    assert.ok(g, `grammar for ${lang.id}`);
    assert.equal(g.scopeName, lang.scopeName);
    assert.equal(String(g.path).replace(/^\.\//, ''), lang.grammar);
    const s = ((contributes.snippets ?? []) as JsonObject[]).find((x) => x.language === lang.id);
    assert.ok(s, `snippets for ${lang.id}`);
    assert.equal(String(s.path).replace(/^\.\//, ''), lang.snippets);
    for (const p of [lang.configuration, lang.grammar, lang.snippets]) assert.ok(existsSync(join(ROOT, p)), p);
  }
});
