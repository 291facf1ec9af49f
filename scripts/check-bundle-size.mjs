// Prints the size of each bundle and fails when a size budget (docs/ARCHITECTURE.md, "Budgets") is exceeded.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KB = 1024;
const budgets = { activation: 40 * KB, total: 700 * KB };
const files = readdirSync('dist').filter((f) => f.endsWith('.js'));
let total = 0;
for (const file of files) {
  const size = statSync(join('dist', file)).size;
  total += size;
  console.log(`${file.padEnd(16)} ${(size / KB).toFixed(1).padStart(7)} KB`);
}
console.log(`${'dist/ in all'.padEnd(16)} ${(total / KB).toFixed(1).padStart(7)} KB`);
const activation = statSync(join('dist', 'extension.js')).size;
const misses = [];
if (activation > budgets.activation) {
  misses.push(`dist/extension.js is ${(activation / KB).toFixed(1)} KB, over the ${budgets.activation / KB} KB budget`);
}
if (total > budgets.total) {
  misses.push(`dist/ is ${(total / KB).toFixed(1)} KB, over the ${budgets.total / KB} KB budget`);
}
for (const miss of misses) {
  console.error(`BUDGET: ${miss}`);
}
process.exit(misses.length ? 1 : 0);
