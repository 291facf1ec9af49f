// Renders media/icon.svg to media/icon.png (256 x 256), the icon package.json names.
// Usage: npm run icon [-- SIZE OUT.png] (a preview at another size, e.g. 32 /tmp/icon-32.png).
// The PNG is committed, so packaging and CI never render it. @resvg/resvg-js ships its renderer
// in per-platform packages of the npm registry: nothing is downloaded at install time.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const [sizeArg, outArg] = process.argv.slice(2);
const size = Number(sizeArg ?? 256);
const source = fileURLToPath(new URL('../media/icon.svg', import.meta.url));
const target = outArg ? resolve(outArg) : fileURLToPath(new URL('../media/icon.png', import.meta.url));

const png = new Resvg(readFileSync(source), { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
writeFileSync(target, png);
console.log(`${target}: ${size} x ${size}, ${png.length} bytes`);
