// Prints the size of each bundle against the size budgets (docs/ARCHITECTURE.md, "Budgets").
// A miss is reported, not failed: budgets are ceilings to report, and the README's Performance
// section says by how much one is missed and why. A bundle missing altogether does fail.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KB = 1024;
const budgets = { activation: 30 * KB, total: 700 * KB };
const activationBundle = join('dist', 'extension.js');
// The strength estimator's bundle (zxcvbn and its dictionaries) is loaded only by the new-password
// box and change-password file checks; the budget is "< 700 KB + estimator", so it has a line of its own.
const ESTIMATOR = 'passwordStrength.js';
if (!existsSync(activationBundle)) {
  console.error(`${activationBundle} is missing: run node esbuild.mjs --production first`);
  process.exit(1);
}
const files = readdirSync('dist').filter((f) => f.endsWith('.js') && f !== ESTIMATOR);
let total = 0;
for (const file of files) {
  const size = statSync(join('dist', file)).size;
  total += size;
  console.log(`${file.padEnd(20)} ${(size / KB).toFixed(1).padStart(7)} KB`);
}
console.log(`${'dist/ in all'.padEnd(20)} ${(total / KB).toFixed(1).padStart(7)} KB  (without the estimator)`);
if (!existsSync(join('dist', ESTIMATOR))) {
  console.error(`dist/${ESTIMATOR} is missing: run node esbuild.mjs --production first`);
  process.exit(1);
}
console.log(
  `${`+ ${ESTIMATOR}`.padEnd(20)} ${(statSync(join('dist', ESTIMATOR)).size / KB).toFixed(1).padStart(7)} KB  (the strength estimator, loaded on demand)`,
);
const activation = statSync(activationBundle).size;
if (activation > budgets.activation) {
  console.warn(`BUDGET MISSED: dist/extension.js is ${(activation / KB).toFixed(1)} KB, over the ${budgets.activation / KB} KB budget`);
}
if (total > budgets.total) {
  console.warn(`BUDGET MISSED: dist/ is ${(total / KB).toFixed(1)} KB, over the ${budgets.total / KB} KB budget (estimator not counted)`);
}
