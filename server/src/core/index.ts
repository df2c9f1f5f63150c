// Public surface of the pure language core, for the CLI, the language server and the checker.
// Pure: imports only from inside the core.
export * from './text/span';
export * from './text/lineIndex';
export * from './syntax/policyFile';
export * from './syntax/tagRecord';
export * from './syntax/zoneFile';
export * from './model/policy';
export * from './model/zone';
export * from './mx';
export * from './rules/types';
export * from './rules/catalog';
export * from './lint';
export { humanDuration } from './rules/policyFields';
export { toALabels, punycodeEncode } from './text/punycode';
export { renderRulesDoc } from './rules/rulesDoc';
export * from './ide/completion';
export * from './ide/hover';
export * from './ide/symbols';
export { timestampId, mxReach } from './ide/specText';
export * from './ide/format';
export * from './workspace';
export * from './ide/rollout';
