// Four bundles: dist/extension.js is what activation loads (the wiring, the status bar and the
// AWS config parser); dist/commands.js holds the flows and the AWS SDK clients, loaded by
// the first command that needs them; dist/credentialExtras.js holds the credential sources few
// profiles need (below), loaded only by such a profile; dist/passwordStrength.js holds the
// strength estimator and its dictionaries, loaded when a new password is first checked.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Packages the SDK only ever import()s, for SSO, web identity, container or instance metadata and
// `aws login` credentials. They go to dist/credentialExtras.js, so the command bundle (static keys,
// roles, credential_process) stays small and quick to compile.
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
const EXTRAS_FILE = './credentialExtras.js';
const COMMANDS_FILE = './commands.js';
const STRENGTH_FILE = './passwordStrength.js';

/**
 * Source files that may be compiled into more than one bundle: pure helpers that hold no state and
 * define no class anyone checks with instanceof, so two copies cannot disagree.
 * src/window/coreTranslations.ts is in both on purpose: it configures the @vscode/l10n copy of the
 * bundle it is in (each bundle has its own, and src/core translates through it), holding nothing itself.
 */
const SHARED_SOURCES = new Set([
  'src/changePasswordFile/fileName.ts',
  'src/profiles/configuredEndpoints.ts',
  'src/profiles/identity.ts',
  'src/profiles/passwordAbility.ts',
  'src/secrets/redact.ts',
  'src/window/coreTranslations.ts',
  'src/window/notifications.ts',
  'src/window/quickPick.ts',
]);

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
  metafile: true,
  external: ['vscode', COMMANDS_FILE, EXTRAS_FILE, STRENGTH_FILE],
};

/** Fails the build when a source file outside SHARED_SOURCES lands in two bundles. */
const sourcesByBundle = new Map();
function oneBundlePerSource(bundle) {
  return {
    name: 'one-bundle-per-source',
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile) {
          return undefined;
        }
        sourcesByBundle.set(
          bundle,
          Object.keys(result.metafile.inputs).filter((file) => file.startsWith('src/')),
        );
        const errors = [];
        for (const file of sourcesByBundle.get(bundle)) {
          const others = [...sourcesByBundle].filter(([name, files]) => name !== bundle && files.includes(file)).map(([name]) => name);
          if (others.length > 0 && !SHARED_SOURCES.has(file)) {
            errors.push({
              text: `${file} is in dist/${bundle}.js and in dist/${others.join('.js, dist/')}.js: import it in one bundle only, or pass what it provides through CommandDeps`,
            });
          }
        }
        return { errors };
      });
    },
  };
}

const extraPackagePattern = new RegExp(`^(${EXTRA_PACKAGES.map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);

/** In the command bundle, each extra package is a stub that requires it from dist/credentialExtras.js. */
const extrasAsStubs = {
  name: 'credential-extras-stubs',
  setup(build) {
    build.onResolve({ filter: extraPackagePattern }, (args) => ({ path: args.path, namespace: 'credential-extras' }));
    build.onLoad({ filter: /.*/, namespace: 'credential-extras' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(EXTRAS_FILE)})[${JSON.stringify(args.path)}]();`,
      loader: 'js',
    }));
    // A stub that the command bundle reaches by static imports would load the extras with it, undoing the split.
    build.onEnd((result) => {
      const inputs = result.metafile?.inputs ?? {};
      const loaded = new Set(Object.keys(inputs).filter((file) => file === 'src/commands.ts'));
      for (const file of loaded) {
        for (const imported of inputs[file]?.imports ?? []) {
          if (imported.kind !== 'dynamic-import') {
            loaded.add(imported.path);
          }
        }
      }
      const stubs = [...loaded].filter((file) => file.startsWith('credential-extras:'));
      return {
        errors: stubs.map((stub) => ({
          text: `dist/commands.js loads ${stub.slice('credential-extras:'.length)} when required: it cannot live in ${EXTRAS_FILE}`,
        })),
      };
    });
  },
};

const extrasEntry = EXTRA_PACKAGES.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n');

// A clean dist/, so nothing stale (source maps of a dev build) ends up in the package.
rmSync('dist', { recursive: true, force: true });

const contexts = await Promise.all([
  esbuild.context({ ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [oneBundlePerSource('extension')] }),
  esbuild.context({
    ...common,
    entryPoints: { commands: 'src/commands.ts' },
    outdir: 'dist',
    plugins: [extrasAsStubs, oneBundlePerSource('commands')],
  }),
  esbuild.context({
    ...common,
    stdin: { contents: `module.exports = {\n${extrasEntry}\n};\n`, resolveDir: process.cwd(), sourcefile: 'credentialExtras.js', loader: 'js' },
    outfile: 'dist/credentialExtras.js',
    plugins: [oneBundlePerSource('credentialExtras')],
  }),
  // The command bundle imports only its types and requires it by STRENGTH_FILE.
  esbuild.context({
    ...common,
    entryPoints: { passwordStrength: 'src/password/passwordStrength.ts' },
    outdir: 'dist',
    plugins: [oneBundlePerSource('passwordStrength')],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) {
    process.exit(1);
  }
}
