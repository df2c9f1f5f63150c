// Bundles the @vscode/test-electron suite (test/e2e/vscode/suite) for an extension host: one CommonJS
// file, with `vscode` and `mocha` left to the host and node_modules. Used by test:vscode and by
// the offline run of the same suite in code-server.
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './sandbox';

export const SUITE_BUNDLE = join(ROOT, 'out', 'e2e-vscode', 'suite', 'index.js');

export async function bundleVscodeSuite(): Promise<string> {
  await build({
    entryPoints: [join(ROOT, 'test', 'e2e', 'vscode', 'suite', 'index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}
