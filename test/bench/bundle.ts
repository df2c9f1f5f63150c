// The core as it ships: bundled by esbuild with the options of esbuild.mjs into out/bench/, so
// that the benchmarks measure the code users run (one scope-hoisted file), not tsx's per-module
// transpilation with its cross-module export getters. Not a test.
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './inputs';

export type Core = typeof import('../../server/src/core/index');

let core: Core | null = null;

/** Bundles server/src/core/index.ts (minified, as --production does) and loads it. */
export function bundledCore(): Core {
  if (core) return core;
  const outfile = join(ROOT, 'out', 'bench', 'core.js');
  buildSync({ entryPoints: [join(ROOT, 'server', 'src', 'core', 'index.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' });
  core = createRequire(__filename)(outfile) as Core;
  return core;
}
