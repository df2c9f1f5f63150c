// `npm run bench:ab -- [<git ref>] [--rounds N] [kind:input ...]`: the linter at an earlier commit
// (default HEAD) against the working tree, alternating in one process on the same inputs, so that
// the machine's drift between two separate runs does not decide whether a change helped.
// Inputs are `kind:size` (the generated 1 MiB document of that kind) or `kind:<start of a
// pathological input's name>`; by default every kind at 1 MiB and the README policy. Not a test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { DocumentKind } from '../server/src/core/index';
import { cpuMs, fmt, median, table } from '../test/bench/harness';
import { KINDS, README_POLICY, ROOT, documentOfSize, pathological } from '../test/bench/inputs';

type Core = typeof import('../server/src/core/index');

function bundle(entry: string, outfile: string): Core {
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' });
  return createRequire(__filename)(outfile) as Core;
}

/** The core as it was at `ref`, bundled. */
function coreAt(ref: string, dir: string): Core {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const src = join(dir, sha);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', sha, 'server/src/core'], { cwd: ROOT, maxBuffer: 64 << 20 });
  execFileSync('tar', ['-x', '-C', src], { input: tar });
  return bundle(join(src, 'server', 'src', 'core', 'index.ts'), join(dir, `core-${sha}.js`));
}

function inputOf(spec: string): { label: string; kind: DocumentKind; text: string } {
  const [kind, ...rest] = spec.split(':');
  const what = rest.join(':');
  if (!KINDS.includes(kind as DocumentKind)) throw new Error(`unknown kind in "${spec}" (one of ${KINDS.join(', ')})`);
  if (what === 'size') return { label: `${kind}, 1 MiB`, kind: kind as DocumentKind, text: documentOfSize(kind as DocumentKind, 1 << 20) };
  if (what === 'readme') return { label: `${kind}, README policy`, kind: kind as DocumentKind, text: README_POLICY };
  const p = pathological().find((x) => x.name.startsWith(what));
  if (!p) throw new Error(`no pathological input starts with "${what}"`);
  return { label: `${kind}, ${p.name}`, kind: kind as DocumentKind, text: p.text };
}

function main(): void {
  const args = process.argv.slice(2);
  let rounds = 20;
  const specs: string[] = [];
  let ref = 'HEAD';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--rounds') rounds = Math.max(3, Number(args[++i]) || rounds);
    else if (a.includes(':')) specs.push(a);
    else ref = a;
  }
  const inputs = (specs.length ? specs : [...KINDS.map((k) => `${k}:size`), 'policy:readme']).map(inputOf);
  const dir = join(ROOT, 'out', 'bench-ab');
  mkdirSync(dir, { recursive: true });
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
    const show = (ms: number) => (ms < 1 ? `${fmt(ms * 1000, 2)} µs` : `${fmt(ms, 1)} ms`);
    rows.push([input.label, show(ma), show(mb), `${fmt(mb / ma, 2)}`]);
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
