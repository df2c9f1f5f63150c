#!/usr/bin/env node
// Entry of the `mta-sts` command: dispatches subcommands and turns usage and input problems
// into one-line messages with exit status 2 (never a stack trace).
import { runCheck } from './checkCommand';
import { InputError, UsageError } from './files';
import { LINT_USAGE, runLint, type Io } from './lintCommand';
import { REPORT_USAGE, runReport } from './reportCommand';

const USAGE = `Usage: mta-sts <command> [options]

Commands:
  lint     Lint MTA-STS policy files, TXT records and zone files
  check    Check the live MTA-STS and TLS-RPT deployment of domains (DNS, HTTPS, SMTP)
  report   Summarise TLS-RPT reports (.json, .json.gz, or folders of them)

Run "mta-sts <command> --help" for the options of a command.`;

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;
const COMMANDS: Record<string, Command> = { lint: runLint, check: runCheck, report: runReport };

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version') {
    io.out(process.env.MTA_STS_VERSION ?? 'dev');
    return 0;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.err(`mta-sts: unknown command "${cmd}"\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError && cmd === 'check') {
      io.err(`mta-sts check: ${e.message} (see "mta-sts check --help")`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`mta-sts ${cmd}: ${e.message}\n${cmd === 'lint' ? LINT_USAGE : cmd === 'report' ? REPORT_USAGE : ''}`.trimEnd());
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`mta-sts: ${e.message}`);
      return 2;
    }
    io.err(`mta-sts: internal error: ${(e as Error).message}`);
    return 2;
  }
}

const io: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

/** Runs the CLI with the process's arguments and sets its exit code. */
export function runCli(): void {
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runCli();
