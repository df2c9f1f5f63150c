// `npm run bench`: measures the linter against mailauth, scaling with input size, editor latency
// through the real language server, the live checker's critical path, and bundle sizes, and
// prints one markdown report. Never a test: the ratios are measured within one run.
// Usage: npm run bench -- [--only lint,scaling,editor,check,bundle,soak] [--passes N] [--minutes N] [--write]
//   --passes N  passes over the scaling table (default 3); each cell reports its lowest median.
//   --minutes N how long `soak` lints the all-wrong rows without a pause (default 10). `soak` runs
//               only when named in --only, and not with --write (docs/benchmarks.md keeps the default sections).
//   --write     replaces the generated part of docs/benchmarks.md with this run's results.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSizes } from '../test/bench/bundleSize';
import { checkPath } from '../test/bench/checkPath';
import { editorLatency } from '../test/bench/editorLatency';
import { lintThroughput } from '../test/bench/lintThroughput';
import { ROOT } from '../test/bench/inputs';
import { scaling, LIMIT_MS, PASSES } from '../test/bench/scaling';
import { soak } from '../test/bench/soak';

const SECTIONS = ['lint', 'scaling', 'editor', 'check', 'bundle'] as const;
/** Sections run only when named in --only (they take minutes). */
const OPT_IN = ['soak'] as const;
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // Not Linux: keep os.cpus()'s name.
  }
  const load = loadavg().map((x) => x.toFixed(2)).join(', ');
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version} (${process.platform}/${process.arch}); load average at the start: ${load}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, passes: { type: 'string' }, minutes: { type: 'string' }, write: { type: 'boolean' } } });
  const only = new Set<string>(values.only ? values.only.split(',') : SECTIONS);
  const known: readonly string[] = [...SECTIONS, ...OPT_IN];
  for (const s of only) if (!known.includes(s)) throw new Error(`unknown section ${s}; choose from ${known.join(', ')}`);
  if (values.write && only.has('soak')) throw new Error('--write takes the default sections; run soak on its own');
  const out: string[] = [`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`];
  const summary: string[] = [];
  const section = (title: string, body: string) => {
    out.push(`### ${title}\n\n${body}`);
    console.log(`\n### ${title}\n\n${body}`);
  };
  console.log(out[0]);
  // The language server and the CLI run from dist/: build it from the current sources.
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });

  if (only.has('lint')) {
    const r = lintThroughput();
    section('Lint throughput against mailauth 7.1.0 (`parsePolicy(text, { strict: true })`)', r.markdown);
    summary.push(`lint throughput: ${r.met ? 'all targets met' : 'a target missed'}`);
  }
  if (only.has('scaling')) {
    const passes = values.passes === undefined ? PASSES : Number(values.passes);
    if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes takes a whole number from 1 up, not ${values.passes}`);
    const r = scaling(passes);
    section(`Scaling (one lint call, CPU time; median of several runs, the lowest of ${passes} ${passes === 1 ? 'pass' : 'passes'}; limit ${LIMIT_MS} ms)`, r.markdown);
    summary.push(`scaling: ${r.linear ? 'linear' : 'NOT linear'}, ${r.bounded ? `every input under ${LIMIT_MS} ms` : `some inputs over ${LIMIT_MS} ms`}`);
  }
  if (only.has('soak')) {
    const minutes = values.minutes === undefined ? 10 : Number(values.minutes);
    if (!(minutes > 0)) throw new Error(`--minutes takes a number above 0, not ${values.minutes}`);
    const r = soak(minutes);
    section(`The all-wrong rows without a pause (limit ${LIMIT_MS} ms)`, r.markdown);
    summary.push(`soak: ${r.bounded ? `no window over ${LIMIT_MS} ms` : `windows over ${LIMIT_MS} ms`}, ${r.slowWindows} windows with a slow gauge`);
  }
  if (only.has('editor')) {
    const r = await editorLatency();
    section('Editor latency (the real server over stdio)', r.markdown);
    summary.push(`editor: ${r.met ? 'all targets met' : 'a target missed'}`);
  }
  if (only.has('check')) {
    const r = await checkPath();
    section('Live check critical path (loopback servers with injected delays)', r.markdown);
    summary.push(`check: ratio ${r.ratio.toFixed(2)} (${r.met ? 'met' : 'missed'})`);
  }
  if (only.has('bundle')) {
    section('Bundle sizes', bundleSizes().markdown);
  }
  out.push(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')}.`);
  console.log(`\nSummary: ${summary.join('; ')}`);
  if (values.write) {
    const path = join(ROOT, 'docs', 'benchmarks.md');
    const doc = readFileSync(path, 'utf8');
    const a = doc.indexOf(START);
    const b = doc.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${path} has no ${START} … ${END} block`);
    writeFileSync(path, `${doc.slice(0, a + START.length)}\n${out.join('\n\n')}\n${doc.slice(b)}`);
    console.log(`wrote ${path}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
