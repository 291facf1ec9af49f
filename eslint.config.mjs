import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import redos from 'eslint-plugin-redos';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      curly: 'error',
      // Prettier wraps code at 160; what it cannot wrap (comments) must fit too. A translatable message is one
      // string literal (the l10n exporter reads literals only), so strings may run longer.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      eqeqeq: 'error',
      'no-console': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The lazily loaded bundles are the only modules required at run time. `vscode` comes in as
      // `import vscode = require('vscode')`: bundled, that shares VS Code's API object, where
      // `import * as` copies its getters in every module at load (measured: +8 ms of activation in code-server).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^\\./(commands|passwordStrength)\\.js$'], allowAsImport: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='vscode']",
          message: "One style for vscode: import vscode = require('vscode'), and strings through @vscode/l10n's l10n.t.",
        },
      ],
    },
  },
  {
    // Input someone else controls (AWS files, change-password files, replies, proxy URLs) must be read in linear time.
    files: ['src/**/*.ts'],
    plugins: { redos },
    rules: { 'redos/no-vulnerable': 'error' },
  },
  {
    files: ['src/{secrets,profiles,password,aws,changePasswordFile}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'secrets/, profiles/, password/, aws/ and changePasswordFile/ must not depend on vscode.' }] },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable' } },
  },
);
