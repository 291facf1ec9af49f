/**
 * The one place src/core's messages are translated from. src/core translates with @vscode/l10n
 * (it may not import vscode), which holds its translations in its own module state; each bundle
 * compiles its own copy of it, so activate() calls this for dist/extension.js and
 * createCommandHandlers() for dist/commands.js. Holds no state of its own, so it may be in
 * both bundles (esbuild.mjs SHARED_SOURCES).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Gives this bundle's @vscode/l10n the translations VS Code loaded for the extension (l10n/
 * bundle.l10n.<language>.json). Without them (English, or a language with no translation) there is
 * nothing to give, and core's messages stay as written.
 */
export function translateCoreMessages(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
