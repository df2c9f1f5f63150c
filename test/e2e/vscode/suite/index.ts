// The extension-host side of the @vscode/test-electron run: a mocha runner (TDD interface) for
// extension.test.ts. VS Code calls run(). With MTA_STS_E2E_RESULTS set, it also writes the
// results there as JSON (the offline run in code-server reads them).
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import type { SuiteResult } from '../../support/suiteResult';

export function run(): Promise<void> {
  const resultsFile = process.env.MTA_STS_E2E_RESULTS;
  const mocha = new Mocha({ ui: 'tdd', color: !resultsFile, timeout: 60_000 });
  // Define suite()/test() globals, then load the tests (bundled, so required in place).
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  require('./extension.test');
  const results: SuiteResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, e: unknown) => results.push({ title: t.fullTitle(), state: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'skipped' }));
  });
}
