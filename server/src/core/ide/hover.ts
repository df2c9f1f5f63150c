// Hover text for policy fields, TXT record tags and values, and zone-file owners: meaning,
// RFC link, max_age as a duration, an mx pattern's reach, each rua URI. Pure: core only.
import { readPolicy } from '../model/policy';
import { readZone, recordValueKind } from '../model/zone';
import { hoverReport } from '../report/hoverReport';
import { checkMxPattern } from '../mx';
import { humanDuration } from '../rules/policyFields';
import type { DocumentKind } from '../rules/types';
import { parseTagRecord, tagFields } from '../syntax/tagRecord';
import type { DecodedText } from '../syntax/zoneFile';
import { lineStartsOf } from '../text/lineIndex';
import type { Span } from '../text/span';
import type { ParsedDocument } from './parsed';
import { MODE_DOCS, OWNER_DOCS, POLICY_KEY_DOCS, STS_TAG_DOCS, TLSRPT_TAG_DOCS, mxReach, rfcLink } from './specText';

export interface Hover {
  /** Markdown. */
  readonly contents: string;
  readonly span: Span;
}

const inside = (s: Span, o: number) => o >= s.start && o <= s.end && s.end > s.start;

function policyHover(text: string, offset: number, parsed?: ParsedDocument): Hover | null {
  const model = parsed?.policy ?? readPolicy(text);
  const line = model.tree.lineAt(offset);
  if (model.tree.kind(line) === 'field') {
    const e = model.entryOfLine(line);
    if (inside(e.keySpan, offset)) {
      const doc = POLICY_KEY_DOCS[e.key] ?? `**${e.key}** — not a field of RFC 8461; senders ignore it (an extension). ${rfcLink(8461, '3.2')}`;
      return { contents: doc, span: e.keySpan };
    }
    if (!inside(e.valueSpan, offset)) return null;
    const v = e.value;
    let contents: string;
    if (e.key === 'mode') contents = MODE_DOCS[v] ? `**mode ${v}** — ${MODE_DOCS[v]} ${rfcLink(8461, '5')}` : `\`${v}\` is not a mode; use \`enforce\`, \`testing\` or \`none\`.`;
    else if (e.key === 'max_age') contents = /^[0-9]{1,10}$/.test(v) ? `**max_age** ${Number(v)} seconds = ${humanDuration(Number(v))}. Senders cache the policy this long after each fetch (at most 31557600 = 1 year). ${rfcLink(8461, '3.2')}` : '`max_age` must be a number of seconds.';
    else if (e.key === 'mx') contents = checkMxPattern(v).length === 0 ? `**mx** \`${v}\` ${mxReach(v)}. ${rfcLink(8461, '4.1')}` : `\`${v}\` is not a valid mx pattern, so senders ignore it.`;
    else if (e.key === 'version') contents = v === 'STSv1' ? `**STSv1** — the only policy version. ${rfcLink(8461, '3.2')}` : '`version` must be `STSv1`.';
    else contents = `Value of the extension field \`${e.key}\`; senders ignore it.`;
    return { contents, span: e.valueSpan };
  }
  return null;
}

function describeUri(uri: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(uri);
  if (!m) return `\`${uri}\` is not a URI (no scheme).`;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'mailto') return `Reports are mailed to \`${decodeURIComponentSafe(m[2]!.split('?')[0]!)}\`, gzipped JSON with a DKIM signature. ${rfcLink(8460, '3')}`;
  if (scheme === 'https') return `Reports are POSTed to \`${uri}\` as \`application/tlsrpt+gzip\`. ${rfcLink(8460, '3')}`;
  return `\`${scheme}:\` is not a report scheme; TLS-RPT supports only \`mailto:\` and \`https:\`.`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Hover within one record value; `offset` and the returned span are value offsets. */
function recordValueHover(value: string, offset: number, kind: 'sts' | 'tlsrpt'): Hover | null {
  const docs = kind === 'sts' ? STS_TAG_DOCS : TLSRPT_TAG_DOCS;
  for (const f of tagFields(parseTagRecord(value))) {
    const name = value.slice(f.name.start, f.name.end);
    if (inside(f.name, offset)) return { contents: docs[name] ?? `**${name}** — not defined for this record; ignored.`, span: f.name };
    if (!inside(f.value, offset)) continue;
    const v = value.slice(f.value.start, f.value.end);
    if (name === 'rua') {
      let start = f.value.start;
      for (const part of v.split(',')) {
        const end = start + part.length;
        if (offset >= start && offset <= end) {
          const lead = part.length - part.trimStart().length;
          const uri = part.trim();
          return { contents: describeUri(uri), span: { start: start + lead, end: start + lead + uri.length } };
        }
        start = end + 1;
      }
    }
    if (name === 'id') return { contents: `${STS_TAG_DOCS.id}\n\nThis id: \`${v}\` (${v.length} characters).`, span: f.value };
    if (name === 'v') return { contents: docs.v!, span: f.value };
  }
  return null;
}

function mapped(d: DecodedText, srcOffset: number): number {
  for (let i = 0; i < d.srcStart.length; i++) if (srcOffset >= d.srcStart[i]! && srcOffset < d.srcEnd[i]!) return i;
  return d.srcEnd.length && srcOffset === d.srcEnd[d.srcEnd.length - 1] ? d.value.length : -1;
}

function decodedHover(d: DecodedText, offset: number, fallbackKind: 'sts' | 'tlsrpt' | null): Hover | null {
  const k = recordValueKind(d.value);
  const kind = k === 'other' ? fallbackKind : k;
  const at = mapped(d, offset);
  if (!kind || at < 0) return null;
  const h = recordValueHover(d.value, at, kind);
  if (!h) return null;
  const a = h.span.start < d.srcStart.length ? d.srcStart[h.span.start]! : d.srcEnd[d.srcEnd.length - 1]!;
  const b = h.span.end > h.span.start ? d.srcEnd[h.span.end - 1]! : a;
  return { contents: h.contents, span: { start: a, end: b } };
}

function zoneHover(text: string, offset: number, parsed?: ParsedDocument): Hover | null {
  const zone = parsed?.zone ?? readZone(text);
  const tree = zone.tree;
  // By record number: no record objects, and only the TXT value under the cursor is decoded.
  for (let i = 0; i < zone.recordCount; i++) {
    const at = zone.recordOwnerAt(i);
    if (at >= 0) {
      const span = tree.tokenSpan(at);
      if (inside(span, offset)) {
        const first = text.slice(span.start, span.end).toLowerCase().split('.')[0]!;
        const key = first === '_smtp' ? '_smtp._tls' : first;
        const doc = OWNER_DOCS[key];
        return { contents: `${doc ?? `Owner \`${text.slice(span.start, span.end)}\``}\n\nFull name: \`${zone.recordOwner(i)}\``, span };
      }
    }
    const type = zone.recordType(i);
    if (type !== 'TXT' && type !== 'SPF') continue;
    const rs = tree.itemSpan(zone.recordTypeAt(i) + 1, tree.entryLast(zone.recordEntry(i)));
    if (rs && inside(rs, offset)) return decodedHover(zone.recordTxt(i)!, offset, null);
  }
  for (const s of zone.snippets) if (inside(s.span, offset)) return decodedHover(s.txt, offset, null);
  return null;
}

/**
 * Hover at `offset`. `parsed` is the model a lint of the same text already built (the language
 * server's cache); without it the text is parsed here.
 */
export function hover(text: string, kind: DocumentKind, offset: number, parsed?: ParsedDocument): Hover | null {
  const o = Math.max(0, Math.min(offset, text.length));
  if (kind === 'policy') return policyHover(text, o, parsed);
  if (kind === 'zone') return zoneHover(text, o, parsed);
  if (kind === 'tlsrpt-report') return hoverReport(text, o);
  const starts = lineStartsOf(text);
  let ln = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= o) ln = i;
  const a = starts[ln]!;
  let b = ln + 1 < starts.length ? starts[ln + 1]! : text.length;
  while (b > a && (text[b - 1] === '\n' || text[b - 1] === '\r')) b--;
  const line = text.slice(a, b);
  const k = recordValueKind(line);
  const h = recordValueHover(line, o - a, k === 'other' ? (kind === 'sts-record' ? 'sts' : 'tlsrpt') : k);
  return h ? { contents: h.contents, span: { start: h.span.start + a, end: h.span.end + a } } : null;
}
