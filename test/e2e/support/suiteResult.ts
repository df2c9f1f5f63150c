// The result file the @vscode/test-electron suite writes when MTA_STS_E2E_RESULTS names one.
export interface SuiteResult {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'skipped';
  readonly error?: string;
}
