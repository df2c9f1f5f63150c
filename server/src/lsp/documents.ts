// Open documents: their kind and a cached lint result per version, so that nothing is
// recomputed for a document that did not change.
import { createLineIndex, detectKind, isReportFileName, lint, looksLikeReport, type DocumentKind, type LineIndex, type LintOptions, type LintResult } from '../core/index';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Language ids the server handles, and the kind of each. Zone-file ids of popular extensions included. */
export const LANGUAGE_KINDS: Readonly<Record<string, DocumentKind>> = {
  'mta-sts': 'policy',
  'dns-zone': 'zone',
  zone: 'zone',
  zonefile: 'zone',
  'zone-file': 'zone',
  dns: 'zone',
  bind: 'zone',
  bindzone: 'zone',
  'mta-sts-record': 'sts-record',
  'tlsrpt-record': 'tlsrpt-record',
  'tlsrpt-report': 'tlsrpt-report',
};

/** JSON documents are ours only when their content is a TLS-RPT report. */
const JSON_IDS = new Set(['json', 'jsonc']);

export function kindOf(doc: TextDocument): DocumentKind | null {
  const k = LANGUAGE_KINDS[doc.languageId];
  if (k) return k;
  const path = decodeURIComponent(doc.uri);
  if (JSON_IDS.has(doc.languageId) || /\.json$/i.test(path)) {
    const name = path.split('/').pop() ?? '';
    return isReportFileName(name) || looksLikeReport(doc.getText()) ? 'tlsrpt-report' : null;
  }
  if (/(^|\/)mta-sts\.txt$/i.test(path)) return 'policy';
  if (/\.zone$/i.test(path) || /(^|\/)db\.[^/]+$/i.test(path)) return 'zone';
  if (doc.languageId === 'plaintext' || doc.languageId === 'text') return null;
  return null;
}

export interface Analysis {
  readonly version: number;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly index: LineIndex;
  readonly result: LintResult;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();
  private optionsStamp = 0;
  private readonly stamps = new Map<string, number>();

  /** Forget every result (settings changed). */
  invalidateAll(): void {
    this.optionsStamp++;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.stamps.delete(uri);
  }

  get(doc: TextDocument, options: LintOptions): Analysis | null {
    const kind = kindOf(doc);
    if (!kind) return null;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.kind === kind && this.stamps.get(doc.uri) === this.optionsStamp) return hit;
    const text = doc.getText();
    const a: Analysis = { version: doc.version, kind, text, index: createLineIndex(text), result: lint(text, kind, options) };
    this.entries.set(doc.uri, a);
    this.stamps.set(doc.uri, this.optionsStamp);
    return a;
  }
}

export { detectKind };
