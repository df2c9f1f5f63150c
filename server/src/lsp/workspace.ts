// The workspace index: finds policy and zone files in the open folders, keeps their text (from
// disk, or from the editor when open), reads their HEAD version through git, and runs the
// core's cross-file checks. The only LSP file that reads the file system or runs git.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crossCheck, domainFromPolicyPath, type Diagnostic } from '../core/index';

type FileKind = 'policy' | 'zone';

interface IndexedFile {
  readonly kind: FileKind;
  readonly path: string;
  text: string;
  headText: string | null | undefined;
}

const MAX_FILES = 2000;
const MAX_BYTES = 1 << 20;
const SKIP = new Set(['node_modules', '.git', 'dist', 'out']);

export function fileKind(path: string): FileKind | null {
  const name = basename(path).toLowerCase();
  if (name === 'mta-sts.txt') return 'policy';
  if (name.endsWith('.zone') || name.startsWith('db.')) return 'zone';
  return null;
}

function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: MAX_BYTES }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** The file's text at HEAD: a string, null when the file is new, undefined outside a repository. */
async function headText(path: string): Promise<string | null | undefined> {
  const dir = dirname(path);
  if ((await git(dir, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') return undefined;
  return git(dir, ['show', `HEAD:./${basename(path)}`]);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private folders: string[] = [];
  domains: Readonly<Record<string, string>> = {};

  constructor(private readonly log: (s: string) => void) {}

  async scan(folderUris: readonly string[]): Promise<void> {
    this.folders = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    let count = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8 || count >= MAX_FILES) return;
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if ((name.startsWith('.') && name !== '.well-known') || SKIP.has(name)) continue;
        const p = join(dir, name);
        const st = await stat(p).catch(() => null);
        if (!st) continue;
        if (st.isDirectory()) await walk(p, depth + 1);
        else if (st.isFile() && fileKind(p) && st.size <= MAX_BYTES && count++ < MAX_FILES) await this.load(p);
      }
    };
    for (const f of this.folders) await walk(f, 0);
    this.log(`workspace index: ${this.files.size} policy and zone files`);
  }

  private async load(path: string): Promise<void> {
    const kind = fileKind(path);
    if (!kind) return;
    const text = await readFile(path, 'utf8').catch(() => null);
    const uri = pathToFileURL(path).toString();
    if (text === null) {
      this.files.delete(uri);
      return;
    }
    const prev = this.files.get(uri);
    this.files.set(uri, { kind, path, text: prev?.text ?? text, headText: await headText(path) });
  }

  /** Updates a file from the editor's text (open documents win over the disk). */
  setText(uri: string, text: string): boolean {
    const f = this.files.get(uri);
    if (f) {
      if (f.text === text) return false;
      f.text = text;
      return true;
    }
    if (!uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    const kind = fileKind(path);
    if (!kind || !this.folders.some((d) => path.startsWith(d + sep))) return false;
    this.files.set(uri, { kind, path, text, headText: undefined });
    void headText(path).then((h) => {
      const g = this.files.get(uri);
      if (g) g.headText = h;
    });
    return true;
  }

  /** Re-reads a file after a change on disk (or forgets it when deleted). */
  async refresh(uri: string, deleted: boolean): Promise<void> {
    if (deleted) {
      this.files.delete(uri);
      return;
    }
    if (uri.startsWith('file:')) await this.load(fileURLToPath(uri));
  }

  textOf(uri: string): string | undefined {
    return this.files.get(uri)?.text;
  }

  private domainOf(path: string): string | null {
    for (const folder of this.folders) {
      const rel = relative(folder, path).split(sep).join('/');
      for (const [prefix, domain] of Object.entries(this.domains)) {
        if (rel === prefix || rel.startsWith(prefix.replace(/\/?$/, '/'))) return domain.toLowerCase().replace(/\.$/, '');
      }
    }
    return domainFromPolicyPath(path);
  }

  /** Cross-file diagnostics per URI. */
  check(): Map<string, Diagnostic[]> {
    const policies = [];
    const zones = [];
    for (const [uri, f] of this.files) {
      if (f.kind === 'policy') policies.push({ uri, text: f.text, domain: this.domainOf(f.path), headText: f.headText });
      else zones.push({ uri, text: f.text, headText: f.headText });
    }
    const out = new Map<string, Diagnostic[]>();
    for (const { uri, diagnostic } of crossCheck(policies, zones)) {
      const list = out.get(uri) ?? [];
      list.push(diagnostic);
      out.set(uri, list);
    }
    return out;
  }
}
