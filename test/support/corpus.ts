// Locates ../shared/corpus (beside the repository) and lists its files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = [join(__dirname, '..', '..', '..', 'shared', 'corpus'), join(__dirname, '..', '..', 'shared', 'corpus')].find((p) => existsSync(p)) ?? '';

export function corpusFiles(sub = ''): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (CORPUS) walk(join(CORPUS, sub));
  return out;
}
