// Open documents: their kind and a cached lint result per version, so that nothing is
// recomputed for a document that did not change.
import { createLineIndex, isReportFileName, lint, looksLikeReport, type DocumentKind, type LineIndex, type LintOptions, type LintResult } from '../core/index';
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
  return null;
}

export interface Analysis {
  readonly version: number;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly index: LineIndex;
  readonly result: LintResult;
}

interface CacheEntry {
  readonly version: number;
  readonly stamp: number;
  /** Null for a document that is not ours (remembered too, so it is not re-examined per request). */
  readonly analysis: Analysis | null;
}

/**
 * One analysis per document version and settings. A document's kind depends only on its
 * language id (fixed until it is closed) and, for JSON, its content, so it is decided on a miss.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CacheEntry>();
  private stamp = 0;

  /** Forget every result (settings changed). */
  invalidateAll(): void {
    this.stamp++;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  get(doc: TextDocument, options: LintOptions): Analysis | null {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.stamp === this.stamp) return hit.analysis;
    const kind = kindOf(doc);
    let analysis: Analysis | null = null;
    if (kind) {
      const text = doc.getText();
      analysis = { version: doc.version, kind, text, index: createLineIndex(text), result: lint(text, kind, options) };
    }
    this.entries.set(doc.uri, { version: doc.version, stamp: this.stamp, analysis });
    return analysis;
  }
}
