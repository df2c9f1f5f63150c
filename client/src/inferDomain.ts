// Guesses which domain the user wants to check from the file in front of them: a folder named
// `mta-sts.<domain>`, a zone's `$ORIGIN` or `_mta-sts.<domain>` owner, or a policy's mx lines.
// Imports no vscode, so tests can call it directly.

function clean(d: string): string {
  return d.toLowerCase().replace(/\.$/, '');
}

/** Candidate domains, most likely first, without duplicates. */
export function inferDomains(path: string, languageId: string, text: string): string[] {
  const out: string[] = [];
  const add = (d: string | undefined) => {
    if (d && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(clean(d)) && !out.includes(clean(d))) out.push(clean(d));
  };
  for (const part of path.replace(/\\/g, '/').split('/').reverse()) add(/^mta-sts\.(.+\..+)$/i.exec(part)?.[1]);
  const head = text.slice(0, 65536);
  if (languageId !== 'mta-sts') {
    add(/^\$ORIGIN\s+(\S+)/im.exec(head)?.[1]);
    for (const m of head.matchAll(/^_(?:mta-sts|smtp\._tls)\.(\S+?)\.?\s/gim)) add(m[1]);
  } else {
    for (const m of head.matchAll(/^mx:[ \t]*(?:\*\.)?(\S+)/gm)) {
      const labels = m[1]!.split('.');
      if (labels.length >= 2) add(labels.slice(-2).join('.'));
    }
  }
  return out;
}
