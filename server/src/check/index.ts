// Public API of the live domain checker, for the CLI, the language server and the VS Code
// client. Re-exports only; the Node environment lives in ./node.
export { checkDomain, type CheckHooks } from './checkDomain';
export { parseDomainInput, type DomainInput } from './domainInput';
export { CHECK_LIMITS, parseDnsServer } from './context';
export { renderReportText, findingText, countText } from './renderText';
export { renderReportMarkdown } from './renderMarkdown';
export type * from './types';
export type { CheckEnv, Conn, DnsQuery, DnsResponse, DnsRecord, TlsInfo } from './env';
export { createNodeEnv, type NodeEnvOptions } from './node/env';
