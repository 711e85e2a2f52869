// Prints the refactor A/B runs (refactor-ab.sh): each run's p50 by kind per build, then all runs pooled.
import { readdirSync, readFileSync } from 'node:fs';

const files = readdirSync('/tmp')
  .filter((name) => /^ab-\d+\.json$/.test(name))
  .sort();
const sorted = (values) => [...values].sort((x, y) => x - y);
const p50 = (values) => sorted(values)[Math.floor((values.length - 1) / 2)];
const p99 = (values) => sorted(values)[Math.min(values.length - 1, Math.floor(0.99 * values.length))];
const pooled = {};
for (const file of files) {
  const run = JSON.parse(readFileSync(`/tmp/${file}`, 'utf8'));
  console.log(file);
  for (const [build, samples] of Object.entries(run)) {
    const kinds = Object.entries(samples.byKind);
    console.log(`  ${build}  ${kinds.map(([kind, values]) => `${kind} ${p50(values).toFixed(1)}`).join('  ')}`);
    for (const [kind, values] of kinds) ((pooled[build] ??= {})[kind] ??= []).push(...values);
  }
}
console.log('pooled (ms, p50 / p99, samples)');
for (const [build, kinds] of Object.entries(pooled)) {
  const line = Object.entries(kinds).map(
    ([kind, values]) => `${kind} ${p50(values).toFixed(1)} / ${p99(values).toFixed(1)} n${values.length}`,
  );
  console.log(`  ${build}  ${line.join('  ')}`);
}
