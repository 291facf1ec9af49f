// Five bundles: dist/extension.js is what activation loads and must stay small; dist/profiles.js
// (the AWS config parser) is required just after activation; dist/commands.js (the flows and the
// change-password file parser) and dist/iam.js (the AWS SDK) are required on first use;
// dist/iam-extras.js holds the credential sources few profiles need (below).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Packages the SDK only ever import()s, for SSO, web identity, container or instance metadata and
// `aws login` credentials. They go to dist/iam-extras.js, required the first time one is needed, so
// dist/iam.js (static keys, roles, credential_process) stays small and quick to compile.
const EXTRA_PACKAGES = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/nested-clients/sso',
  '@aws-sdk/nested-clients/sso-oidc',
  '@aws-sdk/nested-clients/signin',
  '@aws-sdk/nested-clients/sts',
  '@smithy/credential-provider-imds',
];
const EXTRAS_FILE = './iam-extras.js';

/**
 * Bundled, `import * as vscode from 'vscode'` makes every module that has it copy the whole API
 * object (about 300 getters) when it loads, which cost activation several ms in VS Code. As
 * `import vscode = require('vscode')` they share the one object; the types are the same.
 */
const vscodeAsRequire = {
  name: 'vscode-as-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/^import \* as vscode from 'vscode';$/m, "import vscode = require('vscode');"),
      loader: 'ts',
    }));
  },
};

const common = {
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
  external: ['vscode', './iam.js', './commands.js', './profiles.js', EXTRAS_FILE],
  plugins: [vscodeAsRequire],
};

const extraPackagePattern = new RegExp(`^(${EXTRA_PACKAGES.map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);

/** In dist/iam.js, each extra package is a stub that requires it from dist/iam-extras.js. */
const extrasAsStubs = {
  name: 'iam-extras-stubs',
  setup(build) {
    build.onResolve({ filter: extraPackagePattern }, (args) => ({ path: args.path, namespace: 'iam-extras' }));
    build.onLoad({ filter: /.*/, namespace: 'iam-extras' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(EXTRAS_FILE)})[${JSON.stringify(args.path)}]();`,
      loader: 'js',
    }));
    // A stub that dist/iam.js reaches by static imports would load the extras with it, undoing the split.
    build.onEnd((result) => {
      const inputs = result.metafile?.inputs ?? {};
      const loaded = new Set(Object.keys(inputs).filter((file) => file.endsWith('src/core/iam.ts')));
      for (const file of loaded) {
        for (const imported of inputs[file]?.imports ?? []) {
          if (imported.kind !== 'dynamic-import') {
            loaded.add(imported.path);
          }
        }
      }
      const stubs = [...loaded].filter((file) => file.startsWith('iam-extras:'));
      return { errors: stubs.map((stub) => ({ text: `dist/iam.js loads ${stub.slice('iam-extras:'.length)} when required: it cannot live in ${EXTRAS_FILE}` })) };
    });
  },
};

const extrasEntry = EXTRA_PACKAGES.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n');

// A clean dist/, so nothing stale (source maps of a dev build) ends up in the package.
rmSync('dist', { recursive: true, force: true });

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', metafile: true }),
  esbuild.context({ ...common, entryPoints: { profiles: 'src/core/profiles.ts' }, outdir: 'dist', metafile: true }),
  esbuild.context({ ...common, entryPoints: { commands: 'src/commands.ts' }, outdir: 'dist', metafile: true }),
  esbuild.context({ ...common, entryPoints: { iam: 'src/core/iam.ts' }, outdir: 'dist', metafile: true, plugins: [vscodeAsRequire, extrasAsStubs] }),
  esbuild.context({
    ...common,
    stdin: { contents: `module.exports = {\n${extrasEntry}\n};\n`, resolveDir: process.cwd(), sourcefile: 'iam-extras.js', loader: 'js' },
    outfile: 'dist/iam-extras.js',
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
