// Architecture invariant: server/src/core imports nothing outside itself (no node:*, vscode,
// vscode-languageserver*, or any package).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core');

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('the core imports only from inside the core', () => {
  const bad: string[] = [];
  for (const f of files(CORE)) {
    const src = readFileSync(f, 'utf8');
    const specs = [...src.matchAll(/(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    for (const s of specs) {
      const inside = s.startsWith('.') && !relative(CORE, resolve(dirname(f), s)).startsWith('..');
      if (!inside) bad.push(`${relative(CORE, f)} imports ${s}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the core uses no Node globals', () => {
  const bad: string[] = [];
  for (const f of files(CORE)) {
    const src = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
    for (const g of ['Buffer', 'process.', '__dirname', 'setTimeout', 'globalThis.require']) if (src.includes(g)) bad.push(`${relative(CORE, f)} uses ${g}`);
  }
  assert.deepEqual(bad, []);
});
