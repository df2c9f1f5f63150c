// The long robustness run (`npm run fuzz`, not part of `npm test`): the core's properties of
// test/robust/properties.ts over many random and mutated-corpus inputs.
// Usage: npm run fuzz -- [--runs N] [--seed N]   (default 1,000,000 runs, a random seed)
// Prints the seed first and the number of cases at the end; on a failure fast-check prints the
// shrunk counterexample and how to replay it, and the exit status is 1.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { allProperties, anyInput } from '../test/robust/properties';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = values.runs ? Number(values.runs) : 1_000_000;
const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed N]');
  process.exit(2);
}
console.log(`fuzz: ${runs.toLocaleString('en-US')} cases, seed ${seed} (replay with --seed ${seed} --runs ${runs})`);
const t0 = Date.now();
let count = 0;
const every = Math.max(1, Math.floor(runs / 20));
try {
  fc.assert(
    fc.property(anyInput, fc.double({ min: 0, max: 1, noNaN: true }), (text, where) => {
      if (++count % every === 0) console.log(`  ${count.toLocaleString('en-US')} cases, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      allProperties(text, where);
    }),
    { numRuns: runs, seed },
  );
} catch (e) {
  console.error((e as Error).message);
  console.error(`fuzz: FAILED after ${count.toLocaleString('en-US')} cases (including shrinking), seed ${seed}`);
  process.exit(1);
}
console.log(`fuzz: ${runs.toLocaleString('en-US')} cases passed in ${((Date.now() - t0) / 1000).toFixed(0)} s, seed ${seed}`);
