// Cross-file checks over the policy and zone files of a workspace: each policy file against
// the zone records of its domain. The caller (the language server) finds the files, their
// domains and, in git repositories, what changed since HEAD. Pure: core only.
import { readPolicy, type PolicyModel } from './model/policy';
import { readZone, policyDomainOfOwner, recordValueKind, type ZoneModel, type ZoneRecord } from './model/zone';
import { matchingPatterns, mxMatches, normalizeHost } from './mx';
import { DiagnosticSink, type Diagnostic } from './rules/types';
import { wsIdNotChanged, wsMxNotInPolicy, wsPolicyWithoutRecord, wsRecordWithoutPolicy, wsStalePattern, wsTestingWithoutTlsrpt } from './rules/workspaceRules';
import { parseTagRecord, tagFields } from './syntax/tagRecord';

export interface WorkspacePolicy {
  readonly uri: string;
  readonly text: string;
  /** The policy domain, from the folder name `mta-sts.<domain>` or a setting; null when unknown. */
  readonly domain: string | null;
  /** In a git repository: the text at HEAD (null: new file or no repository). */
  readonly headText?: string | null;
}

export interface WorkspaceZone {
  readonly uri: string;
  readonly text: string;
  readonly headText?: string | null;
}

/** The domain a policy path belongs to, from a folder named `mta-sts.<domain>`. */
export function domainFromPolicyPath(path: string): string | null {
  const parts = path.replace(/\\/g, '/').split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const m = /^mta-sts\.(.+\..+)$/i.exec(decodeURIComponent(parts[i]!));
    if (m) return m[1]!.toLowerCase().replace(/\.$/, '');
  }
  return null;
}

interface DomainRecords {
  mx: { record: ZoneRecord; host: string; zone: WorkspaceZone }[];
  sts: { record: ZoneRecord; zone: WorkspaceZone; id: string | null }[];
  tlsrpt: ZoneRecord[];
  zone: WorkspaceZone;
}

function stsId(value: string): string | null {
  const f = tagFields(parseTagRecord(value)).find((x) => value.slice(x.name.start, x.name.end) === 'id');
  return f ? value.slice(f.value.start, f.value.end) : null;
}

function recordsByDomain(zones: readonly WorkspaceZone[]): Map<string, DomainRecords> {
  const out = new Map<string, DomainRecords>();
  const get = (d: string, zone: WorkspaceZone) => {
    let r = out.get(d);
    if (!r) out.set(d, (r = { mx: [], sts: [], tlsrpt: [], zone }));
    return r;
  };
  for (const zone of zones) {
    const model: ZoneModel = readZone(zone.text);
    for (const r of model.records) {
      if (r.owner.includes('@')) continue;
      if (r.type === 'MX') {
        const target = r.rdata[1] ? model.tree.text.slice(r.rdata[1].span.start, r.rdata[1].span.end) : '';
        if (!target || target === '.') continue;
        const host = target.endsWith('.') ? target.slice(0, -1) : model.origin && r.origin ? `${target}.${r.origin}` : target;
        get(normalizeHost(r.owner), zone).mx.push({ record: r, host: normalizeHost(host), zone });
      } else if (r.type === 'TXT' && r.txt) {
        const pd = policyDomainOfOwner(r.owner);
        const kind = recordValueKind(r.txt.value);
        if (pd?.kind === 'sts' && kind === 'sts') get(pd.domain, zone).sts.push({ record: r, zone, id: stsId(r.txt.value) });
        if (pd?.kind === 'tlsrpt' && kind === 'tlsrpt') get(pd.domain, zone).tlsrpt.push(r);
      }
    }
  }
  return out;
}

export interface CrossDiagnostic {
  readonly uri: string;
  readonly diagnostic: Diagnostic;
}

function firstLine(m: PolicyModel) {
  return { start: m.tree.start(0), end: m.tree.end(0) };
}

/** Runs every cross-file rule; diagnostics are keyed by the file they belong to. */
export function crossCheck(policies: readonly WorkspacePolicy[], zones: readonly WorkspaceZone[]): CrossDiagnostic[] {
  const out: CrossDiagnostic[] = [];
  const byDomain = recordsByDomain(zones);
  const push = (uri: string, sink: DiagnosticSink) => sink.items.forEach((diagnostic) => out.push({ uri, diagnostic }));
  const policyDomains = new Set<string>();
  for (const p of policies) {
    if (!p.domain) continue;
    policyDomains.add(p.domain);
    const recs = byDomain.get(p.domain);
    if (!recs) continue;
    const model = readPolicy(p.text);
    const psink = new DiagnosticSink();
    const zsink = new DiagnosticSink();
    const mode = model.modeValue;
    if (recs.sts.length === 0) psink.report(wsPolicyWithoutRecord, firstLine(model), `the zone for ${p.domain} (${recs.zone.uri.split('/').pop()}) has no \`_mta-sts.${p.domain}\` record, so senders never fetch this policy`);
    if (mode === 'testing' && recs.tlsrpt.length === 0) psink.report(wsTestingWithoutTlsrpt, model.mode!.valueSpan, `mode \`testing\` collects failure reports, but the zone for ${p.domain} has no \`_smtp._tls.${p.domain}\` record`);
    if (mode && mode !== 'none' && recs.mx.length > 0) {
      for (const mx of recs.mx) {
        if (matchingPatterns(model.mxPatterns, mx.host).length > 0) continue;
        const span = mx.record.rdata[1]?.span ?? mx.record.typeToken.span;
        const d = { code: wsMxNotInPolicy.code, name: wsMxNotInPolicy.name, severity: mode === 'enforce' ? 'error' as const : 'warning' as const, span,
          message: `MX \`${mx.host}\` matches no \`mx\` pattern of the ${mode} policy for ${p.domain}${mode === 'enforce' ? ', so senders refuse to deliver to it' : '; under enforce senders would refuse it'}` };
        out.push({ uri: mx.zone.uri, diagnostic: d });
      }
      for (let k = 0; k < model.entryLines.length; k++) {
        const pattern = model.entryPatterns[k]!;
        if (pattern < 0 || recs.mx.some((mx) => mxMatches(model.mxPatterns[pattern]!, mx.host))) continue;
        const e = model.entryOfLine(model.entryLines[k]!);
        psink.report(wsStalePattern, e.valueSpan, `\`${e.value}\` matches none of the MX records of ${p.domain} (${recs.mx.map((m) => m.host).join(', ')})`);
      }
    }
    // The policy changed since HEAD while the id stayed the same.
    if (p.headText !== undefined && p.headText !== null && p.headText !== p.text && recs.sts.length > 0) {
      const s = recs.sts[0]!;
      const headIds = s.zone.headText ? recordsByDomain([{ ...s.zone, text: s.zone.headText }]).get(p.domain)?.sts.map((x) => x.id) ?? [] : [];
      if (s.id !== null && headIds.includes(s.id)) {
        psink.report(wsIdNotChanged, firstLine(model), `this policy changed since the last commit, but the \`_mta-sts\` id is still \`${s.id}\`; senders keep their cached policy until the id changes`);
        const idAt = s.record.rdata[0]?.span ?? s.record.typeToken.span;
        zsink.report(wsIdNotChanged, idAt, `the policy for ${p.domain} changed since the last commit, but this id (\`${s.id}\`) did not; publish a new id once the new policy is live`);
      }
    }
    push(p.uri, psink);
    push(stsZoneUri(recs), zsink);
  }
  for (const [domain, recs] of byDomain) {
    if (policyDomains.has(domain) || policies.length === 0) continue;
    for (const s of recs.sts) {
      const sink = new DiagnosticSink();
      sink.report(wsRecordWithoutPolicy, s.record.ownerToken?.span ?? s.record.typeToken.span, `no policy file for ${domain} is in the workspace (expected in a folder named \`mta-sts.${domain}\`)`);
      push(s.zone.uri, sink);
    }
  }
  return out;
}

function stsZoneUri(recs: DomainRecords): string {
  return recs.sts[0]?.zone.uri ?? recs.zone.uri;
}
