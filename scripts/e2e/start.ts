// `npm start`: the live demo. Builds the extension, installs code-server once (cached in
// ~/.cache/mta-sts-e2e), serves sandbox mail domains on loopback and opens a copy of examples/
// in code-server with the extension installed. Runs until Ctrl-C (SIGINT) or SIGTERM.
// Options: --port N (default 8080, or $PORT), --smoke (start, check that the page is served, stop).
// It listens on 127.0.0.1 only: code-server runs with --auth none.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureCodeServer } from './installCodeServer';
import { startDemo } from '../../test/e2e/support/demo';
import { ROOT } from '../../test/e2e/support/sandbox';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The preferred port when it is free, else 0 (code-server then picks one). */
function portOrAny(host: string, port: number): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(0));
    s.listen(port, host, () => s.close(() => resolve(port)));
  });
}

function step(msg: string): void {
  process.stdout.write(`• ${msg}\n`);
}

function build(): void {
  step('building the extension (npm run package)…');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error('npm run package failed');
  }
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const host = '127.0.0.1';
  const wanted = Number(arg('--port') ?? process.env.PORT ?? 8080);
  build();
  step('code-server 4.100.3 (installed once into ~/.cache/mta-sts-e2e; the first time takes a few minutes)…');
  const entry = ensureCodeServer();
  step('starting the sandbox domains and code-server…');
  const demo = await startDemo({ codeServerEntry: entry, host, port: await portOrAny(host, wanted) });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the demo…\n');
    await demo.close();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(0));
  const s = demo.settings;
  process.stdout.write(
    [
      '',
      'MTA-STS demo is running. Open this in a browser:',
      '',
      `    ${demo.url}`,
      '',
      `Workspace: ${demo.folder} (a fresh copy of examples/)`,
      'Sandbox mail domains on 127.0.0.1, wired in through the workspace settings (.vscode/settings.json):',
      ...demo.sandbox.domains.map((d) => `    ${d.domain.padEnd(16)} ${d.about}`),
      `    DNS ${String((s['mtaSts.check.dnsServers'] as string[])[0])}, HTTPS port ${String(s['mtaSts.check.httpsPort'])}, SMTP port ${String(s['mtaSts.check.smtpPort'])}, CA ${demo.caFile}`,
      'Try: open mta-sts.example.com/.well-known/mta-sts.txt, then "MTA-STS: Check Domain…" from the',
      'Command Palette (F1) or the shield button in the editor title. Nothing leaves this machine.',
      '',
      smoke ? '' : 'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  if (smoke) {
    const res = await fetch(demo.url);
    const html = await res.text();
    const ok = res.ok && html.includes('workbench');
    process.stdout.write(`smoke: GET ${demo.url} → ${res.status}${ok ? ', workbench page served' : ''}\n`);
    await stop(ok ? 0 : 1);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
