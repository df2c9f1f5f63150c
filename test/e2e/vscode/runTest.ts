// Runs the @vscode/test-electron suite in real VS Code builds: the minimum engines.vscode version
// (1.91.0) and the latest stable. It downloads them, so it runs where that is possible (not on the
// offline CI machine; the same scenarios run offline in code-server: npm run test:e2e).
// The sandbox mail domains run here, on loopback; the suite points the checker at them through
// the mtaSts.check.* settings. Run: npm run test:vscode (VSCODE_VERSIONS=1.91.0,stable to choose).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from '../support/demo';
import { BROKEN, HEALTHY, ROOT, startSandbox } from '../support/sandbox';
import { bundleVscodeSuite } from '../support/suiteBundle';

function versions(): string[] {
  if (process.env.VSCODE_VERSIONS) return process.env.VSCODE_VERSIONS.split(',').map((v) => v.trim());
  const engine = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } }).engines.vscode;
  return [engine.replace(/^[\^~>=]+/, ''), 'stable'];
}

async function main(): Promise<void> {
  // The suite runs inside VS Code's extension host: bundle it.
  const suite = await bundleVscodeSuite();
  const sandbox = await startSandbox();
  try {
    for (const version of versions()) {
      const base = mkdtempSync(join(tmpdir(), 'mta-sts-vscode-'));
      try {
        // The suite itself writes the mtaSts.check.* settings, so the workspace starts without them.
        const ws = prepareWorkspace(base, sandbox, false);
        process.stdout.write(`\n=== VS Code ${version}: ${ws.folder}\n`);
        await runTests({
          version,
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: suite,
          launchArgs: [ws.folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
          extensionTestsEnv: { MTA_STS_E2E: JSON.stringify({ settings: ws.settings, healthy: HEALTHY, broken: BROKEN }) },
        });
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`test:vscode failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
