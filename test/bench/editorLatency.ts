// Editor latency through the real language server over stdio (dist/server.js): didChange to
// publishDiagnostics over a 200-edit typing burst on a 64 KiB policy, server start to first
// diagnostics, and the server's resident memory after opening 1,000 policy documents
// (VmRSS from /proc/<pid>/status). Not a test.
import { readFileSync } from 'node:fs';
import { LspClient } from '../support/lspClient';
import { fmt, median, percentile, table, verdict } from './harness';
import { corpusPolicies, policyOfSize } from './inputs';

export interface EditorResult {
  readonly startMs: number;
  readonly editMedian: number;
  readonly editP99: number;
  /** p99 without the first 10 edits, which run before the JIT has compiled the linter. */
  readonly warmP99: number;
  /** The server's CPU time per edit over the burst. */
  readonly cpuPerEdit: number;
  readonly rssMb: number;
  readonly markdown: string;
  readonly met: boolean;
}

/** User + system CPU time of a process, in ms (from /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Process start to the first diagnostics of a small policy (initialize, initialized, didOpen). */
async function startToFirstDiagnostics(): Promise<number> {
  const t0 = performance.now();
  const c = new LspClient();
  try {
    await c.initialize();
    const uri = 'file:///bench/start/mta-sts.txt';
    await c.open(uri, 'mta-sts', 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n');
    await c.diagnostics(uri, () => true, 10_000);
    return performance.now() - t0;
  } finally {
    await c.stop();
  }
}

/** Types 200 characters into a 64 KiB policy, one didChange each, waiting for each version's diagnostics. */
async function typingBurst(c: LspClient): Promise<number[]> {
  const uri = 'file:///bench/typing/mta-sts.txt';
  const text = policyOfSize(64 * 1024);
  await c.open(uri, 'mta-sts', text, 1);
  await c.diagnostics(uri, (d) => d.version === 1, 10_000);
  // Typing happens in the middle of the file: a new mx line after line 1000.
  const line = 1000;
  const typed = 'mx: typed-host-0.mail.example.com\n';
  const times: number[] = [];
  let col = 0;
  let row = line;
  for (let i = 0; i < 200; i++) {
    const ch = typed[i % typed.length]!;
    const version = i + 2;
    const t0 = performance.now();
    const got = c.diagnostics(uri, (d) => d.version === version, 10_000);
    await c.change(uri, version, [{ range: { start: { line: row, character: col }, end: { line: row, character: col } }, text: ch }]);
    await got;
    times.push(performance.now() - t0);
    if (ch === '\n') {
      row++;
      col = 0;
    } else col++;
  }
  return times;
}

/** Opens 1,000 policy documents (the corpus, cycled), waits for all their diagnostics, reads VmRSS. */
async function memoryAfterOpening(c: LspClient, n = 1000): Promise<number> {
  const policies = corpusPolicies();
  const texts = policies.length ? policies : [policyOfSize(1024)];
  const waits: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const uri = `file:///bench/many/${i}/mta-sts.txt`;
    await c.open(uri, 'mta-sts', texts[i % texts.length]!);
    waits.push(c.diagnostics(uri, () => true, 60_000));
  }
  await Promise.all(waits);
  return settledRssMb(c.proc.pid!);
}

/**
 * The server's RSS once it has stopped moving (coalesced validations and idle work finish after
 * the last diagnostics): read every 100 ms until two reads are within 1 MB, at most 3 s.
 */
async function settledRssMb(pid: number): Promise<number> {
  let last = rssMb(pid);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = rssMb(pid);
    if (Math.abs(now - last) < 1) return now;
    last = now;
  }
  return last;
}

export async function editorLatency(): Promise<EditorResult> {
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await startToFirstDiagnostics());
  const c = new LspClient();
  let times: number[];
  let rss: number;
  let cpuPerEdit: number;
  try {
    await c.initialize();
    const cpu0 = cpuOf(c.proc.pid!);
    times = await typingBurst(c);
    cpuPerEdit = (cpuOf(c.proc.pid!) - cpu0) / times.length;
    rss = await memoryAfterOpening(c);
  } finally {
    await c.stop();
  }
  const startMs = median(starts);
  const editMedian = median(times);
  const editP99 = percentile(times, 99);
  const warmP99 = percentile(times.slice(10), 99);
  const met = startMs <= 300 && editMedian <= 10 && editP99 <= 30 && rss < 150;
  const markdown = table(['measure', 'result', 'target', ''], [
    ['didChange → publishDiagnostics, 64 KiB policy, 200 edits: median', `${fmt(editMedian, 1)} ms`, '≤ 10 ms', verdict(editMedian <= 10)],
    ['didChange → publishDiagnostics, 64 KiB policy, 200 edits: p99', `${fmt(editP99, 1)} ms`, '≤ 30 ms', verdict(editP99 <= 30)],
    ['… p99 without the first 10 edits (JIT warm-up)', `${fmt(warmP99, 1)} ms`, '', ''],
    ['… server CPU time per edit (mean, /proc/<pid>/stat)', `${fmt(cpuPerEdit, 1)} ms`, '', ''],
    ['server start → first diagnostics (median of 5)', `${fmt(startMs)} ms`, '≤ 300 ms', verdict(startMs <= 300)],
    ['resident memory after opening 1,000 policies (VmRSS)', `${fmt(rss)} MB`, '< 150 MB', verdict(rss < 150)],
  ]);
  return { startMs, editMedian, editP99, warmP99, cpuPerEdit, rssMb: rss, markdown, met };
}
