// dist/extension.js is what activation loads; dist/commands.js (the flows and the AWS SDK) is required by the
// first command that needs it; dist/passwordStrength.js (the strength estimator) by the first new password.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import ts from 'typescript';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * What would make two copies of a module disagree: a module-level `let` or `var`, an object made
 * with `new` that its type lets change (a `Readonly` one cannot), a class (`instanceof`) or a `Symbol()`.
 */
function identityOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isNewExpression(node) || (ts.isCallExpression(node) && node.expression.getText(source) === 'Symbol')) {
      found.push(node.getText(source).split('(')[0]);
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement)) {
      found.push(`class ${statement.name?.text}`);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!(statement.declarationList.flags & ts.NodeFlags.Const)) {
          found.push(`let ${declaration.name.getText(source)}`);
        } else if (!declaration.type?.getText(source).startsWith('Readonly')) {
          visit(declaration);
        }
      }
    } else {
      visit(statement);
    }
  }
  return found;
}

/** A source in two bundles is two copies: allowed only when it has no identity of its own (above). */
const oneCopyOfState = {
  name: 'one-copy-of-state',
  setup(build) {
    build.onEnd((result) => {
      const bundlesOf = new Map();
      for (const [bundle, { inputs }] of Object.entries(result.metafile?.outputs ?? {})) {
        for (const file of Object.keys(inputs).filter((input) => input.startsWith('src/'))) {
          bundlesOf.set(file, [...(bundlesOf.get(file) ?? []), bundle]);
        }
      }
      const errors = [...bundlesOf]
        .filter(([, bundles]) => bundles.length > 1)
        .flatMap(([file, bundles]) => {
          const identity = identityOf(file);
          return identity.length === 0
            ? []
            : [
                {
                  text: `${file} is in ${bundles.join(' and ')} and holds ${identity.join('; ')}: import it in one bundle only, or pass it through ActivationDeps`,
                },
              ];
        });
      return { errors };
    });
  },
};

// A clean dist/, so nothing stale (source maps of a dev build) ends up in the package.
rmSync('dist', { recursive: true, force: true });

const context = await esbuild.context({
  entryPoints: { extension: 'src/extension.ts', commands: 'src/commands.ts', passwordStrength: 'src/password/passwordStrength.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The SDK's ES module builds, so esbuild can drop what is not used (the CommonJS builds are
  // one file per package, kept whole).
  mainFields: ['module', 'main'],
  // import() as a require() in a promise: Node then never starts its ES module loader for it.
  supported: { 'dynamic-import': false },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  outdir: 'dist',
  external: ['vscode', './commands.js', './passwordStrength.js'],
  plugins: [oneCopyOfState],
});

if (watch) {
  await context.watch();
} else {
  const result = await context.rebuild().catch(() => undefined);
  await context.dispose();
  process.exit(result ? 0 : 1);
}
