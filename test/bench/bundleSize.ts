// Bundle sizes of the production build (`node esbuild.mjs --production`) and of the .vsix
// (`vsce package --no-dependencies`), built in a scratch copy so that dist/ is left alone.
// Not a test.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fmt, table } from './harness';
import { ROOT } from './inputs';

export interface BundleResult {
  readonly files: { name: string; bytes: number; gzip: number }[];
  readonly markdown: string;
}

const kib = (n: number) => `${fmt(n / 1024, 1)} KiB`;

export function bundleSizes(): BundleResult {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-bundle-'));
  try {
    // esbuild.mjs builds from server/ and client/ into ./dist, relative to the working folder.
    for (const n of ['server', 'client', 'node_modules']) symlinkSync(join(ROOT, n), join(dir, n));
    cpSync(join(ROOT, 'esbuild.mjs'), join(dir, 'esbuild.mjs'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, stdio: 'pipe' });
    // vsce packages what .vscodeignore lets through: copy exactly those inputs next to the new dist/.
    for (const n of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'images', 'syntaxes', 'snippets']) {
      if (existsSync(join(ROOT, n))) cpSync(join(ROOT, n), join(dir, n), { recursive: true });
    }
    mkdirSync(join(dir, 'out'), { recursive: true });
    const vsix = join(dir, 'out', 'mta-sts-tools.vsix');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: dir, stdio: 'pipe' });
    const files = ['client.js', 'server.js', 'cli.js']
      .filter((n) => existsSync(join(dir, 'dist', n)))
      .map((n) => {
        const p = join(dir, 'dist', n);
        return { name: `dist/${n}`, bytes: statSync(p).size, gzip: gzipSync(readFileSync(p)).length };
      });
    files.push({ name: '.vsix', bytes: statSync(vsix).size, gzip: NaN });
    const maps = readdirSync(join(dir, 'dist')).filter((n) => n.endsWith('.map'));
    const markdown = table(['file (production build)', 'size', 'gzip'], files.map((f) => [f.name, kib(f.bytes), Number.isNaN(f.gzip) ? '(zip)' : kib(f.gzip)])) + (maps.length ? `\n\n(source maps: ${maps.join(', ')})` : '');
    return { files, markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
