// Runs every loopback scenario through checkDomain with the Node environment: the expected
// finding codes and verdict, the time limit, plain-JSON reports, no leaked sockets or timers,
// no unhandled rejections; then checks that every CHK rule is shown by its named scenario.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDomain, createNodeEnv, renderReportMarkdown, renderReportText, type CheckReport } from '../../server/src/check/index';
import { CHECK_RULES } from '../../server/src/core/rules/checkRules';
import { resourceCounts, trackRejections, waitForBaseline, type ResourceCounts } from './support/leaks';
import { IDN_SCENARIO, SCENARIOS, type Scenario } from './support/scenarios';
import { startWorld, type World } from './support/world';

const TIMEOUT = 1500;
const MARGIN = 800;
const ALL = [...SCENARIOS, IDN_SCENARIO];
const env = createNodeEnv({ hostName: 'checker.test' });
const produced = new Map<string, Set<string>>();
let world: World;
let baseline: ResourceCounts;
const rejections = trackRejections();

before(async () => {
  world = await startWorld(ALL);
  baseline = resourceCounts();
});
after(async () => {
  rejections.stop();
  await world?.close();
});

function summary(r: CheckReport): string {
  return `${r.verdict.kind}: ${r.findings.map((f) => `${f.severity} ${f.code} ${f.message}`).join('\n  ')}`;
}

async function run(s: Scenario): Promise<void> {
  const t0 = Date.now();
  const report = await checkDomain(s.input, world.optionsFor(s, TIMEOUT), env);
  const elapsed = Date.now() - t0;
  const codes = new Set(report.findings.map((f) => f.code));
  produced.set(s.name, codes);
  for (const c of s.expect) assert.ok(codes.has(c), `expected ${c}; got\n  ${summary(report)}`);
  for (const c of s.absent ?? []) assert.ok(!codes.has(c), `did not expect ${c}; got\n  ${summary(report)}`);
  if (s.clean) assert.deepEqual(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), [], summary(report));
  if (s.verdict) assert.equal(report.verdict.kind, s.verdict, summary(report));
  for (const [code, sev] of Object.entries(s.severities ?? {})) assert.ok(report.findings.some((f) => f.code === code && f.severity === sev), `${code} should be ${sev}`);
  s.verify?.(report);
  const text = renderReportText(report);
  const md = renderReportMarkdown(report);
  for (const f of report.findings) assert.ok(text.includes(f.code) && md.includes(f.code), `${f.code} missing from the renderings`);
  assert.ok(text.includes(report.verdict.title) && md.includes(report.verdict.title));
  assert.ok(elapsed < TIMEOUT + MARGIN, `took ${elapsed} ms; limit ${TIMEOUT} + ${MARGIN}`);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'the report is plain JSON data');
  const leak = await waitForBaseline(baseline);
  assert.equal(leak, null, `left open: ${leak}`);
  assert.deepEqual(rejections.list, [], 'unhandled rejections');
}

for (const s of ALL) test(`scenario ${s.name}`, () => run(s));

test('the IDN input is checked as A-labels', () => {
  assert.ok(produced.has(IDN_SCENARIO.name));
});

test('every CHK rule is produced by the scenario its docs name', () => {
  const missing: string[] = [];
  for (const r of CHECK_RULES) {
    assert.equal(r.examples.kind, 'check');
    assert.ok(r.examples.bad.length > 0, `${r.code} names no scenario`);
    for (const name of r.examples.bad) {
      if (!ALL.some((s) => s.name === name)) missing.push(`${r.code}: no scenario "${name}"`);
      else if (!produced.get(name)?.has(r.code)) missing.push(`${r.code}: scenario "${name}" did not produce it`);
    }
  }
  assert.deepEqual(missing, []);
});
