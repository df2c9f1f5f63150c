// The `mtaSts.checkDomain` server command: runs the live checker with work-done progress and
// cancellation and returns the report as JSON, so every LSP client can offer "Check domain".
import { readFile } from 'node:fs/promises';
import { ResponseError, ErrorCodes, LSPErrorCodes, type CancellationToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { checkDomain, createNodeEnv, type CheckOptions, type CheckReport } from '../check/index';
import type { CheckSettings } from './settings';

export const CHECK_DOMAIN = 'mtaSts.server.checkDomain';

/** Reads the CA files of the settings; unreadable files are reported by name. */
async function caCertificates(files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    try {
      out.push(await readFile(f, 'utf8'));
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `cannot read the CA file ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return out;
}

export async function runCheckCommand(args: readonly unknown[], settings: CheckSettings, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<CheckReport> {
  const [domain, overrides] = args as [unknown, Partial<CheckOptions> | undefined];
  if (typeof domain !== 'string' || domain.trim() === '') throw new ResponseError(ErrorCodes.InvalidParams, `${CHECK_DOMAIN} needs a domain as its first argument`);
  const options: CheckOptions = {
    timeoutMs: settings.timeoutMs,
    smtp: settings.smtp,
    maxMxProbes: settings.maxMxProbes,
    smtpConcurrency: settings.smtpConcurrency,
    dnsConcurrency: settings.dnsConcurrency,
    dnsServers: settings.dnsServers,
    caCertificates: await caCertificates(settings.caFiles),
    ...(settings.ehloName ? { ehloName: settings.ehloName } : {}),
    ...(settings.httpsPort ? { httpsPort: settings.httpsPort } : {}),
    ...(settings.smtpPort ? { smtpPort: settings.smtpPort } : {}),
    ...(overrides && typeof overrides === 'object' ? overrides : {}),
  };
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort(new Error('cancelled')));
  progress.begin(`Checking ${domain}`, 0, 'starting', true);
  try {
    return await checkDomain(domain, options, createNodeEnv(), { signal: abort.signal, onStep: (step) => progress.report(step) });
  } catch (e) {
    if (abort.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the check was cancelled');
    throw e;
  } finally {
    sub.dispose();
    progress.done();
  }
}
