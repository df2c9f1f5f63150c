// `npm run bench:ab -- [<git ref>] [--rounds N] [--processes N] [kind:input ...]`: the linter at an earlier commit
// (default HEAD) against the working tree, alternating in one process on the same inputs, so that
// the machine's drift between two separate runs does not decide whether a change helped.
// Inputs are `kind:size` (the generated 1 MiB document of that kind), `kind:readme` (the README
// policy), `kind:mx40` (the 40-mx policy) or `kind:<start of a pathological input's name>`; by
// default every kind at 1 MiB and the README policy. Not a test.
//
// `--processes N`: each side in N fresh processes that lint only the input (`--warm`, default
// 10, then the median of `--rounds`, default 31), taken in turn; the in-process A/B lets one
// side's allocation move the other's times.
// `--instructions`: instead of CPU time, the instructions each lint executes, counted by valgrind
// (cachegrind, no cache simulation) with V8 single-threaded and its hash and random seeds fixed:
// two identical builds count within 0.1% (1–7% apart with random seeds), where CPU time on a
// shared machine drifts by 10% or more. Each side
// runs in its own process, once with W lints and once with W + N (`--warm`, default 1;
// `--rounds`, default 4); the difference over N is the count per lint. With W = 1 the count
// includes the JIT's warm-up in the next few lints (optimizing compiles run on the main thread
// here); `--warm 10` counts the steady state, which is what the scaling table's median of 11
// lints measures (the 2nd and 3rd lint of a 1 MiB zone cost 2.5× and 1.8× as much). Slow
// (about half a minute per process); needs valgrind (`apt-get install valgrind`). Instructions are
// not time (cache misses and the GC's helper threads are not in them), so a change that moves the
// count should still be confirmed in CPU time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { DocumentKind } from '../server/src/core/index';
import { cpuMs, fmt, median, table } from '../test/bench/harness';
import { KINDS, README_POLICY, ROOT, documentOfSize, pathological, policyWithMx } from '../test/bench/inputs';

type Core = typeof import('../server/src/core/index');

function bundle(entry: string, outfile: string): Core {
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' });
  return createRequire(__filename)(outfile) as Core;
}

/** The core as it was at `ref`, bundled and loaded. */
function coreAt(ref: string, dir: string): Core {
  return createRequire(__filename)(coreFileAt(ref, dir)) as Core;
}

function coreFileAt(ref: string, dir: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const src = join(dir, sha);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', sha, 'server/src/core'], { cwd: ROOT, maxBuffer: 64 << 20 });
  execFileSync('tar', ['-x', '-C', src], { input: tar });
  const out = join(dir, `core-${sha}.js`);
  bundle(join(src, 'server', 'src', 'core', 'index.ts'), out);
  return out;
}

/** The bundled core files of both sides: at `ref`, and of the working tree. */
function coreFilesAB(ref: string, dir: string): [string, string] {
  const before = coreFileAt(ref, dir);
  const after = join(dir, 'core-worktree.js');
  bundle(join(ROOT, 'server', 'src', 'core', 'index.ts'), after);
  return [before, after];
}

/** A time per lint: µs below a millisecond. */
function showMs(ms: number): string {
  return ms < 1 ? `${fmt(ms * 1000, 2)} µs` : `${fmt(ms, 1)} ms`;
}

/** Instructions of one process that loads `core` and lints the input `n` times (valgrind). */
function instructions(core: string, inputFile: string, kind: DocumentKind, n: number, runner: string): number {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1', runner, core, inputFile, kind, String(n)], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.error) throw new Error((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'valgrind is not installed (apt-get install valgrind)' : r.error.message);
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`valgrind failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The --instructions mode: per-lint instruction counts of the core at `ref` and of the working tree. */
function instructionRows(ref: string, inputs: readonly { label: string; kind: DocumentKind; text: string }[], rounds: number, warm: number, dir: string): string[][] {
  const [before, after] = coreFilesAB(ref, dir);
  const runner = join(dir, 'ir-runner.js');
  writeFileSync(runner, "const c = require(process.argv[2]); const t = require('fs').readFileSync(process.argv[3], 'utf8'); for (let i = 0; i < Number(process.argv[5]); i++) c.lint(t, process.argv[4]);\n");
  return inputs.map((input, i) => {
    const file = join(dir, `input-${i}.txt`);
    writeFileSync(file, input.text);
    const perLint = (core: string) => (instructions(core, file, input.kind, warm + rounds, runner) - instructions(core, file, input.kind, warm, runner)) / rounds;
    const a = perLint(before);
    const b = perLint(after);
    return [input.label, `${fmt(a / 1e6, 1)} M`, `${fmt(b / 1e6, 1)} M`, fmt(b / a, 3)];
  });
}

/**
 * The --processes mode: each side in fresh processes that lint only this input (`warm` lints,
 * then the median CPU time of `rounds`), `n` processes a side taken in turn. Two cores loaded in
 * one process share its heap and garbage collector, so a change in what one allocates moves the
 * other's times (the README policy at 1.25× and 1.04× in two in-process runs of a change that
 * never reaches it); here each side has a process of its own.
 */
function processRows(ref: string, inputs: readonly { label: string; kind: DocumentKind; text: string }[], n: number, warm: number, rounds: number, dir: string): string[][] {
  const [before, after] = coreFilesAB(ref, dir);
  const runner = join(dir, 'time-runner.js');
  writeFileSync(
    runner,
    [
      "const [core, file, kind, warm, rounds] = process.argv.slice(2); const c = require(core); const t = require('fs').readFileSync(file, 'utf8');",
      'const batch = t.length < 20000 ? 500 : 1; const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };',
      'for (let i = 0; i < Number(warm) * batch; i++) c.lint(t, kind);',
      'const ts = []; for (let r = 0; r < Number(rounds); r++) { const t0 = cpu(); for (let k = 0; k < batch; k++) c.lint(t, kind); ts.push((cpu() - t0) / batch); }',
      'ts.sort((a, b) => a - b); console.log(ts[ts.length >> 1]);',
    ].join('\n') + '\n',
  );
  return inputs.map((input, i) => {
    const file = join(dir, `input-${i}.txt`);
    writeFileSync(file, input.text);
    const once = (core: string) => Number(execFileSync(process.execPath, [runner, core, file, input.kind, String(warm), String(rounds)], { encoding: 'utf8' }).trim());
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < n; k++) {
      if (k % 2) {
        a.push(once(before));
        b.push(once(after));
      } else {
        b.push(once(after));
        a.push(once(before));
      }
    }
    const list = (xs: number[]) => xs.map((x) => fmt(x < 1 ? x * 1000 : x, x < 1 ? 2 : 1)).join(' ');
    return [input.label, `${showMs(median(a))} (${list(a)})`, `${showMs(median(b))} (${list(b)})`, fmt(median(b) / median(a), 3)];
  });
}

function inputOf(spec: string): { label: string; kind: DocumentKind; text: string } {
  const [kind, ...rest] = spec.split(':');
  const what = rest.join(':');
  if (!KINDS.includes(kind as DocumentKind)) throw new Error(`unknown kind in "${spec}" (one of ${KINDS.join(', ')})`);
  if (what === 'size') return { label: `${kind}, 1 MiB`, kind: kind as DocumentKind, text: documentOfSize(kind as DocumentKind, 1 << 20) };
  if (what === 'readme') return { label: `${kind}, README policy`, kind: kind as DocumentKind, text: README_POLICY };
  if (what === 'mx40') return { label: `${kind}, 40-mx policy`, kind: kind as DocumentKind, text: policyWithMx(40) };
  const p = pathological().find((x) => x.name.startsWith(what));
  if (!p) throw new Error(`no pathological input starts with "${what}"`);
  return { label: `${kind}, ${p.name}`, kind: kind as DocumentKind, text: p.text };
}

function main(): void {
  const args = process.argv.slice(2);
  let rounds = 0;
  let counting = false;
  let processes = 0;
  let warm = 0;
  const specs: string[] = [];
  let ref = 'HEAD';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--rounds') rounds = Math.max(1, Number(args[++i]) || 0);
    else if (a === '--instructions') counting = true;
    else if (a === '--warm') warm = Math.max(1, Math.floor(Number(args[++i])) || 1);
    else if (a === '--processes') processes = Math.max(1, Math.floor(Number(args[++i])) || 1);
    else if (a.includes(':')) specs.push(a);
    else ref = a;
  }
  const inputs = (specs.length ? specs : [...KINDS.map((k) => `${k}:size`), 'policy:readme']).map(inputOf);
  const dir = join(ROOT, 'out', 'bench-ab');
  mkdirSync(dir, { recursive: true });
  if (counting) {
    const n = rounds || 4;
    warm ||= 1;
    const rows = instructionRows(ref, inputs, n, warm, dir);
    console.log(`A/B: instructions per lint (valgrind), the core at ${ref} against the working tree; ${warm} + ${n} lints less ${warm}, over ${n}\n`);
    console.log(table(['input', ref, 'working tree', 'working tree ÷ ref'], rows));
    return;
  }
  if (processes) {
    rounds ||= 31;
    warm ||= 10;
    const rows = processRows(ref, inputs, processes, warm, rounds, dir);
    console.log(`A/B: the core at ${ref} against the working tree; ${processes} fresh processes a side, in turn, each ${warm} lints and then the median CPU time of ${rounds} (the processes' medians in brackets; µs below 1 ms)\n`);
    console.log(table(['input', ref, 'working tree', 'working tree ÷ ref'], rows));
    return;
  }
  rounds = Math.max(3, rounds || 20);
  const before = coreAt(ref, dir);
  const after = bundle(join(ROOT, 'server', 'src', 'core', 'index.ts'), join(dir, 'core-worktree.js'));
  const rows: string[][] = [];
  for (const input of inputs) {
    // Small inputs are timed in batches so that one sample is at least about a millisecond.
    const batch = input.text.length < 20_000 ? 500 : 1;
    const time = (core: Core) => {
      const t0 = cpuMs();
      for (let k = 0; k < batch; k++) core.lint(input.text, input.kind);
      return (cpuMs() - t0) / batch;
    };
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < rounds + 2; r++) {
      // Alternating which goes first, after two warm-up rounds.
      let x: number;
      let y: number;
      if (r % 2) {
        x = time(before);
        y = time(after);
      } else {
        y = time(after);
        x = time(before);
      }
      if (r >= 2) {
        a.push(x);
        b.push(y);
      }
    }
    const ma = median(a);
    const mb = median(b);
    rows.push([input.label, showMs(ma), showMs(mb), `${fmt(mb / ma, 2)}`]);
  }
  console.log(`A/B: the core at ${ref} against the working tree; median CPU time of ${rounds} alternating rounds\n`);
  console.log(table(['input', ref, 'working tree', 'working tree ÷ ref'], rows));
}

try {
  main();
} catch (e) {
  console.error(`bench:ab: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  process.exit(2);
}
