// Installs code-server (a VS Code OSS build on npm) outside the project's dependencies and
// caches it in ~/.cache/mta-sts-e2e, for the editor e2e run and the `npm start` demo.
// Offline apart from the npm registry: @vscode/ripgrep's download is served from Debian's `rg`.
// Usage: npx tsx scripts/e2e/installCodeServer.ts   (prints the code-server entry point)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, arch } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot(): string {
  return process.env.MTA_STS_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mta-sts-e2e');
}

export function codeServerDir(): string {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The Node entry point of the cached code-server (run it with `node`). */
export function codeServerEntry(dir = codeServerDir()): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

const MARKER = '.installed';

function log(msg: string): void {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** `npm pack` a package into `dir`; returns the tarball's path. */
function npmPack(spec: string, dir: string): string {
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return join(dir, out.trim().split('\n').pop()!);
}

function readFromTarball(tgz: string, file: string): string {
  return execFileSync('tar', ['-xzOf', tgz, `package/${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/**
 * @vscode/ripgrep's postinstall downloads a prebuilt rg from GitHub; it first looks in
 * <tmpdir>/vscode-ripgrep-cache-<pkgversion>/ripgrep-<VERSION>-<target>.tar.gz. Put Debian's
 * rg there, with the versions read from code-server's own tree.
 */
function seedRipgrep(codeServerTgz: string, work: string): void {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const shrink: { packages?: Record<string, { version?: string }> } = JSON.parse(readFromTarball(codeServerTgz, 'lib/vscode/npm-shrinkwrap.json'));
  const pkgVersion = shrink.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!pkgVersion) throw new Error('no @vscode/ripgrep in code-server/lib/vscode/npm-shrinkwrap.json');
  const rgTgz = npmPack(`@vscode/ripgrep@${pkgVersion}`, work);
  const post = readFromTarball(rgTgz, 'lib/postinstall.js');
  const version = /const VERSION = '([^']+)'/.exec(post)?.[1];
  if (!version) throw new Error('cannot read VERSION from @vscode/ripgrep/lib/postinstall.js');
  const target = arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${pkgVersion}`);
  const asset = join(cacheDir, `ripgrep-${version}-${target}.tar.gz`);
  mkdirSync(cacheDir, { recursive: true });
  const stage = join(work, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  copyFileSync(rg, join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', asset, '-C', stage, 'rg']);
  log(`seeded ${asset} with ${rg}`);
}

/** Installed, by a Node.js with this one's native-module ABI (code-server's addons are built for it). */
export function isInstalled(dir = codeServerDir()): boolean {
  if (!existsSync(join(dir, MARKER)) || !existsSync(codeServerEntry(dir))) return false;
  try {
    return (JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { nodeAbi?: string }).nodeAbi === process.versions.modules;
  } catch {
    return false;
  }
}

/** Removes half-finished installs left by runs that were killed. */
function removeStalePartials(): void {
  const prefix = `code-server-${CODE_SERVER_VERSION}.partial-`;
  for (const name of readdirSync(cacheRoot())) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      // No such process.
    }
    if (!alive) rmSync(join(cacheRoot(), name), { recursive: true, force: true });
  }
}

/** Installs code-server unless the cache already holds it; returns its entry point. */
export function ensureCodeServer(): string {
  const dir = codeServerDir();
  if (isInstalled(dir)) return codeServerEntry(dir);
  if (process.platform !== 'linux') throw new Error('the code-server install script supports Linux only');
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node.js 20; this is ${process.version}`);
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only; a few minutes: it builds native modules)`);
  mkdirSync(cacheRoot(), { recursive: true });
  removeStalePartials();
  const work = mkdtempSync(join(tmpdir(), 'mta-sts-code-server-'));
  const stage = `${dir}.partial-${process.pid}`;
  try {
    const tgz = npmPack(`code-server@${CODE_SERVER_VERSION}`, work);
    seedRipgrep(tgz, work);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'mta-sts-e2e-code-server', private: true }, null, 2) + '\n');
    const env = { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const quiet = process.env.CI ? ['--loglevel', 'error'] : [];
    const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', ...quiet, tgz], { cwd: stage, env, stdio: ['ignore', process.env.CI ? 'ignore' : 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm install code-server failed (exit ${r.status}); see the output above. It needs g++, make, python3 and libkrb5-dev.`);
    const installedVersion = JSON.parse(readFileSync(join(stage, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
    if (installedVersion !== CODE_SERVER_VERSION) throw new Error(`installed code-server ${installedVersion}, expected ${CODE_SERVER_VERSION}`);
    if (!existsSync(join(stage, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) throw new Error('code-server installed without ripgrep');
    writeFileSync(join(stage, MARKER), JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), node: process.version, nodeAbi: process.versions.modules }) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(stage, dir);
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
  }
  return codeServerEntry(dir);
}

if (require.main === module) {
  try {
    console.log(ensureCodeServer());
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
