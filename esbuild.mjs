// Three bundles: dist/extension.js is what activation loads and must stay small; dist/commands.js
// (the flows and the change-password file parser) and dist/iam.js (the AWS SDK) are required on
// first use.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  external: ['vscode', './iam.js', './commands.js'],
};

// A clean dist/, so nothing stale (source maps of a dev build) ends up in the package.
rmSync('dist', { recursive: true, force: true });

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', metafile: true }),
  esbuild.context({ ...common, entryPoints: { commands: 'src/commands.ts' }, outdir: 'dist', metafile: true }),
  esbuild.context({ ...common, entryPoints: { iam: 'src/core/iam.ts' }, outdir: 'dist', metafile: true }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
