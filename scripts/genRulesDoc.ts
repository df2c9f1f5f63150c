// Writes docs/rules.md from the rule catalog (`npm run docs`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../server/src/core/rules/rulesDoc';

const path = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(path, renderRulesDoc());
console.log(`wrote ${path}`);
